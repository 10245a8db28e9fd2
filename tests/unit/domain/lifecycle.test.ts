/** The job lifecycle's transition table (domain/lifecycle.ts), and proof that the commands follow it. */
import { describe, expect, it } from 'vitest';
import {
  APPOINTMENT_TRANSITIONS,
  canTransition,
  isClosed,
  JOB_TRANSITIONS,
  newAppointment,
  transitioned,
  type AppointmentStatus,
  type JobDisplayStatus,
  type JobLifecycle,
  type JobTransition,
} from '../../../domain';
import {
  ACTORS,
  APPOINTMENT_ID,
  context,
  expectApplied,
  expectRefused,
  JOB_ID,
  makeJob,
  makeState,
  makeAppointment,
  OMAR,
  run,
  SAM,
  STATES,
  stateOf,
  statusOf,
  TOMORROW_9,
  type StateName,
} from './fixtures';

const { system, dispatcher } = ACTORS;

const STATUSES: readonly JobDisplayStatus[] = [
  'offered',
  'unscheduled',
  'scheduled',
  'in_progress',
  'paused',
  'complete',
  'canceled',
  'rejected',
];

type Cell = 'yes' | '-';
type Row = [JobTransition, JobLifecycle, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell];

// prettier-ignore
const TABLE: Row[] = [
  // transition  to            offered  unscheduled  scheduled  in_progress  paused  complete  canceled  rejected
  ['accept',     'open',       'yes',   '-',         '-',       '-',         '-',    '-',      '-',      '-'],
  ['decline',    'rejected',   'yes',   '-',         '-',       '-',         '-',    '-',      '-',      '-'],
  ['withdraw',   'canceled',   'yes',   '-',         '-',       '-',         '-',    '-',      '-',      '-'],
  ['cancel',     'canceled',   '-',     'yes',       'yes',     '-',         'yes',  '-',      '-',      '-'],
  ['complete',   'complete',   '-',     '-',         '-',       '-',         'yes',  '-',      '-',      '-'],
  ['finish',     'complete',   '-',     'yes',       'yes',     'yes',       'yes',  '-',      '-',      '-'],
  ['pause',      'open',       '-',     'yes',       'yes',     'yes',       'yes',  '-',      '-',      '-'],
  ['schedule',   'open',       '-',     'yes',       'yes',     'yes',       'yes',  '-',      '-',      '-'],
  ['revisit',    'complete',   '-',     '-',         'yes',     'yes',       '-',    'yes',    '-',      '-'],
];

describe('the job transition table', () => {
  it('names every transition once', () => {
    expect(TABLE.map(([transition]) => transition).sort()).toEqual(Object.keys(JOB_TRANSITIONS).sort());
  });

  it.each(TABLE)('%s leads to %s, from the statuses marked yes', (transition, to, ...cells) => {
    expect(JOB_TRANSITIONS[transition].to).toBe(to);
    STATUSES.forEach((status, index) =>
      expect(canTransition(transition, status), `${transition} from ${status}`).toBe(cells[index] === 'yes'),
    );
  });

  it('has no way out of a closed job', () => {
    for (const transition of Object.keys(JOB_TRANSITIONS) as JobTransition[]) {
      expect(canTransition(transition, 'canceled')).toBe(false);
      expect(canTransition(transition, 'rejected')).toBe(false);
    }
  });

  it('moves the lifecycle and adds the fields that go with the transition, leaving the rest', () => {
    const job = makeJob({ lifecycle: 'offered' });
    const withdrawn = transitioned(job, 'withdraw', { withdrawn: true, closedReason: 'Offer withdrawn' });
    expect(withdrawn).toEqual({ ...job, lifecycle: 'canceled', withdrawn: true, closedReason: 'Offer withdrawn' });
    expect(job.lifecycle).toBe('offered');
  });
});

/**
 * The command that makes each transition, as the system actor (allowed every role's commands). Field
 * statuses (finish, pause) and appointment.create's two transitions (schedule, revisit) are tested below.
 */
const COMMANDS: Record<Exclude<JobTransition, 'finish' | 'pause' | 'schedule' | 'revisit'>, [string, object]> = {
  accept: ['job.accept', { jobId: JOB_ID }],
  decline: ['job.decline', { jobId: JOB_ID, reasonId: 'dr-no-capacity' }],
  withdraw: ['job.withdraw', { jobId: JOB_ID }],
  cancel: ['job.cancel', { jobId: JOB_ID }],
  complete: ['job.complete', { jobId: JOB_ID }],
};

const JOB_STATES = STATES.filter((name): name is Exclude<StateName, 'none'> => name !== 'none');

