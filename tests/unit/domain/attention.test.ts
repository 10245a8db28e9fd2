import { describe, expect, it } from 'vitest';
import { attentionAt, attentionItems, type AttentionJob, type AttentionKind } from '../../../domain/attention';
import type { Appointment, Job } from '../../../domain/entities';
import { DEFAULT_ATTENTION, type AttentionThresholds } from '../../../domain/organization';
import { deriveJobStatus } from '../../../domain/status';
import { DEFAULT_COMPLETE_REASONS } from '../../../domain/reasons';
import { instantAt } from '../../../domain/zone';

/** Tuesday 4 March 2031 in Austin (CST, UTC−6): the office's day every row is read on. */
const ZONE = 'America/Chicago';
const MINUTE = 60_000;
const at = (hour: number, minute = 0, dayOffset = 0) =>
  instantAt({ year: 2031, month: 3, day: 4 + dayOffset }, ZONE, hour, minute);

const FIVE_DAYS_AGO = at(7, 0, -5);
const NINE = at(9);

const job = (overrides: Partial<Job> = {}): Job => ({
  id: 'job-1',
  organizationId: 'org-coolair',
  sourceId: null,
  customerId: 'cus-1',
  title: 'No heat',
  address: { street1: '1 Main St', city: 'Austin' },
  timeWindows: [],
  lifecycle: 'open',
  createdAt: FIVE_DAYS_AGO,
  version: 1,
  ...overrides,
});

const visit = (overrides: Partial<Appointment> = {}): Appointment => ({
  id: 'apt-1',
  jobId: 'job-1',
  organizationId: 'org-coolair',
  technicianId: 'u-tech1',
  start: NINE,
  durationMinutes: 120,
  status: 'scheduled',
  version: 1,
  ...overrides,
});

const PAUSING = DEFAULT_COMPLETE_REASONS.find((reason) => reason.effect === 'pause')!;

/** A job as the console summarizes it: status derived from its appointments by the domain's own rule. */
function summary(jobOverrides: Partial<Job>, appointments: Appointment[] = []): AttentionJob {
  const entity = job(jobOverrides);
  const byId = new Map(DEFAULT_COMPLETE_REASONS.map((reason) => [reason.id, reason]));
  return { job: entity, status: deriveJobStatus(entity, appointments, (id) => byId.get(id)), appointments };
}

const kinds = (jobs: AttentionJob[], now: number, thresholds: AttentionThresholds = DEFAULT_ATTENTION) =>
  attentionItems(jobs, now, thresholds, ZONE).map((item) => item.kind);

interface Row {
  name: string;
  jobs: AttentionJob[];
  now: number;
  thresholds?: Partial<AttentionThresholds>;
  expected: AttentionKind[];
}

function table(rows: Row[]) {
  it.each(rows)('$name', ({ jobs, now, thresholds, expected }) => {
    expect(kinds(jobs, now, { ...DEFAULT_ATTENTION, ...thresholds })).toEqual(expected);
  });
}

