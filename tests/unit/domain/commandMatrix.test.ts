/**
 * Every command × every job state × every kind of actor, as one decision table.
 *
 * A cell is either the job's display status after the command applies (lowercase: `scheduled`,
 * `in_progress`, ...) or the stable code of the refusal (uppercase: `FORBIDDEN`, `NOT_FOUND`, ...).
 * Columns, by their relation to job-1 (sent by Warranty Co to Acme Heating, appointment a1 is Tom's):
 *   dispatcher  Acme's dispatcher          enterprise  Warranty Co (sent the job)
 *   technician  Tom, assigned to a1        system      the system actor
 *   otherTech   Sam, Acme, not on a1       otherDisp   dispatcher of another provider
 *                                          otherEnt    an enterprise that did not send the job
 * The rules the table spells out (docs/ARCHITECTURE.md §4):
 *   - other tenants are told NOT_FOUND; a known actor with the wrong role gets FORBIDDEN;
 *   - commands on a1 get NOT_FOUND in states that have no appointment;
 *   - creating job-1 again gets ALREADY_EXISTS ('none' is the state before job-1 exists).
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS, type ErrorCode, type JobDisplayStatus } from '../../../domain';
import {
  ACTORS,
  after,
  APPOINTMENT_ID,
  JOB_ID,
  makeAppointment,
  PROVIDER,
  ROLES,
  run,
  SAM,
  STATES,
  stateOf,
  statusOf,
  TOM,
  TOMORROW_9,
  expectReadable,
  type RoleName,
  type StateName,
} from './fixtures';

const NEW_JOB = {
  jobId: JOB_ID,
  organizationId: PROVIDER.id,
  title: 'No heat upstairs',
  address: { street1: '12 Elm St', city: 'Springfield', state: 'MA', timezone: 'America/New_York' },
  customer: { id: 'cust-9', firstName: 'Nina', phoneNumbers: [{ number: 'tel:+1-555-0199', primary: true }] },
};

/** The actions of the table: each command once, setStatus once per target status. */
const ACTIONS = {
  'job.offer': ['job.offer', NEW_JOB],
  'job.create': ['job.create', NEW_JOB],
  'job.accept': ['job.accept', { jobId: JOB_ID }],
  'job.accept+appt': [
    'job.accept',
    { jobId: JOB_ID, appointment: { id: 'a-new', technicianId: TOM.id, start: TOMORROW_9 } },
  ],
  'job.decline': ['job.decline', { jobId: JOB_ID, reasonId: 'dr-no-capacity' }],
  'job.withdraw': ['job.withdraw', { jobId: JOB_ID }],
  'job.cancel': ['job.cancel', { jobId: JOB_ID, reason: 'Customer called to cancel' }],
  'job.complete': ['job.complete', { jobId: JOB_ID }],
  'job.update': ['job.update', { jobId: JOB_ID, title: 'Furnace not heating (2nd floor)' }],
  'appt.create': [
    'appointment.create',
    { jobId: JOB_ID, id: 'a2', technicianId: SAM.id, start: TOMORROW_9, durationMinutes: 90 },
  ],
  'appt.move': [
    'appointment.move',
    { appointmentId: APPOINTMENT_ID, expectedVersion: makeAppointment().version, start: TOMORROW_9 },
  ],
  'appt.cancel': ['appointment.cancel', { appointmentId: APPOINTMENT_ID, expectedVersion: makeAppointment().version }],
  'status→scheduled': ['appointment.setStatus', { appointmentId: APPOINTMENT_ID, status: 'scheduled' }],
  'status→enroute': ['appointment.setStatus', { appointmentId: APPOINTMENT_ID, status: 'enroute', etaMinutes: 20 }],
  'status→started': ['appointment.setStatus', { appointmentId: APPOINTMENT_ID, status: 'started' }],
  'status→complete': [
    'appointment.setStatus',
    { appointmentId: APPOINTMENT_ID, status: 'complete', completeReasonId: 'cr-repaired' },
  ],
  'appt.complete': ['appointment.complete', { appointmentId: APPOINTMENT_ID, completeReasonId: 'cr-repaired' }],
  'appt.complete−reason': ['appointment.complete', { appointmentId: APPOINTMENT_ID }],
  'note.add': ['note.add', { noteId: 'n-1', jobId: JOB_ID, text: 'Gate code 4411' }],
  'note.add@appt': [
    'note.add',
    { noteId: 'n-2', jobId: JOB_ID, appointmentId: APPOINTMENT_ID, text: 'Ordering parts' },
  ],
} as const satisfies Record<string, readonly [string, unknown]>;
type ActionName = keyof typeof ACTIONS;

