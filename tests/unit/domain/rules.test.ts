/** The job and appointment rules one by one, with the messages a dispatcher reads when a command is refused. */
import { describe, expect, it } from 'vitest';
import { canSee, STALE_ETA_MS, type Appointment, type Job } from '../../../domain';
import {
  ACTORS,
  APPOINTMENT_ID,
  at,
  DANA,
  expectApplied,
  expectRefused,
  JOB_ID,
  makeAppointment,
  makeJob,
  makeState,
  NOW,
  OMAR,
  run,
  SAM,
  stateOf,
  statusOf,
  step,
  TOM,
  TOMORROW_9,
} from './fixtures';

const { dispatcher, technician, otherTech, enterprise, otherDisp, otherEnt, system } = ACTORS;

describe('only scheduled appointments can be moved or canceled', () => {
  const cases: [string, Partial<Appointment>, string][] = [
    ['On My Way', { status: 'enroute', enrouteAt: at(9, 50) }, 'Tom Baker went On My Way at 9:50 AM'],
    ['started', { status: 'started', startedAt: at(10, 2) }, 'Tom Baker started this appointment at 10:02 AM'],
    [
      'complete',
      { status: 'complete', completedAt: at(11, 45), completeReasonId: 'cr-no-show' },
      'Tom Baker completed this appointment at 11:45 AM',
    ],
    [
      'canceled',
      { status: 'canceled', canceledAt: at(9, 15), updatedBy: 'Dana Reyes' },
      'Dana Reyes canceled this appointment at 9:15 AM',
    ],
    [
      'started just after midnight',
      { status: 'started', startedAt: at(0, 5) },
      'Tom Baker started this appointment at 12:05 AM',
    ],
    [
      'started, unassigned',
      { status: 'started', technicianId: null, startedAt: at(10, 2) },
      'The technician started this appointment at 10:02 AM',
    ],
  ];
  // A second, scheduled visit keeps the job open whatever happened to a1.
  const stateWith = (a1: Partial<Appointment>) =>
    makeState(makeJob(), [makeAppointment(a1), makeAppointment({ id: 'a2', start: TOMORROW_9 })]);

  it.each(cases)('%s: a move is refused and says who did what when', (_name, a1, detail) => {
    const message = expectRefused(
      run(stateWith(a1), dispatcher, 'appointment.move', { appointmentId: APPOINTMENT_ID, start: TOMORROW_9 }),
      'INVALID_TRANSITION',
    );
    expect(message).toBe(`${detail}; it can no longer be moved.`);
  });

  it.each(cases)('%s: a cancel is refused and says who did what when', (_name, a1, detail) => {
    const message = expectRefused(
      run(stateWith(a1), dispatcher, 'appointment.cancel', { appointmentId: APPOINTMENT_ID }),
      'INVALID_TRANSITION',
    );
    expect(message).toBe(`${detail}; it can no longer be canceled.`);
  });

  it('moves a scheduled appointment in time, to another technician and to another length, recording each change', () => {
    const { effect } = step(stateOf('scheduled'), dispatcher, 'appointment.move', {
      appointmentId: APPOINTMENT_ID,
      expectedVersion: 7,
      start: TOMORROW_9,
      technicianId: SAM.id,
      durationMinutes: 45,
    });
    expect(effect.appointments[0]).toMatchObject({
      start: TOMORROW_9,
      technicianId: SAM.id,
      durationMinutes: 45,
      updatedBy: 'Dana Reyes',
    });
    expect(effect.activity.map((draft) => [draft.field, draft.from, draft.to, draft.summary])).toEqual([
      ['start', at(10), TOMORROW_9, 'Appointment rescheduled'],
      ['technicianId', TOM.id, SAM.id, 'Appointment reassigned from Tom Baker to Sam Ortiz'],
      ['durationMinutes', 120, 45, 'Appointment duration changed'],
    ]);
  });

  it('unassigns an appointment (technicianId null)', () => {
    const { effect } = step(stateOf('scheduled'), dispatcher, 'appointment.move', {
      appointmentId: APPOINTMENT_ID,
      technicianId: null,
    });
    expect(effect.appointments[0]!.technicianId).toBeNull();
    expect(effect.activity[0]!.summary).toBe('Appointment reassigned from Tom Baker to the technician');
  });

  it('records a move that changes nothing, since the appointment is still written', () => {
    const { effect } = step(stateOf('scheduled'), dispatcher, 'appointment.move', {
      appointmentId: APPOINTMENT_ID,
      start: at(10),
    });
    expect(effect.appointments).toHaveLength(1);
    expect(effect.activity).toHaveLength(1);
    expect(effect.activity[0]).toMatchObject({ appointmentId: APPOINTMENT_ID, kind: 'appointment.moved' });
  });

  it('canceling one of two scheduled appointments leaves the job Scheduled; canceling the last makes it Unscheduled', () => {
    const two = makeState(makeJob(), [makeAppointment(), makeAppointment({ id: 'a2', start: TOMORROW_9 })]);
    const first = step(two, dispatcher, 'appointment.cancel', { appointmentId: APPOINTMENT_ID });
    expect(statusOf(first.state)).toBe('scheduled');
    expect(first.effect.activity).toHaveLength(1);
    const second = step(first.state, dispatcher, 'appointment.cancel', { appointmentId: 'a2' });
    expect(statusOf(second.state)).toBe('unscheduled');
    expect(second.effect.activity.at(-1)).toMatchObject({
      kind: 'job.status',
      from: 'scheduled',
      to: 'unscheduled',
      summary: 'Job is now Unscheduled',
    });
  });

  it('canceling the visit scheduled after a pausing one returns the job to Paused', () => {
    const installVisit = step(stateOf('paused'), dispatcher, 'appointment.create', {
      jobId: JOB_ID,
      id: 'a2',
      technicianId: TOM.id,
      start: TOMORROW_9,
    });
    const { state } = step(installVisit.state, dispatcher, 'appointment.cancel', { appointmentId: 'a2' });
    expect(statusOf(state)).toBe('paused');
  });
});