describe('late start: a visit whose start passed, beyond the grace, without On My Way', () => {
  const booked = [summary({}, [visit()])];
  table([
    { name: 'before the start', jobs: booked, now: at(8, 59), expected: [] },
    { name: 'within the 15-minute grace', jobs: booked, now: at(9, 14), expected: [] },
    { name: 'exactly at the end of the grace', jobs: booked, now: at(9, 15), expected: [] },
    { name: 'one millisecond past the grace', jobs: booked, now: at(9, 15) + 1, expected: ['late_start'] },
    {
      name: 'a shorter grace',
      jobs: booked,
      now: at(9, 6),
      thresholds: { lateStartGraceMinutes: 5 },
      expected: ['late_start'],
    },
    { name: 'a longer grace', jobs: booked, now: at(9, 20), thresholds: { lateStartGraceMinutes: 30 }, expected: [] },
    {
      name: 'On My Way (within its ETA)',
      jobs: [summary({}, [visit({ status: 'enroute', enrouteAt: at(9, 10), etaMinutes: 30 })])],
      now: at(9, 30),
      expected: [],
    },
    {
      name: 'a canceled visit',
      jobs: [summary({}, [visit({ status: 'canceled', canceledAt: at(8) })])],
      now: at(10),
      expected: [],
    },
    {
      name: 'a visit of a canceled job',
      jobs: [summary({ lifecycle: 'canceled' }, [visit()])],
      now: at(10),
      expected: [],
    },
    {
      name: 'a forgotten visit of yesterday',
      jobs: [summary({}, [visit({ start: at(15, 0, -1) })])],
      now: at(8),
      expected: ['late_start'],
    },
  ]);

  it('says since when and why, on the office clock', () => {
    const [item] = attentionItems(booked, at(9, 40), DEFAULT_ATTENTION, ZONE);
    expect(item).toEqual({
      kind: 'late_start',
      jobId: 'job-1',
      appointmentId: 'apt-1',
      technicianId: 'u-tech1',
      since: at(9),
      why: 'Due to start at 9:00 AM; no On My Way yet',
    });
    const [yesterday] = attentionItems(
      [summary({}, [visit({ start: at(15, 0, -1) })])],
      at(8),
      DEFAULT_ATTENTION,
      ZONE,
    );
    expect(yesterday.why).toBe('Due to start yesterday at 3:00 PM; no On My Way yet');
    const [unassigned] = attentionItems(
      [summary({}, [visit({ technicianId: null })])],
      at(10),
      DEFAULT_ATTENTION,
      ZONE,
    );
    expect(unassigned.why).toBe('Due to start at 9:00 AM; no technician assigned');
  });
});

describe('ETA overrun: On My Way past the ETA without Start', () => {
  const onTheWay = [summary({}, [visit({ status: 'enroute', enrouteAt: at(8, 40), etaMinutes: 25 })])];
  table([
    { name: 'before the ETA', jobs: onTheWay, now: at(9, 4), expected: [] },
    { name: 'exactly at the ETA', jobs: onTheWay, now: at(9, 5), expected: [] },
    { name: 'just past the ETA', jobs: onTheWay, now: at(9, 5) + 1, expected: ['eta_overrun'] },
    {
      name: 'no ETA given: the 30 minutes On My Way defaults to',
      jobs: [summary({}, [visit({ status: 'enroute', enrouteAt: at(8, 40) })])],
      now: at(9, 10) + 1,
      expected: ['eta_overrun'],
    },
    {
      name: 'started',
      jobs: [summary({}, [visit({ status: 'started', enrouteAt: at(8, 40), startedAt: at(9, 30) })])],
      now: at(9, 40),
      expected: [],
    },
  ]);

  it('is due since the ETA', () => {
    const [item] = attentionItems(onTheWay, at(9, 20), DEFAULT_ATTENTION, ZONE);
    expect(item).toMatchObject({ kind: 'eta_overrun', since: at(9, 5), appointmentId: 'apt-1' });
    expect(item.why).toBe('On My Way at 8:40 AM, expected by 9:05 AM; not started yet');
  });
});

describe('running over: a started visit past its booked end', () => {
  const working = [summary({}, [visit({ status: 'started', startedAt: at(9, 5) })])];
  table([
    { name: 'within its slot', jobs: working, now: at(10, 59), expected: [] },
    { name: 'exactly at its end', jobs: working, now: at(11), expected: [] },
    { name: 'just past its end', jobs: working, now: at(11) + 1, expected: ['running_over'] },
    {
      name: 'complete',
      jobs: [summary({ lifecycle: 'complete' }, [visit({ status: 'complete', completedAt: at(11, 30) })])],
      now: at(12),
      expected: [],
    },
  ]);

  it('is due since the booked end', () => {
    const [item] = attentionItems(working, at(11, 25), DEFAULT_ATTENTION, ZONE);
    expect(item).toMatchObject({ kind: 'running_over', since: at(11) });
    expect(item.why).toBe('Booked 9:00–11:00 AM; still in progress');
  });
});

