// The demo read at fixed office hours (issue 15, "a demo that reads like a real afternoon"): the server's
// clock is set to 7 AM, noon, 4 PM and 9 PM in Austin and the demo loaded then; what it built must match
// that hour.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attentionItems,
  DEFAULT_ATTENTION,
  deriveJobStatus,
  instantAt,
  isAvailable,
  missingSkills,
  parseIsoDay,
  zoneDay,
  type Appointment,
  type Job,
} from '../../domain';
import { startServer, type RunningServer } from '../../server/app';
import { DEMO_TIME_ZONE, loadDemo } from '../../server/demo';
import { testStorage, type TestStorage } from './support/store';

const COOLAIR = 'org-coolair';
const MINUTE = 60_000;
/** A Thursday in December (Central Standard Time), and the Sunday clocks spring forward (a 23-hour day). */
const DAY = '2026-12-03';
const LATE_KINDS = ['late_start', 'eta_overrun', 'running_over'];
/** The jobs end-to-end specs act on: Scheduled whatever the hour (they are booked for tomorrow). */
const SPEC_FIXTURES = ['job-1016', 'job-1020', 'job-1022', 'job-1027'];

interface Loaded {
  now: number;
  jobs: Job[];
  appointments: Appointment[];
  server: RunningServer;
}

const end = (visit: Appointment) => visit.start + visit.durationMinutes * MINUTE;

async function loadAt(day: string, hour: number, minute = 0): Promise<Loaded & { storage: TestStorage }> {
  const now = instantAt(parseIsoDay(day), DEMO_TIME_ZONE, hour, minute);
  const storage = await testStorage('demo-day');
  const server = await startServer({
    port: 0,
    dataDir: storage.dataDir,
    databaseUrl: storage.databaseUrl,
    log: pino({ level: 'silent' }),
    clock: () => now,
  });
  expect(await loadDemo(server.context)).toBe(true);
  const { store } = server.context;
  const jobs = (await store.listJobs({ organizationIds: [COOLAIR], limit: 1000, offset: 0 })).items;
  const appointments = (await store.listAppointments({ organizationIds: [COOLAIR], limit: 1000, offset: 0 })).items;
  return { now, jobs, appointments, server, storage };
}

/** The demo's shape at `hour` office time: what holds at every hour, then what `expectations` add. */
function describeHour(label: string, day: string, hour: number, expectations: (demo: () => Loaded) => void) {
  describe(`the demo loaded at ${label}`, () => {
    let loaded: Loaded & { storage: TestStorage };
    beforeAll(async () => {
      loaded = await loadAt(day, hour);
    });
    afterAll(async () => {
      await loaded?.server.close();
      await loaded?.storage.remove();
    });
    const demo = () => loaded;
    const today = () => loaded.appointments.filter((visit) => zoneDay(visit.start, DEMO_TIME_ZONE) === day);
    const summaries = async () => {
      const { directory, store } = loaded.server.context;
      const reasonOf = (id: string) => directory.completeReasons().find((reason) => reason.id === id);
      return Promise.all(
        loaded.jobs.map(async (job) => {
          const appointments = await store.appointmentsOfJob(job.id);
          return { job, appointments, status: deriveJobStatus(job, appointments, reasonOf) };
        }),
      );
    };

    it("puts each of today's visits where the clock is: ended ones worked, ahead ones Scheduled", () => {
      const { now } = loaded;
      expect(today().length).toBeGreaterThanOrEqual(16);
      for (const visit of today()) {
        const where = `${visit.id} ${visit.status}`;
        if (end(visit) <= now) {
          expect(visit.status, where).toBe('complete');
          expect(visit.completeReasonId, where).toBeTruthy();
          expect(visit.completedAt!, where).toBeLessThanOrEqual(now);
        } else if (visit.start > now) {
          // Ahead: Scheduled, or its technician already On My Way when it starts within half an hour.
          if (visit.status !== 'scheduled') expect([where, visit.start - now <= 30 * MINUTE]).toEqual([where, true]);
          expect(['scheduled', 'enroute'], where).toContain(visit.status);
        } else {
          // Under way: Started or On My Way, or the one left late on purpose (counted below).
          expect(['scheduled', 'enroute', 'started'], where).toContain(visit.status);
        }
      }
    });

    it('flags one or two late visits, all true: a late start today only while visits are under way', async () => {
      const { now } = loaded;
      const items = attentionItems(await summaries(), now, DEFAULT_ATTENTION, DEMO_TIME_ZONE);
      const late = items.filter((item) => LATE_KINDS.includes(item.kind));
      // No On My Way past its ETA and nothing running past its booked end.
      expect(late.map((item) => item.kind).filter((kind) => kind !== 'late_start')).toEqual([]);
      expect(late.length).toBeGreaterThanOrEqual(1);
      expect(late.length).toBeLessThanOrEqual(2);
      const underWay = today().filter((visit) => visit.start <= now && now < end(visit));
      const lateToday = late.filter((item) => zoneDay(item.since, DEMO_TIME_ZONE) === day);
      expect(lateToday.length).toBeLessThanOrEqual(underWay.length >= 2 ? 1 : 0);
      // Every visit under way but the late one is really worked on.
      const lateIds = new Set(lateToday.map((item) => item.appointmentId));
      for (const visit of underWay.filter((candidate) => !lateIds.has(candidate.id)))
        expect(['enroute', 'started'], visit.id).toContain(visit.status);
    });

    it('leaves every completed visit the history a technician would: Started (or nobody home), then Complete', async () => {
      const { store } = loaded.server.context;
      const completed = loaded.appointments.filter((visit) => visit.status === 'complete');
      expect(completed.length).toBeGreaterThanOrEqual(8);
      for (const visit of completed) {
        const history = (await store.activityOfJob(visit.jobId)).filter(
          (event) => event.appointmentId === visit.id && event.kind === 'appointment.status',
        );
        const steps = history.map((event) => `${event.from}→${event.to}`);
        expect(steps.at(-1), visit.id).toMatch(/→complete$/);
        expect(steps[0], visit.id).toMatch(/^scheduled→/);
        expect(
          history.every((event) => event.source === 'mobile' && event.occurredAt <= loaded.now),
          visit.id,
        ).toBe(true);
        expect(history.map((event) => event.occurredAt)).toEqual(history.map((event) => event.occurredAt).sort());
      }
      // A few jobs from earlier days were finished too, by the technicians who worked them.
      const earlier = completed.filter((visit) => zoneDay(visit.start, DEMO_TIME_ZONE) < day);
      expect(new Set(earlier.map((visit) => visit.jobId)).size).toBeGreaterThanOrEqual(5);
    });

    it('books every visit within its technician’s hours and skills, and nobody twice at once', () => {
      const { directory } = loaded.server.context;
      const booked = loaded.appointments.filter((visit) => visit.status !== 'canceled');
      const misfits: string[] = [];
      for (const visit of booked) {
        const technician = directory.user(visit.technicianId!)!;
        const verdict = isAvailable(technician, visit.start, end(visit), DEMO_TIME_ZONE);
        if (!verdict.available) misfits.push(`${visit.id}: ${verdict.message}`);
        const job = loaded.jobs.find((candidate) => candidate.id === visit.jobId)!;
        if (missingSkills(technician, job).length) misfits.push(`${visit.id}: lacks skills`);
      }
      const sorted = [...booked].sort((a, b) => a.start - b.start);
      for (const [index, visit] of sorted.entries()) {
        for (const other of sorted.slice(index + 1)) {
          if (other.start >= end(visit)) break;
          if (other.technicianId === visit.technicianId) misfits.push(`${visit.id} overlaps ${other.id}`);
        }
      }
      expect(misfits).toEqual([]);
    });

    it('keeps the jobs the end-to-end specs act on in the states they need', async () => {
      const status = new Map((await summaries()).map((summary) => [summary.job.id, summary.status]));
      for (const jobId of SPEC_FIXTURES) expect(status.get(jobId), jobId).toBe('scheduled');
      expect(status.get('job-1010')).toBe('unscheduled');
      expect([status.get('job-1001'), status.get('job-1002')]).toEqual(['offered', 'offered']);
    });

    expectations(demo);
  });
}