describe('a dispatcher who saw an older version is refused, and told who changed it', () => {
  const changedBySam = () =>
    makeState(makeJob(), [makeAppointment({ version: 8, updatedBy: 'Sam Ortiz', updatedAt: at(10, 5) })]);

  it.each([
    ['appointment.move', { appointmentId: APPOINTMENT_ID, expectedVersion: 7, start: TOMORROW_9 }],
    ['appointment.cancel', { appointmentId: APPOINTMENT_ID, expectedVersion: 7 }],
  ])('%s with a stale expectedVersion → STALE_VERSION', (name, args) => {
    const message = expectRefused(run(changedBySam(), dispatcher, name, args), 'STALE_VERSION');
    expect(message).toBe(
      'Sam Ortiz changed this appointment at 10:05 AM after you last saw it; your change was not applied.',
    );
  });

  it.each([
    ['the current version', { expectedVersion: 8 }],
    ['no version (a command that does not care)', {}],
  ])('applies with %s', (_name, version) => {
    expectApplied(
      run(changedBySam(), dispatcher, 'appointment.move', {
        appointmentId: APPOINTMENT_ID,
        start: TOMORROW_9,
        ...version,
      }),
    );
  });

  it('says the field status, not the version, when the technician has moved on (field status beats an older edit)', () => {
    const started = makeState(makeJob(), [makeAppointment({ status: 'started', startedAt: at(10, 2), version: 9 })]);
    const message = expectRefused(
      run(started, dispatcher, 'appointment.move', {
        appointmentId: APPOINTMENT_ID,
        expectedVersion: 7,
        start: TOMORROW_9,
      }),
      'INVALID_TRANSITION',
    );
    expect(message).toContain('Tom Baker started this appointment at 10:02 AM');
  });
});

