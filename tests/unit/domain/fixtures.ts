/**
 * A small dispatch network for domain tests: one provider ("Acme Heating") doing a job that an
 * enterprise ("Warranty Co") sent, its technicians Tom and Sam, a second provider and a second
 * enterprise that must never see it, and a job in every status a dispatcher can meet.
 * Times are June 2025 in New York (UTC-4), so 14:02 UTC reads "10:02" in messages.
 */
import { expect } from 'vitest';
import {
  applyCommand,
  DEFAULT_COMPLETE_REASONS,
  deriveJobStatus,
  parseCommand,
  SYSTEM_ACTOR,
  type Actor,
  type Appointment,
  type CommandContext,
  type CommandEffect,
  type CompleteReason,
  type Customer,
  type Job,
  type JobDisplayStatus,
  type JobEffect,
  type JobState,
  type Organization,
  type Refusal,
  type User,
} from '../../../domain';

export const TZ = 'America/New_York';
/** 10:00 in New York. */
export const at = (hour: number, minute = 0, day = 10) => Date.UTC(2025, 5, day, hour + 4, minute);
export const NOW = at(10, 30);
export const TOMORROW_9 = at(9, 0, 11);

export const PROVIDER: Organization = { id: 'prov-1', name: 'Acme Heating', kind: 'provider', version: 1 };
export const OTHER_PROVIDER: Organization = { id: 'prov-2', name: 'Other Plumbing', kind: 'provider', version: 1 };
export const ENTERPRISE: Organization = { id: 'ent-1', name: 'Warranty Co', kind: 'enterprise', version: 1 };
export const OTHER_ENTERPRISE: Organization = { id: 'ent-2', name: 'Appliance Maker', kind: 'enterprise', version: 1 };
const ORGANIZATIONS = [PROVIDER, OTHER_PROVIDER, ENTERPRISE, OTHER_ENTERPRISE];

const user = (id: string, organizationId: string, firstName: string, lastName: string, roles: User['roles']): User => ({
  id,
  organizationId,
  firstName,
  lastName,
  email: `${firstName.toLowerCase()}@example.test`,
  roles,
  version: 1,
});

export const TOM = user('u-tom', PROVIDER.id, 'Tom', 'Baker', ['technician']);
export const SAM = user('u-sam', PROVIDER.id, 'Sam', 'Ortiz', ['technician']);
export const DANA = user('u-dana', PROVIDER.id, 'Dana', 'Reyes', ['dispatcher']);
export const OMAR = user('u-omar', OTHER_PROVIDER.id, 'Omar', 'Khan', ['technician']);
const USERS = [TOM, SAM, DANA, OMAR];

export const CUSTOMER: Customer = {
  id: 'cust-1',
  organizationId: PROVIDER.id,
  firstName: 'Maria',
  lastName: 'Lopez',
  // The primary number is deliberately not the first one.
  phoneNumbers: [
    { number: 'tel:+1-555-0100', primary: false, type: 'home' },
    { number: 'tel:+1-555-0101', primary: true, type: 'mobile' },
  ],
  version: 1,
};

/** The defaults, one reason of the job's own source, and one of another source. */
export const ENTERPRISE_REASON: CompleteReason = {
  id: 'cr-e1-invoiced',
  sourceId: ENTERPRISE.id,
  label: 'Invoiced to Warranty Co',
  effect: 'complete',
};
export const OTHER_SOURCE_REASON: CompleteReason = {
  id: 'cr-e2-backorder',
  sourceId: OTHER_ENTERPRISE.id,
  label: 'Parts on backorder',
  effect: 'pause',
};
export const COMPLETE_REASONS: readonly CompleteReason[] = [
  ...DEFAULT_COMPLETE_REASONS,
  ENTERPRISE_REASON,
  OTHER_SOURCE_REASON,
];

export const JOB_ID = 'job-1';
export const APPOINTMENT_ID = 'a1';

export function makeJob(overrides: Partial<Job> = {}): Job {
  return {
    id: JOB_ID,
    organizationId: PROVIDER.id,
    sourceId: ENTERPRISE.id,
    customerId: CUSTOMER.id,
    title: 'Furnace not heating',
    address: { street1: '12 Elm St', city: 'Springfield', state: 'MA', timezone: TZ },
    timeWindows: [],
    lifecycle: 'open',
    createdAt: at(8),
    version: 3,
    ...overrides,
  };
}