type Expected = JobDisplayStatus | ErrorCode;
type Row = [ActionName, StateName, Expected, Expected, Expected, Expected, Expected, Expected, Expected];

// Short names keep the columns aligned.
const NF = 'NOT_FOUND';
const FB = 'FORBIDDEN';
const IT = 'INVALID_TRANSITION';
const AE = 'ALREADY_EXISTS';
const RR = 'REASON_REQUIRED';

// prettier-ignore
const TABLE: Row[] = [
  // action             state                  dispatcher     technician   otherTech    enterprise     system         otherDisp    otherEnt
  ['job.offer',        'none',                 FB,            FB,          FB,          'offered',     'offered',     FB,          'offered'],
  ['job.offer',        'offered',              FB,            FB,          FB,          AE,            AE,            FB,          AE],
  ['job.offer',        'unscheduled',          FB,            FB,          FB,          AE,            AE,            FB,          AE],
  ['job.offer',        'scheduled',            FB,            FB,          FB,          AE,            AE,            FB,          AE],
  ['job.offer',        'in_progress/enroute',  FB,            FB,          FB,          AE,            AE,            FB,          AE],
  ['job.offer',        'in_progress/started',  FB,            FB,          FB,          AE,            AE,            FB,          AE],
  ['job.offer',        'paused',               FB,            FB,          FB,          AE,            AE,            FB,          AE],
  ['job.offer',        'complete',             FB,            FB,          FB,          AE,            AE,            FB,          AE],
  ['job.offer',        'canceled',             FB,            FB,          FB,          AE,            AE,            FB,          AE],
  ['job.offer',        'rejected',             FB,            FB,          FB,          AE,            AE,            FB,          AE],
  ['job.offer',        'withdrawn',            FB,            FB,          FB,          AE,            AE,            FB,          AE],

  // A dispatcher creates jobs only for its own organization; an enterprise may assign one directly.
  ['job.create',       'none',                 'unscheduled', FB,          FB,          'unscheduled', 'unscheduled', FB,          'unscheduled'],
  ['job.create',       'offered',              AE,            FB,          FB,          AE,            AE,            FB,          AE],
  ['job.create',       'unscheduled',          AE,            FB,          FB,          AE,            AE,            FB,          AE],
  ['job.create',       'scheduled',            AE,            FB,          FB,          AE,            AE,            FB,          AE],
  ['job.create',       'in_progress/enroute',  AE,            FB,          FB,          AE,            AE,            FB,          AE],
  ['job.create',       'in_progress/started',  AE,            FB,          FB,          AE,            AE,            FB,          AE],
  ['job.create',       'paused',               AE,            FB,          FB,          AE,            AE,            FB,          AE],
  ['job.create',       'complete',             AE,            FB,          FB,          AE,            AE,            FB,          AE],
  ['job.create',       'canceled',             AE,            FB,          FB,          AE,            AE,            FB,          AE],
  ['job.create',       'rejected',             AE,            FB,          FB,          AE,            AE,            FB,          AE],
  ['job.create',       'withdrawn',            AE,            FB,          FB,          AE,            AE,            FB,          AE],

  // offered → accept → unscheduled (or scheduled, with a first appointment in the same command).
  ['job.accept',       'none',                 NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['job.accept',       'offered',              'unscheduled', FB,          FB,          FB,            'unscheduled', NF,          NF],
  ['job.accept',       'unscheduled',          IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.accept',       'scheduled',            IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.accept',       'in_progress/enroute',  IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.accept',       'in_progress/started',  IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.accept',       'paused',               IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.accept',       'complete',             IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.accept',       'canceled',             IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.accept',       'rejected',             IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.accept',       'withdrawn',            IT,            FB,          FB,          FB,            IT,            NF,          NF],

  ['job.accept+appt',  'none',                 NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['job.accept+appt',  'offered',              'scheduled',   FB,          FB,          FB,            'scheduled',   NF,          NF],
  ['job.accept+appt',  'unscheduled',          IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.accept+appt',  'scheduled',            IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.accept+appt',  'in_progress/enroute',  IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.accept+appt',  'in_progress/started',  IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.accept+appt',  'paused',               IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.accept+appt',  'complete',             IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.accept+appt',  'canceled',             IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.accept+appt',  'rejected',             IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.accept+appt',  'withdrawn',            IT,            FB,          FB,          FB,            IT,            NF,          NF],

  // offered → decline → declined (read-only).
  ['job.decline',      'none',                 NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['job.decline',      'offered',              'rejected',    FB,          FB,          FB,            'rejected',    NF,          NF],
  ['job.decline',      'unscheduled',          IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.decline',      'scheduled',            IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.decline',      'in_progress/enroute',  IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.decline',      'in_progress/started',  IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.decline',      'paused',               IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.decline',      'complete',             IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.decline',      'canceled',             IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.decline',      'rejected',             IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.decline',      'withdrawn',            IT,            FB,          FB,          FB,            IT,            NF,          NF],

  // offered → the enterprise withdraws → canceled.
  ['job.withdraw',     'none',                 NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['job.withdraw',     'offered',              FB,            FB,          FB,          'canceled',    'canceled',    NF,          NF],
  ['job.withdraw',     'unscheduled',          FB,            FB,          FB,          IT,            IT,            NF,          NF],
  ['job.withdraw',     'scheduled',            FB,            FB,          FB,          IT,            IT,            NF,          NF],
  ['job.withdraw',     'in_progress/enroute',  FB,            FB,          FB,          IT,            IT,            NF,          NF],
  ['job.withdraw',     'in_progress/started',  FB,            FB,          FB,          IT,            IT,            NF,          NF],
  ['job.withdraw',     'paused',               FB,            FB,          FB,          IT,            IT,            NF,          NF],
  ['job.withdraw',     'complete',             FB,            FB,          FB,          IT,            IT,            NF,          NF],
  ['job.withdraw',     'canceled',             FB,            FB,          FB,          IT,            IT,            NF,          NF],
  ['job.withdraw',     'rejected',             FB,            FB,          FB,          IT,            IT,            NF,          NF],
  ['job.withdraw',     'withdrawn',            FB,            FB,          FB,          IT,            IT,            NF,          NF],

  // unscheduled | scheduled | paused → cancel → canceled; not while a technician is on the way or on site.
  ['job.cancel',       'none',                 NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['job.cancel',       'offered',              IT,            FB,          FB,          IT,            IT,            NF,          NF],
  ['job.cancel',       'unscheduled',          'canceled',    FB,          FB,          'canceled',    'canceled',    NF,          NF],
  ['job.cancel',       'scheduled',            'canceled',    FB,          FB,          'canceled',    'canceled',    NF,          NF],
  ['job.cancel',       'in_progress/enroute',  IT,            FB,          FB,          IT,            IT,            NF,          NF],
  ['job.cancel',       'in_progress/started',  IT,            FB,          FB,          IT,            IT,            NF,          NF],
  ['job.cancel',       'paused',               'canceled',    FB,          FB,          'canceled',    'canceled',    NF,          NF],
  ['job.cancel',       'complete',             IT,            FB,          FB,          IT,            IT,            NF,          NF],
  ['job.cancel',       'canceled',             IT,            FB,          FB,          IT,            IT,            NF,          NF],
  ['job.cancel',       'rejected',             IT,            FB,          FB,          IT,            IT,            NF,          NF],
  ['job.cancel',       'withdrawn',            IT,            FB,          FB,          IT,            IT,            NF,          NF],

  // paused → "Complete Job" → complete.
  ['job.complete',     'none',                 NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['job.complete',     'offered',              IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.complete',     'unscheduled',          IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.complete',     'scheduled',            IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.complete',     'in_progress/enroute',  IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.complete',     'in_progress/started',  IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.complete',     'paused',               'complete',    FB,          FB,          FB,            'complete',    NF,          NF],
  ['job.complete',     'complete',             IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.complete',     'canceled',             IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.complete',     'rejected',             IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['job.complete',     'withdrawn',            IT,            FB,          FB,          FB,            IT,            NF,          NF],

  // Editing details never changes the status; closed jobs (canceled, declined, withdrawn) are read-only.
  ['job.update',       'none',                 NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['job.update',       'offered',              'offered',     FB,          FB,          'offered',     'offered',     NF,          NF],
  ['job.update',       'unscheduled',          'unscheduled', FB,          FB,          'unscheduled', 'unscheduled', NF,          NF],
  ['job.update',       'scheduled',            'scheduled',   FB,          FB,          'scheduled',   'scheduled',   NF,          NF],
  ['job.update',       'in_progress/enroute',  'in_progress', FB,          FB,          'in_progress', 'in_progress', NF,          NF],
  ['job.update',       'in_progress/started',  'in_progress', FB,          FB,          'in_progress', 'in_progress', NF,          NF],
  ['job.update',       'paused',               'paused',      FB,          FB,          'paused',      'paused',      NF,          NF],
  ['job.update',       'complete',             'complete',    FB,          FB,          'complete',    'complete',    NF,          NF],
  ['job.update',       'canceled',             IT,            FB,          FB,          IT,            IT,            NF,          NF],
  ['job.update',       'rejected',             IT,            FB,          FB,          IT,            IT,            NF,          NF],
  ['job.update',       'withdrawn',            IT,            FB,          FB,          IT,            IT,            NF,          NF],

  // A new appointment: unscheduled|paused|complete → scheduled; an offer must be accepted first.
  ['appt.create',      'none',                 NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['appt.create',      'offered',              IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['appt.create',      'unscheduled',          'scheduled',   FB,          FB,          FB,            'scheduled',   NF,          NF],
  ['appt.create',      'scheduled',            'scheduled',   FB,          FB,          FB,            'scheduled',   NF,          NF],
  ['appt.create',      'in_progress/enroute',  'in_progress', FB,          FB,          FB,            'in_progress', NF,          NF],
  ['appt.create',      'in_progress/started',  'in_progress', FB,          FB,          FB,            'in_progress', NF,          NF],
  ['appt.create',      'paused',               'scheduled',   FB,          FB,          FB,            'scheduled',   NF,          NF],
  ['appt.create',      'complete',             'scheduled',   FB,          FB,          FB,            'scheduled',   NF,          NF],
  ['appt.create',      'canceled',             IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['appt.create',      'rejected',             IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['appt.create',      'withdrawn',            IT,            FB,          FB,          FB,            IT,            NF,          NF],

  // Only scheduled appointments move. Sam is told a1 is not his; Warranty Co sees a1 but cannot move it.
  ['appt.move',        'none',                 NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['appt.move',        'offered',              NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['appt.move',        'unscheduled',          NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['appt.move',        'scheduled',            'scheduled',   FB,          FB,          FB,            'scheduled',   NF,          NF],
  ['appt.move',        'in_progress/enroute',  IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['appt.move',        'in_progress/started',  IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['appt.move',        'paused',               IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['appt.move',        'complete',             IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['appt.move',        'canceled',             IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['appt.move',        'rejected',             NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['appt.move',        'withdrawn',            NF,            NF,          NF,          NF,            NF,            NF,          NF],

  // Only scheduled appointments are canceled; the job's only one leaves it Unscheduled.
  ['appt.cancel',      'none',                 NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['appt.cancel',      'offered',              NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['appt.cancel',      'unscheduled',          NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['appt.cancel',      'scheduled',            'unscheduled', FB,          FB,          FB,            'unscheduled', NF,          NF],
  ['appt.cancel',      'in_progress/enroute',  IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['appt.cancel',      'in_progress/started',  IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['appt.cancel',      'paused',               IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['appt.cancel',      'complete',             IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['appt.cancel',      'canceled',             IT,            FB,          FB,          FB,            IT,            NF,          NF],
  ['appt.cancel',      'rejected',             NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['appt.cancel',      'withdrawn',            NF,            NF,          NF,          NF,            NF,            NF,          NF],

  // Field statuses: Tom on his own appointment, a dispatcher as backup. enroute → scheduled undoes On My Way.
  ['status→scheduled', 'none',                 NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['status→scheduled', 'offered',              NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['status→scheduled', 'unscheduled',          NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['status→scheduled', 'scheduled',            IT,            IT,          FB,          FB,            IT,            NF,          NF],
  ['status→scheduled', 'in_progress/enroute',  'scheduled',   'scheduled', FB,          FB,            'scheduled',   NF,          NF],
  ['status→scheduled', 'in_progress/started',  IT,            IT,          FB,          FB,            IT,            NF,          NF],
  ['status→scheduled', 'paused',               IT,            IT,          FB,          FB,            IT,            NF,          NF],
  ['status→scheduled', 'complete',             IT,            IT,          FB,          FB,            IT,            NF,          NF],
  ['status→scheduled', 'canceled',             IT,            IT,          FB,          FB,            IT,            NF,          NF],
  ['status→scheduled', 'rejected',             NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['status→scheduled', 'withdrawn',            NF,            NF,          NF,          NF,            NF,            NF,          NF],

  ['status→enroute',   'none',                 NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['status→enroute',   'offered',              NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['status→enroute',   'unscheduled',          NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['status→enroute',   'scheduled',            'in_progress', 'in_progress', FB,        FB,            'in_progress', NF,          NF],
  ['status→enroute',   'in_progress/enroute',  IT,            IT,          FB,          FB,            IT,            NF,          NF],
  ['status→enroute',   'in_progress/started',  IT,            IT,          FB,          FB,            IT,            NF,          NF],
  ['status→enroute',   'paused',               IT,            IT,          FB,          FB,            IT,            NF,          NF],
  ['status→enroute',   'complete',             IT,            IT,          FB,          FB,            IT,            NF,          NF],
  ['status→enroute',   'canceled',             IT,            IT,          FB,          FB,            IT,            NF,          NF],
  ['status→enroute',   'rejected',             NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['status→enroute',   'withdrawn',            NF,            NF,          NF,          NF,            NF,            NF,          NF],

  ['status→started',   'none',                 NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['status→started',   'offered',              NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['status→started',   'unscheduled',          NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['status→started',   'scheduled',            'in_progress', 'in_progress', FB,        FB,            'in_progress', NF,          NF],
  ['status→started',   'in_progress/enroute',  'in_progress', 'in_progress', FB,        FB,            'in_progress', NF,          NF],
  ['status→started',   'in_progress/started',  IT,            IT,          FB,          FB,            IT,            NF,          NF],
  ['status→started',   'paused',               IT,            IT,          FB,          FB,            IT,            NF,          NF],
  ['status→started',   'complete',             IT,            IT,          FB,          FB,            IT,            NF,          NF],
  ['status→started',   'canceled',             IT,            IT,          FB,          FB,            IT,            NF,          NF],
  ['status→started',   'rejected',             NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['status→started',   'withdrawn',            NF,            NF,          NF,          NF,            NF,            NF,          NF],

  // Completing the job's last live appointment with "Repaired (job completed)" completes the job.
  ['status→complete',  'none',                 NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['status→complete',  'offered',              NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['status→complete',  'unscheduled',          NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['status→complete',  'scheduled',            'complete',    'complete',  FB,          FB,            'complete',    NF,          NF],
  ['status→complete',  'in_progress/enroute',  'complete',    'complete',  FB,          FB,            'complete',    NF,          NF],
  ['status→complete',  'in_progress/started',  'complete',    'complete',  FB,          FB,            'complete',    NF,          NF],
  ['status→complete',  'paused',               IT,            IT,          FB,          FB,            IT,            NF,          NF],
  ['status→complete',  'complete',             IT,            IT,          FB,          FB,            IT,            NF,          NF],
  ['status→complete',  'canceled',             IT,            IT,          FB,          FB,            IT,            NF,          NF],
  ['status→complete',  'rejected',             NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['status→complete',  'withdrawn',            NF,            NF,          NF,          NF,            NF,            NF,          NF],

  // appointment.complete: the same decisions with a reason; without one, every completion is refused.
  ['appt.complete',    'none',                 NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['appt.complete',    'offered',              NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['appt.complete',    'unscheduled',          NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['appt.complete',    'scheduled',            'complete',    'complete',  FB,          FB,            'complete',    NF,          NF],
  ['appt.complete',    'in_progress/enroute',  'complete',    'complete',  FB,          FB,            'complete',    NF,          NF],
  ['appt.complete',    'in_progress/started',  'complete',    'complete',  FB,          FB,            'complete',    NF,          NF],
  ['appt.complete',    'paused',               IT,            IT,          FB,          FB,            IT,            NF,          NF],
  ['appt.complete',    'complete',             IT,            IT,          FB,          FB,            IT,            NF,          NF],
  ['appt.complete',    'canceled',             IT,            IT,          FB,          FB,            IT,            NF,          NF],
  ['appt.complete',    'rejected',             NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['appt.complete',    'withdrawn',            NF,            NF,          NF,          NF,            NF,            NF,          NF],

  ['appt.complete−reason','none',                NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['appt.complete−reason','offered',             NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['appt.complete−reason','unscheduled',         NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['appt.complete−reason','scheduled',           RR,            RR,          FB,          FB,            RR,            NF,          NF],
  ['appt.complete−reason','in_progress/enroute', RR,            RR,          FB,          FB,            RR,            NF,          NF],
  ['appt.complete−reason','in_progress/started', RR,            RR,          FB,          FB,            RR,            NF,          NF],
  ['appt.complete−reason','paused',              IT,            IT,          FB,          FB,            IT,            NF,          NF],
  ['appt.complete−reason','complete',            IT,            IT,          FB,          FB,            IT,            NF,          NF],
  ['appt.complete−reason','canceled',            IT,            IT,          FB,          FB,            IT,            NF,          NF],
  ['appt.complete−reason','rejected',            NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['appt.complete−reason','withdrawn',           NF,            NF,          NF,          NF,            NF,            NF,          NF],

  // A note changes no status. Technicians write on jobs they have a visit on (cancelled ones too), and on their own visits.
  ['note.add',         'none',                NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['note.add',         'offered',             'offered',     FB,          FB,          'offered',     'offered',     NF,          NF],
  ['note.add',         'unscheduled',         'unscheduled', FB,          FB,          'unscheduled', 'unscheduled', NF,          NF],
  ['note.add',         'scheduled',           'scheduled',   'scheduled', FB,          'scheduled',   'scheduled',   NF,          NF],
  ['note.add',         'in_progress/enroute', 'in_progress', 'in_progress',FB,          'in_progress', 'in_progress', NF,          NF],
  ['note.add',         'in_progress/started', 'in_progress', 'in_progress',FB,          'in_progress', 'in_progress', NF,          NF],
  ['note.add',         'paused',              'paused',      'paused',    FB,          'paused',      'paused',      NF,          NF],
  ['note.add',         'complete',            'complete',    'complete',  FB,          'complete',    'complete',    NF,          NF],
  ['note.add',         'canceled',            'canceled',    'canceled',  FB,          'canceled',    'canceled',    NF,          NF],
  ['note.add',         'rejected',            'rejected',    FB,          FB,          'rejected',    'rejected',    NF,          NF],
  ['note.add',         'withdrawn',           'canceled',    FB,          FB,          'canceled',    'canceled',    NF,          NF],

  ['note.add@appt',    'none',                NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['note.add@appt',    'offered',             NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['note.add@appt',    'unscheduled',         NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['note.add@appt',    'scheduled',           'scheduled',   'scheduled', FB,          'scheduled',   'scheduled',   NF,          NF],
  ['note.add@appt',    'in_progress/enroute', 'in_progress', 'in_progress',FB,          'in_progress', 'in_progress', NF,          NF],
  ['note.add@appt',    'in_progress/started', 'in_progress', 'in_progress',FB,          'in_progress', 'in_progress', NF,          NF],
  ['note.add@appt',    'paused',              'paused',      'paused',    FB,          'paused',      'paused',      NF,          NF],
  ['note.add@appt',    'complete',            'complete',    'complete',  FB,          'complete',    'complete',    NF,          NF],
  ['note.add@appt',    'canceled',            'canceled',    'canceled',  FB,          'canceled',    'canceled',    NF,          NF],
  ['note.add@appt',    'rejected',            NF,            NF,          NF,          NF,            NF,            NF,          NF],
  ['note.add@appt',    'withdrawn',           NF,            NF,          NF,          NF,            NF,            NF,          NF],
];

type Case = { action: ActionName; state: StateName; role: RoleName; expected: Expected };

/** One case per cell of the cross product; a missing or doubled row fails here, before any test runs. */
function cases(): { all: Case[]; missing: string[]; doubled: string[] } {
  const rows = new Map<string, Row>();
  const doubled: string[] = [];
  for (const row of TABLE) {
    const key = `${row[0]} @ ${row[1]}`;
    if (rows.has(key)) doubled.push(key);
    rows.set(key, row);
  }
  const all: Case[] = [];
  const missing: string[] = [];
  for (const action of Object.keys(ACTIONS) as ActionName[]) {
    for (const state of STATES) {
      const row = rows.get(`${action} @ ${state}`);
      if (!row) {
        missing.push(`${action} @ ${state}`);
        continue;
      }
      ROLES.forEach((role, column) => all.push({ action, state, role, expected: row[2 + column] as Expected }));
    }
  }
  return { all, missing, doubled };
}

const { all, missing, doubled } = cases();

describe('the decision table', () => {
  it('names every job command in COMMANDS', () => {
    const covered = new Set(Object.values(ACTIONS).map(([name]) => name));
    // Commands about the directory (organization.*, user.*, customer.*) touch no job; they have their own tests.
    const jobCommands = Object.keys(COMMANDS).filter((name) => !/^(organization|user|customer)\./.test(name));
    expect([...covered].sort()).toEqual(jobCommands.sort());
  });

  it('sets appointment.setStatus to every field status', () => {
    const targets = Object.values(ACTIONS)
      .filter(([name]) => name === 'appointment.setStatus')
      .map(([, args]) => (args as { status: string }).status);
    expect(targets.sort()).toEqual(['complete', 'enroute', 'scheduled', 'started']);
  });

  it('has exactly one row for every action in every state, with a column for every role', () => {
    expect(missing, 'rows missing from TABLE').toEqual([]);
    expect(doubled, 'rows given twice in TABLE').toEqual([]);
    expect(ROLES).toEqual(['dispatcher', 'technician', 'otherTech', 'enterprise', 'system', 'otherDisp', 'otherEnt']);
    expect(all).toHaveLength(Object.keys(ACTIONS).length * STATES.length * ROLES.length);
  });

  it('starts from fixtures whose derived status is the one each state is named after', () => {
    for (const name of STATES) {
      if (name === 'none') continue;
      const expected = name === 'withdrawn' ? 'canceled' : name.startsWith('in_progress') ? 'in_progress' : name;
      expect(statusOf(stateOf(name)), name).toBe(expected);
    }
  });
});

describe.each(Object.keys(ACTIONS) as ActionName[])('%s', (action) => {
  const [command, args] = ACTIONS[action];
  it.each(
    all
      .filter((entry) => entry.action === action)
      .map((entry) => [entry.state, entry.role, entry.expected, entry] as const),
  )('in %s, as %s → %s', (_state, _role, _expected, { state: stateName, role, expected }) => {
    const state = stateOf(stateName);
    const outcome = run(state, ACTORS[role], command, args);
    if (expected === expected.toUpperCase()) {
      if (outcome.ok)
        expect.fail(`expected ${expected}, but it applied (job ${statusOf(after(state, outcome.effect))})`);
      expect(outcome.code, outcome.message).toBe(expected);
      expectReadable(outcome.message);
      return;
    }
    if (!outcome.ok) expect.fail(`expected ${expected}, got ${outcome.code}: ${outcome.message}`);
    const { effect } = outcome;
    expect(statusOf(after(state, effect))).toBe(expected);
    expect(effect.job?.id).toBe(JOB_ID);
    // Something is recorded: activity, or (note.add) the note itself.
    expect(effect.activity.length + (effect.notes?.length ?? 0)).toBeGreaterThan(0);
    for (const draft of effect.activity) {
      expect(draft.jobId).toBe(JOB_ID);
      expect(draft.summary.trim()).not.toBe('');
    }
    for (const appointment of effect.appointments) expect(appointment.jobId).toBe(JOB_ID);
  });
});