describe('complete reasons', () => {
  const twoLive = () =>
    makeState(makeJob(), [
      makeAppointment({ status: 'started', startedAt: at(10, 2) }),
      makeAppointment({ id: 'a2', technicianId: SAM.id, start: TOMORROW_9 }),
    ]);
  const complete = (completeReasonId?: string) => ({
    appointmentId: APPOINTMENT_ID,
    status: 'complete',
    ...(completeReasonId ? { completeReasonId } : {}),
  });

  it('completing an appointment that is not the last live one needs no reason', () => {
    const { state, effect } = step(twoLive(), technician, 'appointment.setStatus', complete());
    expect(effect.appointments[0]).toMatchObject({
      status: 'complete',
      completeReasonId: undefined,
      completedAt: NOW - 60_000,
    });
    expect(statusOf(state)).toBe('scheduled');
  });

  it('a completing reason on a visit that is not the last is recorded, while the live visit decides what the job shows', () => {
    const { state, effect } = step(twoLive(), technician, 'appointment.setStatus', complete('cr-repaired'));
    expect(effect.job.lifecycle).toBe('complete');
    expect(statusOf(state)).toBe('scheduled');
  });

  it.each([
    ['the only appointment', stateOf('in_progress/started')],
    [
      'the last live one (others finished or canceled)',
      makeState(makeJob(), [
        makeAppointment({ id: 'a0', status: 'complete', completedAt: at(8), completeReasonId: 'cr-follow-up' }),
        makeAppointment({ status: 'enroute', enrouteAt: at(9, 50) }),
        makeAppointment({ id: 'a2', status: 'canceled', canceledAt: at(9) }),
      ]),
    ],
  ])('completing %s without a reason → REASON_REQUIRED', (_name, state) => {
    const message = expectRefused(run(state, technician, 'appointment.setStatus', complete()), 'REASON_REQUIRED');
    expect(message).toMatch(/complete reason/);
  });

  it.each([
    ["another job source's reason", 'cr-e2-backorder'],
    ['a reason nobody configured', 'cr-made-up'],
  ])('%s → UNKNOWN_REASON', (_name, reasonId) => {
    expectRefused(
      run(stateOf('in_progress/started'), technician, 'appointment.setStatus', complete(reasonId)),
      'UNKNOWN_REASON',
    );
    expectRefused(run(twoLive(), technician, 'appointment.setStatus', complete(reasonId)), 'UNKNOWN_REASON');
  });

  it("accepts the job source's own reason", () => {
    const { state, effect } = step(
      stateOf('in_progress/started'),
      technician,
      'appointment.setStatus',
      complete('cr-e1-invoiced'),
    );
    expect(statusOf(state)).toBe('complete');
    expect(effect.activity[0]!.summary).toBe('Appointment completed: Invoiced to Warranty Co');
  });

  it('appointment.complete needs a reason on every completion, also when another visit is live', () => {
    const message = expectRefused(
      run(twoLive(), technician, 'appointment.complete', { appointmentId: APPOINTMENT_ID }),
      'REASON_REQUIRED',
    );
    expect(message).toBe(
      'Choose a complete reason: it records how the visit ended, and decides whether the job is complete or paused.',
    );
  });

  it('appointment.complete with a reason on a visit that is not the last: the live visit decides until it ends', () => {
    const first = step(twoLive(), technician, 'appointment.complete', {
      appointmentId: APPOINTMENT_ID,
      completeReasonId: 'cr-waiting-for-parts',
    });
    expect(first.effect.appointments[0]).toMatchObject({
      status: 'complete',
      completeReasonId: 'cr-waiting-for-parts',
    });
    expect(first.effect.activity.map((draft) => draft.summary)).toEqual([
      'Appointment completed: Waiting For Parts',
      'Job is now Scheduled',
    ]);
    expect(statusOf(first.state)).toBe('scheduled');
    expect(statusOf(step(first.state, dispatcher, 'appointment.cancel', { appointmentId: 'a2' }).state)).toBe('paused');
  });

  it('appointment.setStatus complete keeps its older rule, so commands older clients queued stay valid', () => {
    expectApplied(run(twoLive(), technician, 'appointment.setStatus', complete()));
  });

  describe('an archived reason (its job source deleted it)', () => {
    const archive = (state: ReturnType<typeof stateOf>) => ({
      ...state,
      completeReasons: state.completeReasons.map((reason) =>
        reason.id === 'cr-e1-invoiced' ? { ...reason, archived: true } : reason,
      ),
    });

    it.each([
      ['appointment.complete', { appointmentId: APPOINTMENT_ID, completeReasonId: 'cr-e1-invoiced' }],
      ['appointment.setStatus', complete('cr-e1-invoiced')],
    ])('is no longer offered: %s with it is refused, naming it', (name, args) => {
      const message = expectRefused(
        run(archive(stateOf('in_progress/started')), technician, name, args),
        'UNKNOWN_REASON',
      );
      expect(message).toBe('"Invoiced to Warranty Co" is no longer offered; choose another complete reason.');
    });

    it('still decides the status of the job whose visit used it', () => {
      const used = makeState(makeJob(), [
        makeAppointment({ status: 'complete', completedAt: at(11), completeReasonId: 'cr-e1-invoiced' }),
      ]);
      expect(statusOf(archive(used))).toBe('complete');
    });
  });

  it("refuses an enterprise's reason on the provider's own job", () => {
    const ownJob = makeState(makeJob({ sourceId: null }), [makeAppointment({ status: 'started' })]);
    expectRefused(run(ownJob, technician, 'appointment.setStatus', complete('cr-e1-invoiced')), 'UNKNOWN_REASON');
  });

  it('declining needs one of the listed decline reasons; a note is kept with it', () => {
    expectRefused(
      run(stateOf('offered'), dispatcher, 'job.decline', { jobId: JOB_ID, reasonId: 'cr-repaired' }),
      'UNKNOWN_REASON',
    );
    const { effect } = step(stateOf('offered'), dispatcher, 'job.decline', {
      jobId: JOB_ID,
      reasonId: 'dr-out-of-area',
      note: 'North of Route 2',
    });
    expect(effect.job.closedReason).toBe('Outside our service area: North of Route 2');
  });
});