/** Tom's 10:00 visit, last edited by Dana at 09:00, version 7. */
export function makeAppointment(overrides: Partial<Appointment> = {}): Appointment {
  return {
    id: APPOINTMENT_ID,
    jobId: JOB_ID,
    organizationId: PROVIDER.id,
    technicianId: TOM.id,
    start: at(10),
    durationMinutes: 120,
    status: 'scheduled',
    updatedBy: 'Dana Reyes',
    updatedAt: at(9),
    version: 7,
    ...overrides,
  };
}

export function makeState(
  job: Job | undefined,
  appointments: Appointment[] = [],
  customer: Customer | undefined = job ? CUSTOMER : undefined,
): JobState {
  return {
    job,
    appointments,
    customer,
    customerSeen: customer !== undefined,
    completeReasons: COMPLETE_REASONS,
    technician: (id) => USERS.find((candidate) => candidate.id === id),
    organization: (id) => ORGANIZATIONS.find((candidate) => candidate.id === id),
  };
}

/** Every state a job can be in, named as the tests' table names it. */
export const STATES = [
  'none',
  'offered',
  'unscheduled',
  'scheduled',
  'in_progress/enroute',
  'in_progress/started',
  'paused',
  'complete',
  'canceled',
  'rejected',
  'withdrawn',
] as const;
export type StateName = (typeof STATES)[number];

export function stateOf(name: StateName): JobState {
  switch (name) {
    case 'none':
      return makeState(undefined);
    case 'offered':
      return makeState(makeJob({ lifecycle: 'offered' }));
    case 'unscheduled':
      return makeState(makeJob());
    case 'scheduled':
      return makeState(makeJob(), [makeAppointment()]);
    case 'in_progress/enroute':
      return makeState(makeJob(), [
        makeAppointment({
          status: 'enroute',
          enrouteAt: at(9, 50),
          etaMinutes: 10,
          updatedBy: 'Tom Baker',
          updatedAt: at(9, 50),
        }),
      ]);
    case 'in_progress/started':
      return makeState(makeJob(), [
        makeAppointment({
          status: 'started',
          enrouteAt: at(9, 50),
          startedAt: at(10, 2),
          updatedBy: 'Tom Baker',
          updatedAt: at(10, 2),
        }),
      ]);
    case 'paused':
      return makeState(makeJob(), [
        makeAppointment({
          status: 'complete',
          startedAt: at(10, 2),
          completedAt: at(11),
          completeReasonId: 'cr-waiting-for-parts',
          updatedBy: 'Tom Baker',
          updatedAt: at(11),
        }),
      ]);
    case 'complete':
      return makeState(makeJob({ lifecycle: 'complete' }), [
        makeAppointment({
          status: 'complete',
          startedAt: at(10, 2),
          completedAt: at(11),
          completeReasonId: 'cr-repaired',
          updatedBy: 'Tom Baker',
          updatedAt: at(11),
        }),
      ]);
    case 'canceled':
      return makeState(makeJob({ lifecycle: 'canceled', closedReason: 'Customer moved' }), [
        makeAppointment({ status: 'canceled', canceledAt: at(9, 15), updatedAt: at(9, 15) }),
      ]);
    case 'rejected':
      return makeState(makeJob({ lifecycle: 'rejected', closedReason: 'Outside our service area' }));
    case 'withdrawn':
      return makeState(makeJob({ lifecycle: 'canceled', withdrawn: true, closedReason: 'Offer withdrawn' }));
  }
}