const live = (demo: Loaded) => demo.appointments.filter((visit) => ['enroute', 'started'].includes(visit.status));

describeHour('7 AM, before the day starts', DAY, 7, (demo) => {
  it("has nothing under way, all of today's visits ahead, yesterday's worked", () => {
    expect(live(demo())).toEqual([]);
    const today = demo().appointments.filter((visit) => zoneDay(visit.start, DEMO_TIME_ZONE) === DAY);
    expect(today.every((visit) => visit.status === 'scheduled')).toBe(true);
    const yesterday = demo().appointments.filter((visit) => visit.start < instantAt(parseIsoDay(DAY), DEMO_TIME_ZONE));
    expect(yesterday.filter((visit) => visit.status === 'complete').length).toBeGreaterThanOrEqual(5);
  });
});

describeHour('noon', DAY, 12, (demo) => {
  it('has the morning worked, technicians on site and on the way, the afternoon ahead', () => {
    const statuses = demo().appointments.map((visit) => visit.status);
    expect(statuses).toContain('started');
    expect(statuses).toContain('enroute');
    const today = demo().appointments.filter((visit) => zoneDay(visit.start, DEMO_TIME_ZONE) === DAY);
    expect(today.filter((visit) => visit.status === 'complete').length).toBeGreaterThanOrEqual(5);
    expect(
      today.filter((visit) => visit.start > demo().now && visit.status === 'scheduled').length,
    ).toBeGreaterThanOrEqual(4);
  });
});

describeHour('4 PM', DAY, 16, (demo) => {
  it('has most of the day worked and work still under way', () => {
    expect(live(demo()).length).toBeGreaterThanOrEqual(2);
  });
});

describeHour('9 PM, the day over', DAY, 21, (demo) => {
  it("has today's every visit worked (Complete or Paused) and nothing in progress", () => {
    expect(live(demo())).toEqual([]);
    const today = demo().appointments.filter((visit) => zoneDay(visit.start, DEMO_TIME_ZONE) === DAY);
    expect(today.every((visit) => visit.status === 'complete')).toBe(true);
  });
});

describeHour('10 AM on the day clocks spring forward', '2026-03-08', 10, (demo) => {
  it('still books working hours on the office clock', () => {
    expect(live(demo()).length).toBeGreaterThanOrEqual(1);
  });
});