describe('offer waiting: an offer unanswered longer than the set time', () => {
  const offer = [summary({ lifecycle: 'offered', sourceId: 'org-acme', createdAt: at(8) })];
  table([
    { name: 'younger than the hour', jobs: offer, now: at(8, 59), expected: [] },
    { name: 'exactly an hour old', jobs: offer, now: at(9), expected: [] },
    { name: 'past the hour', jobs: offer, now: at(9) + 1, expected: ['offer_waiting'] },
    {
      name: 'a longer wait allowed',
      jobs: offer,
      now: at(9, 30),
      thresholds: { offerWaitingMinutes: 120 },
      expected: [],
    },
    {
      name: 'withdrawn',
      jobs: [summary({ lifecycle: 'canceled', withdrawn: true, createdAt: at(8) })],
      now: at(12),
      expected: [],
    },
    { name: 'accepted', jobs: [summary({ createdAt: at(8) })], now: at(12), expected: [] },
    { name: 'declined', jobs: [summary({ lifecycle: 'rejected', createdAt: at(8) })], now: at(12), expected: [] },
  ]);

  it('is due since it arrived', () => {
    const [item] = attentionItems(offer, at(10), DEFAULT_ATTENTION, ZONE);
    expect(item).toEqual({
      kind: 'offer_waiting',
      jobId: 'job-1',
      since: at(8),
      why: 'Offered at 8:00 AM; not accepted or declined yet',
    });
  });
});

describe('paused aging: a job Paused for more than the set number of days', () => {
  const pausedAt = at(16, 20, -3);
  const parts = visit({
    status: 'complete',
    start: at(14, 0, -3),
    completedAt: pausedAt,
    completeReasonId: PAUSING.id,
  });
  const paused = [summary({}, [parts])];
  table([
    { name: 'paused under three days', jobs: paused, now: at(16, 19), expected: [] },
    { name: 'exactly three days', jobs: paused, now: at(16, 20), expected: [] },
    { name: 'past three days', jobs: paused, now: at(16, 20) + 1, expected: ['paused_aging'] },
    { name: 'five days allowed', jobs: paused, now: at(20), thresholds: { pausedAgingDays: 5 }, expected: [] },
    {
      name: 'a revisit booked (Scheduled, not Paused)',
      jobs: [summary({}, [parts, visit({ id: 'apt-2', start: at(9, 0, 1) })])],
      now: at(20),
      expected: [],
    },
    {
      name: 'the last visit is the one that counts',
      jobs: [
        summary({}, [
          visit({ id: 'apt-0', status: 'complete', completedAt: at(9, 0, -6), completeReasonId: PAUSING.id }),
          parts,
        ]),
      ],
      now: at(12),
      expected: [],
    },
  ]);

  it('is due since the pause', () => {
    const [item] = attentionItems(paused, at(18), DEFAULT_ATTENTION, ZONE);
    expect(item).toMatchObject({ kind: 'paused_aging', since: pausedAt });
    expect(item.appointmentId).toBeUndefined();
    expect(item.why).toBe('Paused since Sat, Mar 1, 4:20 PM, more than 3 days without a visit');
  });
});

describe("window today: an Unscheduled job whose customer prefers a window today (the office's today)", () => {
  const afternoon = { start: at(13), end: at(17) };
  const unscheduled = (windows = [afternoon]) => [summary({ timeWindows: windows })];
  table([
    { name: 'early in the morning', jobs: unscheduled(), now: at(6), expected: ['window_today'] },
    { name: 'during the window', jobs: unscheduled(), now: at(14), expected: ['window_today'] },
    { name: 'late at night, the window missed', jobs: unscheduled(), now: at(23, 59), expected: ['window_today'] },
    {
      name: 'the window is tomorrow',
      jobs: unscheduled([{ start: at(8, 0, 1), end: at(12, 0, 1) }]),
      now: at(14),
      expected: [],
    },
    {
      name: 'the window was yesterday',
      jobs: unscheduled([{ start: at(8, 0, -1), end: at(12, 0, -1) }]),
      now: at(9),
      expected: [],
    },
    { name: 'no window', jobs: unscheduled([]), now: at(9), expected: [] },
    {
      name: 'scheduled',
      jobs: [summary({ timeWindows: [afternoon] }, [visit({ start: at(13) })])],
      now: at(9),
      expected: [],
    },
    {
      name: 'an offer with a window today',
      jobs: [summary({ lifecycle: 'offered', timeWindows: [afternoon], createdAt: at(8, 30) })],
      now: at(9),
      expected: [],
    },
  ]);

  it("cuts the day in the office's zone, not the machine's", () => {
    // 8–10 PM in Austin is 2–4 AM the next day in UTC: today's for a Chicago office, tomorrow's for a UTC one.
    const evening = unscheduled([{ start: at(20), end: at(22) }]);
    expect(kinds(evening, at(12))).toEqual(['window_today']);
    expect(attentionItems(evening, at(12), DEFAULT_ATTENTION, 'UTC')).toEqual([]);
  });

  it('names the window and is due since it opens', () => {
    const [item] = attentionItems(unscheduled(), at(9), DEFAULT_ATTENTION, ZONE);
    expect(item).toEqual({
      kind: 'window_today',
      jobId: 'job-1',
      since: at(13),
      why: 'The customer prefers 1:00–5:00 PM today; not scheduled',
    });
  });
});