describe('customer texts: On My Way and Start', () => {
  const enroute = { appointmentId: APPOINTMENT_ID, status: 'enroute', etaMinutes: 20 };
  const start = { appointmentId: APPOINTMENT_ID, status: 'started' };
  /** a1 is Tom's, and Sam's a2 of the same job (a two-person visit) has the given status. */
  const twoPerson = (a2: Appointment['status'], a1: Appointment['status'] = 'scheduled') =>
    makeState(makeJob(), [
      makeAppointment({ status: a1 }),
      makeAppointment({ id: 'a2', technicianId: SAM.id, status: a2 }),
    ]);

  it.each([
    [
      'enroute',
      'no second "on my way" text while Sam is on the way',
      enroute,
      'enroute',
      'On My Way, ETA 20 min (customer already told: no text sent)',
    ],
    [
      'started',
      'no "on my way" text once Sam has arrived',
      enroute,
      'started',
      'On My Way, ETA 20 min (customer already told: no text sent)',
    ],
    [
      'started',
      'no second "arrived" text once Sam has arrived',
      start,
      'started',
      'Appointment started (customer already told: no text sent)',
    ],
  ] as const)('a two-person visit (Sam %s): %s', (_sam, _name, args, a2, summary) => {
    const { state, effect } = step(twoPerson(a2), technician, 'appointment.setStatus', args);
    expect(statusOf(state)).toBe('in_progress');
    expect(effect.notifications).toEqual([]);
    expect(effect.activity[0]!.summary).toBe(summary);
  });

  it.each([
    ['Sam is still only scheduled', enroute, 'scheduled', 'is on the way'],
    ['Sam completed his part', enroute, 'complete', 'is on the way'],
    ['Sam was canceled', enroute, 'canceled', 'is on the way'],
    // Being told someone is coming is not being told they arrived.
    ['Sam is only on the way', start, 'enroute', 'has arrived'],
  ] as const)('texts the customer when %s', (_name, args, a2, body) => {
    const { effect } = step(twoPerson(a2), technician, 'appointment.setStatus', args);
    expect(effect.notifications.map((text) => text.body)).toEqual([expect.stringContaining(body)]);
  });

  it('a Start that reaches the applier more than STALE_ETA_MS late records the arrival but texts nobody', () => {
    const occurredAt = NOW - STALE_ETA_MS - 1;
    const { state, effect } = step(stateOf('in_progress/enroute'), technician, 'appointment.setStatus', start, {
      occurredAt,
      offline: true,
    });
    expect(statusOf(state)).toBe('in_progress');
    expect(effect.appointments[0]).toMatchObject({ status: 'started', startedAt: occurredAt });
    expect(effect.notifications).toEqual([]);
    expect(effect.activity[0]!.summary).toBe('Appointment started (late replay: no text sent)');
  });

  it('a Start exactly STALE_ETA_MS late is still news', () => {
    const { effect } = step(stateOf('in_progress/enroute'), technician, 'appointment.setStatus', start, {
      occurredAt: NOW - STALE_ETA_MS,
    });
    expect(effect.notifications).toHaveLength(1);
  });

  it("an unassigned visit is announced in the provider's name", () => {
    const state = makeState(makeJob(), [makeAppointment({ technicianId: null })]);
    const { effect } = step(state, dispatcher, 'appointment.setStatus', start);
    expect(effect.notifications[0]!.body).toBe('Hi Maria, Acme Heating has arrived and is starting work.');
  });

  it('an On My Way that reaches the applier more than STALE_ETA_MS late changes the status but texts nobody', () => {
    const occurredAt = NOW - STALE_ETA_MS - 1;
    const { state, effect } = step(stateOf('scheduled'), technician, 'appointment.setStatus', enroute, {
      occurredAt,
      offline: true,
    });
    expect(statusOf(state)).toBe('in_progress');
    expect(effect.appointments[0]).toMatchObject({ status: 'enroute', enrouteAt: occurredAt });
    expect(effect.notifications).toEqual([]);
    expect(effect.activity[0]!.summary).toBe('On My Way, ETA 20 min (late replay: no text sent)');
  });

  it('one that is exactly STALE_ETA_MS late is still news', () => {
    const { effect } = step(stateOf('scheduled'), technician, 'appointment.setStatus', enroute, {
      occurredAt: NOW - STALE_ETA_MS,
    });
    expect(effect.notifications).toHaveLength(1);
  });

  it('a dispatcher pressing On My Way as backup texts the customer too', () => {
    const { effect } = step(stateOf('scheduled'), dispatcher, 'appointment.setStatus', enroute);
    expect(effect.notifications.map((text) => text.to)).toEqual(['tel:+1-555-0101']);
  });

  it('texts no number when the customer has none, and still records the text', () => {
    const state = { ...stateOf('scheduled'), customer: { ...stateOf('scheduled').customer!, phoneNumbers: [] } };
    const { effect } = step(state, technician, 'appointment.setStatus', enroute);
    expect(effect.notifications[0]).toMatchObject({ to: null, body: expect.stringContaining('about 20 minutes') });
  });
});