/** Who acts, named by their relation to job-1. */
export const ACTORS = {
  /** Dispatcher of the provider doing the job. */
  dispatcher: {
    userId: DANA.id,
    name: 'Dana Reyes',
    role: 'dispatcher',
    organizationId: PROVIDER.id,
    source: 'console',
  },
  /** Technician assigned to appointment a1. */
  technician: { userId: TOM.id, name: 'Tom Baker', role: 'technician', organizationId: PROVIDER.id, source: 'mobile' },
  /** Another technician of the same provider. */
  otherTech: { userId: SAM.id, name: 'Sam Ortiz', role: 'technician', organizationId: PROVIDER.id, source: 'mobile' },
  /** The enterprise that sent the job. */
  enterprise: {
    userId: 'u-erin',
    name: 'Erin Walsh',
    role: 'enterprise',
    organizationId: ENTERPRISE.id,
    source: 'integration',
  },
  system: SYSTEM_ACTOR,
  /** Dispatcher of another provider. */
  otherDisp: {
    userId: 'u-olga',
    name: 'Olga Berg',
    role: 'dispatcher',
    organizationId: OTHER_PROVIDER.id,
    source: 'console',
  },
  /** An enterprise that did not send the job. */
  otherEnt: {
    userId: 'u-eve',
    name: 'Eve Stone',
    role: 'enterprise',
    organizationId: OTHER_ENTERPRISE.id,
    source: 'integration',
  },
} as const satisfies Record<string, Actor>;
export type RoleName = keyof typeof ACTORS;
export const ROLES = Object.keys(ACTORS) as RoleName[];

export function context(actor: Actor, overrides: Partial<CommandContext> = {}): CommandContext {
  return { actor, occurredAt: NOW - 60_000, now: NOW, offline: false, ...overrides };
}

export type Outcome = { ok: true; effect: CommandEffect } | ({ ok: false } & Refusal);

/** Parses and applies a command the way client and server do. Malformed args fail the test. */
export function run(
  state: JobState,
  actor: Actor,
  name: string,
  args: unknown,
  ctx: Partial<CommandContext> = {},
): Outcome {
  const parsed = parseCommand(name, args);
  if (!parsed.ok) throw new Error(`${name} args did not parse: ${parsed.message}`);
  return applyCommand(parsed.value, state, context(actor, ctx));
}

/** A job command's effect: applied, and carrying its job as every job command's does. */
export function expectApplied(outcome: Outcome): JobEffect {
  const effect = expectEffect(outcome);
  if (!effect.job) expect.fail('expected a job command, whose effect carries its job');
  return effect as JobEffect;
}

/** Any command's effect (a directory command's has no job). */
export function expectEffect(outcome: Outcome): CommandEffect {
  if (!outcome.ok) expect.fail(`expected the command to apply, got ${outcome.code}: ${outcome.message}`);
  return outcome.effect;
}

export function expectRefused(outcome: Outcome, code: Refusal['code']): string {
  if (outcome.ok) expect.fail(`expected ${code}, but the command applied`);
  expect(outcome.code, outcome.message).toBe(code);
  expectReadable(outcome.message);
  return outcome.message;
}

/** A sentence a dispatcher can read: capitalised, punctuated, no leaked placeholders. */
export function expectReadable(message: string): void {
  expect(message.length).toBeGreaterThan(10);
  expect(message).toMatch(/^[A-Z"]/);
  expect(message).toMatch(/[.!?]$/);
  expect(message).not.toMatch(/undefined|null|NaN|\[object/);
}

/** The state after an effect: its job, and the appointments it wrote merged over the old ones. */
export function after(state: JobState, effect: CommandEffect): JobState {
  const written = new Map(effect.appointments.map((appointment) => [appointment.id, appointment]));
  const appointments = state.appointments.map((appointment) => written.get(appointment.id) ?? appointment);
  for (const appointment of effect.appointments) {
    if (!state.appointments.some((existing) => existing.id === appointment.id)) appointments.push(appointment);
  }
  return { ...state, job: effect.job, appointments, customer: effect.customer ?? state.customer };
}

export function statusOf(state: JobState): JobDisplayStatus {
  if (!state.job) throw new Error('no job in this state');
  return deriveJobStatus(state.job, state.appointments, (id) =>
    state.completeReasons.find((reason) => reason.id === id),
  );
}

/** Applies a command that must succeed and returns the next state with the effect. */
export function step(state: JobState, actor: Actor, name: string, args: unknown, ctx: Partial<CommandContext> = {}) {
  const effect = expectApplied(run(state, actor, name, args, ctx));
  return { state: after(state, effect), effect };
}