describe('as the clock passes', () => {
  it('says when the list next changes: the earliest threshold ahead', () => {
    const jobs = [
      summary({ id: 'job-a' }, [visit({ jobId: 'job-a', start: at(10) })]),
      summary({ id: 'job-b', lifecycle: 'offered', createdAt: at(9, 30) }),
      summary({ id: 'job-c' }, [
        visit({ id: 'apt-c', jobId: 'job-c', status: 'started', start: at(9), durationMinutes: 90 }),
      ]),
    ];
    expect(attentionAt(jobs, at(9, 40), DEFAULT_ATTENTION, ZONE)).toEqual({ items: [], nextChange: at(10, 15) + 1 });
    expect(attentionAt(jobs, at(10, 15) + 1, DEFAULT_ATTENTION, ZONE).nextChange).toBe(at(10, 30) + 1);
    expect(attentionAt(jobs, at(10, 30), DEFAULT_ATTENTION, ZONE).nextChange).toBe(at(10, 30) + 1);
    const later = attentionAt(jobs, at(10, 30) + 1, DEFAULT_ATTENTION, ZONE);
    expect(later.items.map((item) => item.kind)).toEqual(['late_start', 'running_over', 'offer_waiting']);
    expect(later.nextChange).toBeUndefined();
  });

  it("wakes at the office's midnight for tomorrow's preferred windows", () => {
    const jobs = [summary({ timeWindows: [{ start: at(8, 0, 1), end: at(12, 0, 1) }] })];
    const state = attentionAt(jobs, at(15), DEFAULT_ATTENTION, ZONE);
    expect(state).toEqual({ items: [], nextChange: at(0, 0, 1) });
    expect(kinds(jobs, state.nextChange!)).toEqual(['window_today']);
  });

  it('lists by kind, then oldest first', () => {
    const jobs = [
      summary({ id: 'job-offer', lifecycle: 'offered', createdAt: at(7) }),
      summary({ id: 'job-late-2' }, [visit({ id: 'apt-2', jobId: 'job-late-2', start: at(9, 30) })]),
      summary({ id: 'job-late-1' }, [visit({ id: 'apt-1', jobId: 'job-late-1', start: at(9) })]),
      summary({ id: 'job-window', timeWindows: [{ start: at(13), end: at(17) }] }),
      summary({ id: 'job-eta' }, [
        visit({ id: 'apt-3', jobId: 'job-eta', status: 'enroute', enrouteAt: at(9), etaMinutes: 20 }),
      ]),
    ];
    expect(attentionItems(jobs, at(10), DEFAULT_ATTENTION, ZONE).map((item) => item.jobId)).toEqual([
      'job-late-1',
      'job-late-2',
      'job-eta',
      'job-window',
      'job-offer',
    ]);
  });

  it('lists each late visit of a job on its own', () => {
    const jobs = [summary({}, [visit({ id: 'apt-1', start: at(8) }), visit({ id: 'apt-2', start: at(9) })])];
    expect(attentionItems(jobs, at(10), DEFAULT_ATTENTION, ZONE).map((item) => item.appointmentId)).toEqual([
      'apt-1',
      'apt-2',
    ]);
  });
});

it('over 20,000 booked jobs, lists only the visits that are late', () => {
  const eight = at(8);
  const jobs: AttentionJob[] = Array.from({ length: 20_000 }, (_, index) => ({
    job: job({ id: `job-${index}` }),
    status: 'scheduled',
    appointments: [visit({ id: `apt-${index}`, jobId: `job-${index}`, start: eight + index * MINUTE })],
  }));
  // Due from start + 15 min: the visits booked 8:00 to 11:44 are late at noon, 11:45 is not yet.
  expect(attentionItems(jobs, at(12), DEFAULT_ATTENTION, ZONE)).toHaveLength(225);
});