describe('withdrawn offers', () => {
  it.each([
    ['without an appointment', { jobId: JOB_ID }],
    [
      'with an appointment in the same command',
      { jobId: JOB_ID, appointment: { id: 'a-new', technicianId: TOM.id, start: TOMORROW_9 } },
    ],
  ])('cannot be accepted %s, and the message says the offer was withdrawn', (_name, args) => {
    const message = expectRefused(run(stateOf('withdrawn'), dispatcher, 'job.accept', args), 'INVALID_TRANSITION');
    expect(message).toBe('This offer can no longer be accepted: the enterprise withdrew the offer.');
  });

  it('withdrawing marks the job canceled and withdrawn, with the reason shown read-only', () => {
    const { effect } = step(stateOf('offered'), enterprise, 'job.withdraw', { jobId: JOB_ID });
    expect(effect.job).toMatchObject({ lifecycle: 'canceled', withdrawn: true, closedReason: 'Offer withdrawn' });
  });

  it.each([
    ['withdrawn', 'This offer was already withdrawn.'],
    ['scheduled', 'The provider already accepted this offer; it is Scheduled. Cancel the job instead.'],
    ['rejected', 'This offer can no longer be withdrawn; it is Declined.'],
  ] as const)('withdrawing a %s job explains why not', (state, message) => {
    expect(
      expectRefused(run(stateOf(state), enterprise, 'job.withdraw', { jobId: JOB_ID }), 'INVALID_TRANSITION'),
    ).toBe(message);
  });
});