describe('the commands follow the table', () => {
  const cases = (Object.keys(COMMANDS) as (keyof typeof COMMANDS)[]).flatMap((transition) =>
    JOB_STATES.map((state) => [transition, state] as const),
  );

  it.each(cases)('%s in state %s', (transition, stateName) => {
    const state = stateOf(stateName);
    const [name, args] = COMMANDS[transition];
    const outcome = run(state, system, name, args);
    if (canTransition(transition, statusOf(state))) {
      expect(expectApplied(outcome).job.lifecycle).toBe(JOB_TRANSITIONS[transition].to);
    } else {
      expectRefused(outcome, 'INVALID_TRANSITION');
    }
  });

  it.each(JOB_STATES)('appointment.create takes schedule, or revisit on a complete job, in state %s', (stateName) => {
    const state = stateOf(stateName);
    const status = statusOf(state);
    const transition = state.job!.lifecycle === 'complete' || status === 'complete' ? 'revisit' : 'schedule';
    const outcome = run(state, system, 'appointment.create', {
      jobId: JOB_ID,
      id: 'a2',
      technicianId: SAM.id,
      start: TOMORROW_9,
    });
    if (canTransition(transition, status))
      expect(expectApplied(outcome).job.lifecycle).toBe(JOB_TRANSITIONS[transition].to);
    else expectRefused(outcome, 'INVALID_TRANSITION');
  });

  const endings = [
    ['finish', 'cr-repaired'],
    ['pause', 'cr-waiting-for-parts'],
  ] as const;
  const fieldStates = ['scheduled', 'in_progress/enroute', 'in_progress/started'] as const;
  it.each(
    endings.flatMap(([transition, reasonId]) =>
      fieldStates.map((stateName) => [transition, reasonId, stateName] as const),
    ),
  )('%s: completing an appointment with %s sets the lifecycle (%s)', (transition, completeReasonId, stateName) => {
    const effect = expectApplied(
      run(stateOf(stateName), system, 'appointment.setStatus', {
        appointmentId: APPOINTMENT_ID,
        status: 'complete',
        completeReasonId,
      }),
    );
    expect(effect.job.lifecycle).toBe(JOB_TRANSITIONS[transition].to);
  });

  it.each(JOB_STATES)('a closed job is read-only: job.update in state %s', (stateName) => {
    const state = stateOf(stateName);
    const outcome = run(state, system, 'job.update', { jobId: JOB_ID, title: 'Furnace not heating (2nd floor)' });
    if (isClosed(state.job!))
      expect(expectRefused(outcome, 'INVALID_TRANSITION')).toBe('This job is closed and read-only.');
    else expectApplied(outcome);
  });
});

describe('isClosed', () => {
  const cases: [JobLifecycle, boolean][] = [
    ['offered', false],
    ['open', false],
    ['complete', false],
    ['canceled', true],
    ['rejected', true],
  ];
  it.each(cases)('%s: %s', (lifecycle, closed) => expect(isClosed({ lifecycle })).toBe(closed));
});

describe('the appointment state machine', () => {
  // prettier-ignore
  const cases: [AppointmentStatus, AppointmentStatus[]][] = [
    ['scheduled', ['enroute', 'started', 'complete']],
    ['enroute',   ['scheduled', 'started', 'complete']],
    ['started',   ['complete']],
    ['complete',  []],
    ['canceled',  []],
  ];
  it.each(cases)('%s may be followed by %j', (from, next) => expect(APPOINTMENT_TRANSITIONS[from]).toEqual(next));
});

describe('newAppointment', () => {
  const request = { id: 'a2', technicianId: SAM.id, start: TOMORROW_9, durationMinutes: 90 };
  const job = makeJob();
  const ctx = context(dispatcher);

  it('is scheduled, on the job, stamped by who made it', () => {
    const state = makeState(job, [makeAppointment()]);
    expect(newAppointment(request, job, state, ctx)).toEqual({
      id: 'a2',
      jobId: job.id,
      organizationId: job.organizationId,
      technicianId: SAM.id,
      start: TOMORROW_9,
      durationMinutes: 90,
      status: 'scheduled',
      version: 0,
      updatedBy: dispatcher.name,
      updatedAt: ctx.occurredAt,
    });
  });

  it('may be unassigned', () => {
    expect(newAppointment({ ...request, technicianId: null }, job, makeState(job), ctx).technicianId).toBeNull();
  });

  const refusals: [string, typeof request, string][] = [
    ['a technician of another provider', { ...request, technicianId: OMAR.id }, 'UNKNOWN_TECHNICIAN'],
    ['a technician nobody knows', { ...request, technicianId: 'u-nobody' }, 'UNKNOWN_TECHNICIAN'],
    ['an id the job already uses', { ...request, id: APPOINTMENT_ID }, 'ALREADY_EXISTS'],
  ];
  it.each(refusals)('refuses %s', (_name, input, code) => {
    expect(() => newAppointment(input, job, makeState(job, [makeAppointment()]), ctx)).toThrow(
      expect.objectContaining({ code }),
    );
  });
});