describe('job cancel', () => {
  it.each([
    ['dispatcher', 'This job is still an offer; decline it instead.'],
    ['enterprise', 'This job is still an offer; withdraw it instead.'],
  ] as const)('of an offer tells the %s what to do instead', (role, message) => {
    expect(
      expectRefused(run(stateOf('offered'), ACTORS[role], 'job.cancel', { jobId: JOB_ID }), 'INVALID_TRANSITION'),
    ).toBe(message);
  });

  it('is refused while a technician is on the way', () => {
    const message = expectRefused(
      run(stateOf('in_progress/enroute'), dispatcher, 'job.cancel', { jobId: JOB_ID }),
      'INVALID_TRANSITION',
    );
    expect(message).toMatch(/on the way or on site/);
  });

  it('uses "Canceled" as the closed reason when none is given', () => {
    const { effect } = step(stateOf('unscheduled'), dispatcher, 'job.cancel', { jobId: JOB_ID });
    expect(effect.job.closedReason).toBe('Canceled');
  });
});

describe('who may do what', () => {
  const tomsAndSams = () =>
    makeState(makeJob(), [
      makeAppointment(),
      makeAppointment({ id: 'a2', technicianId: SAM.id }),
      makeAppointment({ id: 'a3', technicianId: null }),
    ]);

  it.each([
    ['Tom, his own appointment', technician, APPOINTMENT_ID, null],
    ["Sam, Tom's appointment", otherTech, APPOINTMENT_ID, 'FORBIDDEN'],
    ["Tom, Sam's appointment", technician, 'a2', 'FORBIDDEN'],
    ['Tom, an unassigned appointment', technician, 'a3', 'FORBIDDEN'],
    ['a dispatcher, any appointment of its organization', dispatcher, 'a3', null],
    [
      'a technician of another provider',
      { ...otherTech, userId: OMAR.id, name: 'Omar Khan', organizationId: 'prov-2' },
      APPOINTMENT_ID,
      'NOT_FOUND',
    ],
  ] as const)('appointment status as %s', (_name, actor, appointmentId, refusal) => {
    const outcome = run(tomsAndSams(), actor, 'appointment.setStatus', { appointmentId, status: 'started' });
    if (refusal === null) expectApplied(outcome);
    else if (refusal === 'FORBIDDEN')
      expect(expectRefused(outcome, refusal)).toBe('Technicians can only change their own appointments.');
    else expectRefused(outcome, refusal);
  });

  it('a dispatcher of another organization is told the job and appointment do not exist, as for a missing id', () => {
    const jobMessage = expectRefused(
      run(stateOf('scheduled'), otherDisp, 'job.update', { jobId: JOB_ID, title: 'Mine now' }),
      'NOT_FOUND',
    );
    expect(jobMessage).toBe(
      expectRefused(run(stateOf('none'), dispatcher, 'job.update', { jobId: JOB_ID, title: 'Mine now' }), 'NOT_FOUND'),
    );
    expect(
      expectRefused(
        run(stateOf('scheduled'), otherDisp, 'appointment.cancel', { appointmentId: APPOINTMENT_ID }),
        'NOT_FOUND',
      ),
    ).toBe('This appointment does not exist or is not yours.');
  });

  it('a dispatcher cannot create a job for another organization', () => {
    const args = {
      jobId: 'job-2',
      organizationId: 'prov-2',
      title: 'Leak',
      address: { street1: '1 Main St', city: 'Springfield' },
      customer: { id: 'cust-2', firstName: 'Ann' },
    };
    expectRefused(run(makeState(undefined), dispatcher, 'job.create', args), 'FORBIDDEN');
  });

  it('an enterprise may only offer jobs to a provider', () => {
    const args = {
      jobId: 'job-2',
      organizationId: 'ent-2',
      title: 'Leak',
      address: { street1: '1 Main St', city: 'Springfield' },
      customer: { id: 'cust-2', firstName: 'Ann' },
    };
    expectRefused(run(makeState(undefined), enterprise, 'job.offer', args), 'NOT_FOUND');
  });

  it('an offer records the enterprise that sent it, so only that enterprise sees it', () => {
    const args = {
      jobId: 'job-2',
      organizationId: 'prov-1',
      title: 'Leak',
      address: { street1: '1 Main St', city: 'Springfield' },
      customer: { id: 'cust-2', firstName: 'Ann' },
    };
    const { effect } = step(makeState(undefined), otherEnt, 'job.offer', args);
    expect(effect.job).toMatchObject({ sourceId: 'ent-2', lifecycle: 'offered', organizationId: 'prov-1' });
    expect(effect.customer).toMatchObject({ id: 'cust-2', organizationId: 'prov-1', phoneNumbers: [] });
    expect(canSee(otherEnt, effect.job)).toBe(true);
    expect(canSee(enterprise, effect.job)).toBe(false);
  });

  const ownJob: Pick<Job, 'organizationId' | 'sourceId'> = { organizationId: 'prov-1', sourceId: null };
  const sentJob: Pick<Job, 'organizationId' | 'sourceId'> = { organizationId: 'prov-1', sourceId: 'ent-1' };
  it.each([
    ['dispatcher', sentJob, undefined, true],
    ['dispatcher', ownJob, undefined, true],
    ['otherDisp', sentJob, undefined, false],
    ['enterprise', sentJob, undefined, true],
    ['enterprise', ownJob, undefined, false],
    ['otherEnt', sentJob, undefined, false],
    ['technician', sentJob, undefined, true],
    ['technician', sentJob, { technicianId: TOM.id }, true],
    ['technician', sentJob, { technicianId: SAM.id }, false],
    ['otherTech', sentJob, { technicianId: TOM.id }, false],
    ['system', ownJob, { technicianId: null }, true],
  ] as const)('canSee: %s, job %o, appointment %o → %s', (role, job, appointment, expected) => {
    expect(canSee(ACTORS[role], job, appointment)).toBe(expected);
  });

  it('the system actor may do what any role does', () => {
    expectApplied(run(stateOf('offered'), system, 'job.withdraw', { jobId: JOB_ID }));
    expectApplied(
      run(stateOf('scheduled'), system, 'appointment.setStatus', { appointmentId: APPOINTMENT_ID, status: 'started' }),
    );
  });
});

describe('technicians on appointments must be on the team', () => {
  const offTeam = [
    ['a technician of another provider', OMAR.id],
    ['a dispatcher who is not a technician', DANA.id],
    ['nobody we know', 'u-ghost'],
  ];

  it.each(offTeam)('appointment.create with %s → UNKNOWN_TECHNICIAN', (_name, technicianId) => {
    expectRefused(
      run(stateOf('unscheduled'), dispatcher, 'appointment.create', {
        jobId: JOB_ID,
        id: 'a2',
        technicianId,
        start: TOMORROW_9,
      }),
      'UNKNOWN_TECHNICIAN',
    );
  });

  it.each(offTeam)('appointment.move to %s → UNKNOWN_TECHNICIAN', (_name, technicianId) => {
    expectRefused(
      run(stateOf('scheduled'), dispatcher, 'appointment.move', { appointmentId: APPOINTMENT_ID, technicianId }),
      'UNKNOWN_TECHNICIAN',
    );
  });

  it.each(offTeam)('accept + schedule with %s is refused as a whole', (_name, technicianId) => {
    expectRefused(
      run(stateOf('offered'), dispatcher, 'job.accept', {
        jobId: JOB_ID,
        appointment: { id: 'a-new', technicianId, start: TOMORROW_9 },
      }),
      'UNKNOWN_TECHNICIAN',
    );
  });

  it('an unassigned appointment (technicianId null) is allowed', () => {
    const { effect } = step(stateOf('unscheduled'), dispatcher, 'appointment.create', {
      jobId: JOB_ID,
      id: 'a2',
      technicianId: null,
      start: TOMORROW_9,
    });
    expect(effect.appointments[0]).toMatchObject({ technicianId: null, durationMinutes: 120, status: 'scheduled' });
    expect(effect.activity[0]!.summary).toBe('Appointment scheduled');
  });
});

describe('ids', () => {
  it('a new appointment may not reuse an id of the job', () => {
    expectRefused(
      run(stateOf('scheduled'), dispatcher, 'appointment.create', {
        jobId: JOB_ID,
        id: APPOINTMENT_ID,
        technicianId: TOM.id,
        start: TOMORROW_9,
      }),
      'ALREADY_EXISTS',
    );
  });

  it("a new job may not take over another organization's customer", () => {
    const state = makeState(undefined, [], { ...stateOf('scheduled').customer!, organizationId: 'prov-2' });
    const args = {
      jobId: 'job-2',
      organizationId: 'prov-1',
      title: 'Leak',
      address: { street1: '1 Main St', city: 'Springfield' },
      customer: { id: 'cust-1', firstName: 'Maria' },
    };
    expectRefused(run(state, dispatcher, 'job.create', args), 'ALREADY_EXISTS');
  });

  it("a new job reuses its organization's existing customer", () => {
    const state = makeState(undefined, [], stateOf('scheduled').customer);
    const args = {
      jobId: 'job-2',
      organizationId: 'prov-1',
      title: 'Leak',
      address: { street1: '1 Main St', city: 'Springfield' },
      customer: { id: 'cust-1', firstName: 'Maria' },
    };
    const { effect } = step(state, dispatcher, 'job.create', args);
    expect(effect.customer).toBeUndefined();
    expect(effect.job).toMatchObject({ customerId: 'cust-1', sourceId: null, lifecycle: 'open' });
  });
});

describe('activity', () => {
  it("stamps who changed an entity and when, on the actor's clock", () => {
    const occurredAt = at(10, 7);
    const { effect } = step(
      stateOf('scheduled'),
      technician,
      'appointment.setStatus',
      { appointmentId: APPOINTMENT_ID, status: 'started' },
      { occurredAt },
    );
    expect(effect.appointments[0]).toMatchObject({
      updatedBy: 'Tom Baker',
      updatedAt: occurredAt,
      startedAt: occurredAt,
    });
  });

  it('records the job status change beside the appointment change', () => {
    const { effect } = step(stateOf('scheduled'), technician, 'appointment.setStatus', {
      appointmentId: APPOINTMENT_ID,
      status: 'enroute',
    });
    expect(effect.activity.map((draft) => [draft.kind, draft.from, draft.to])).toEqual([
      ['appointment.status', 'scheduled', 'enroute'],
      ['job.status', 'scheduled', 'in_progress'],
    ]);
  });

  it('lists the fields a job update changed', () => {
    const { effect } = step(stateOf('scheduled'), enterprise, 'job.update', {
      jobId: JOB_ID,
      title: 'New title',
      serviceType: 'HVAC',
    });
    expect(effect.job).toMatchObject({
      title: 'New title',
      serviceType: 'HVAC',
      lifecycle: 'open',
      updatedBy: 'Erin Walsh',
    });
    expect(effect.activity).toEqual([
      {
        jobId: JOB_ID,
        kind: 'job.updated',
        field: 'title,serviceType',
        summary: 'Job details changed: title, serviceType',
      },
    ]);
  });
});
