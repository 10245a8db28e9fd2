/** parseCommand: the wire contract. Unknown names and malformed args are refused with a readable sentence. */
import { describe, expect, it } from 'vitest';
import { COMMANDS, parseCommand } from '../../../domain';
import { at, expectReadable, TOMORROW_9 } from './fixtures';

const address = { street1: '12 Elm St', city: 'Springfield' };
const customer = { id: 'cust-9', firstName: 'Nina' };
const offer = { jobId: 'job-9', organizationId: 'prov-1', title: 'No heat', address, customer };
const appointment = { jobId: 'job-1', id: 'a2', technicianId: 'u-tom', start: TOMORROW_9 };

describe('unknown command names → UNKNOWN_COMMAND', () => {
  it.each([
    ['job.explode'],
    [''],
    ['JOB.ACCEPT'],
    ['toString'],
    ['__proto__'],
    ['constructor'],
    [42],
    [null],
    [undefined],
    [{ name: 'job.accept' }],
  ])('%o', (name) => {
    const result = parseCommand(name, { jobId: 'job-1' });
    expect(result).toMatchObject({ ok: false, code: 'UNKNOWN_COMMAND' });
    if (!result.ok) expect(result.message).toMatch(/^There is no command named .+\.$/);
  });

  it('keeps a huge name out of the message', () => {
    const result = parseCommand('x'.repeat(10_000), {});
    expect(!result.ok && result.message.length).toBeLessThan(120);
  });
});

// [what is wrong, command, args, what the message must mention]
const MALFORMED: [string, string, unknown, RegExp][] = [
  ['args missing', 'job.accept', undefined, /expected object/i],
  ['args not an object', 'job.accept', 'job-1', /expected object/i],
  ['args an array', 'job.accept', ['job-1'], /expected object/i],
  ['id of the wrong type', 'job.accept', { jobId: 42 }, /jobId: .*string/],
  ['empty id', 'job.accept', { jobId: '' }, /jobId/],
  [
    'id with spaces and symbols',
    'job.accept',
    { jobId: 'job 1; drop table' },
    /jobId: ids use letters, digits and _ \. : -/,
  ],
  ['id too long', 'job.accept', { jobId: 'j'.repeat(65) }, /jobId/],
  ['extra key', 'job.accept', { jobId: 'job-1', force: true }, /force/],
  [
    'extra key in a nested appointment',
    'job.accept',
    { jobId: 'job-1', appointment: { id: 'a2', technicianId: 'u-tom', start: TOMORROW_9, status: 'started' } },
    /appointment: Unrecognized key: "status"/,
  ],
  ['missing decline reason', 'job.decline', { jobId: 'job-1' }, /reasonId/],
  ['decline note too long', 'job.decline', { jobId: 'job-1', reasonId: 'dr-other', note: 'n'.repeat(501) }, /note/],
  [
    'start is not a date at all',
    'appointment.create',
    { ...appointment, start: '2025-06-11T09:00' },
    /start: .*number/,
  ],
  ['start in 1970', 'appointment.create', { ...appointment, start: 0 }, /start: must be a date between 2000 and 2100/],
  [
    'start in the year 33658',
    'appointment.create',
    { ...appointment, start: 1e15 },
    /start: must be a date between 2000 and 2100/,
  ],
  [
    'start with a fraction of a millisecond',
    'appointment.create',
    { ...appointment, start: TOMORROW_9 + 0.5 },
    /start: must be whole epoch milliseconds/,
  ],
  ['start NaN', 'appointment.create', { ...appointment, start: Number.NaN }, /start/],
  [
    'duration under 5 minutes',
    'appointment.create',
    { ...appointment, durationMinutes: 4 },
    /durationMinutes: must be at least 5 minutes/,
  ],
  ['duration zero', 'appointment.create', { ...appointment, durationMinutes: 0 }, /durationMinutes/],
  ['duration negative', 'appointment.create', { ...appointment, durationMinutes: -30 }, /durationMinutes/],
  [
    'duration over a day',
    'appointment.create',
    { ...appointment, durationMinutes: 24 * 60 + 1 },
    /durationMinutes: must be at most 24 hours/,
  ],
  [
    'duration fractional',
    'appointment.create',
    { ...appointment, durationMinutes: 30.5 },
    /durationMinutes: must be whole minutes/,
  ],
  [
    'technician missing (null means unassigned)',
    'appointment.create',
    { jobId: 'job-1', id: 'a2', start: TOMORROW_9 },
    /technicianId/,
  ],
  ['move with nothing to change', 'appointment.move', { appointmentId: 'a1', expectedVersion: 3 }, /nothing to change/],
  [
    'move to a duration under 5 minutes',
    'appointment.move',
    { appointmentId: 'a1', durationMinutes: 2 },
    /durationMinutes: must be at least 5 minutes/,
  ],
  [
    'negative expected version',
    'appointment.move',
    { appointmentId: 'a1', expectedVersion: -1, start: TOMORROW_9 },
    /expectedVersion/,
  ],
  ['expected version as text', 'appointment.cancel', { appointmentId: 'a1', expectedVersion: '7' }, /expectedVersion/],
  ['canceled is not a field status', 'appointment.setStatus', { appointmentId: 'a1', status: 'canceled' }, /status/],
  [
    'in_progress is derived, never set',
    'appointment.setStatus',
    { appointmentId: 'a1', status: 'in_progress' },
    /status/,
  ],
  [
    'ETA of zero minutes',
    'appointment.setStatus',
    { appointmentId: 'a1', status: 'enroute', etaMinutes: 0 },
    /etaMinutes/,
  ],
  ['job update with nothing to change', 'job.update', { jobId: 'job-1' }, /nothing to change/],
  ['blank title', 'job.offer', { ...offer, title: '   ' }, /title/],
  [
    'state spelled out',
    'job.offer',
    { ...offer, address: { ...address, state: 'Massachusetts' } },
    /address.state: state is two letters/,
  ],
  ['address without a city', 'job.offer', { ...offer, address: { street1: '12 Elm St' } }, /address.city/],
  [
    'bad customer email',
    'job.offer',
    { ...offer, customer: { ...customer, email: 'nina at example' } },
    /customer.email/,
  ],
  [
    'time window ending before it starts',
    'job.offer',
    { ...offer, timeWindows: [{ start: at(12), end: at(10) }] },
    /a time window ends after it starts/,
  ],
  [
    'four time windows',
    'job.offer',
    { ...offer, timeWindows: Array(4).fill({ start: at(10), end: at(12) }) },
    /timeWindows/,
  ],
  [
    'six phone numbers',
    'job.offer',
    { ...offer, customer: { ...customer, phoneNumbers: Array(6).fill({ number: 'tel:+1-555-0100', primary: false }) } },
    /phoneNumbers/,
  ],
  ['extra key on the customer', 'job.create', { ...offer, customer: { ...customer, ssn: '000-00-0000' } }, /ssn/],
];

describe('malformed args → INVALID_ARGS with a readable message', () => {
  it.each(MALFORMED)('%s (%s)', (_what, name, args, mentions) => {
    const result = parseCommand(name, args);
    if (result.ok) expect.fail(`${name} accepted ${JSON.stringify(args)}`);
    expect(result.code).toBe('INVALID_ARGS');
    expect(result.message).toMatch(/^The request is not valid: .+\.$/);
    expect(result.message).toMatch(mentions);
    expect(result.message.length).toBeLessThan(400);
  });
});

describe('valid args', () => {
  it('fills defaults: 120-minute appointments, no time windows, no phone numbers', () => {
    const created = parseCommand('appointment.create', appointment);
    expect(created.ok && created.value.args).toMatchObject({ durationMinutes: 120 });
    const offered = parseCommand('job.offer', offer);
    expect(offered.ok && offered.value.args).toMatchObject({ timeWindows: [], customer: { phoneNumbers: [] } });
  });

  it.each([
    ['job.offer', offer, { jobId: 'job-9', customerId: 'cust-9' }],
    ['job.create', offer, { jobId: 'job-9', customerId: 'cust-9' }],
    ['job.accept', { jobId: 'job-1' }, { jobId: 'job-1' }],
    ['job.decline', { jobId: 'job-1', reasonId: 'dr-other' }, { jobId: 'job-1' }],
    ['job.withdraw', { jobId: 'job-1' }, { jobId: 'job-1' }],
    ['job.cancel', { jobId: 'job-1' }, { jobId: 'job-1' }],
    ['job.complete', { jobId: 'job-1' }, { jobId: 'job-1' }],
    ['job.update', { jobId: 'job-1', title: 'x' }, { jobId: 'job-1' }],
    ['appointment.create', appointment, { jobId: 'job-1' }],
    ['appointment.move', { appointmentId: 'a1', start: TOMORROW_9 }, { appointmentId: 'a1' }],
    ['appointment.cancel', { appointmentId: 'a1' }, { appointmentId: 'a1' }],
    ['appointment.setStatus', { appointmentId: 'a1', status: 'started' }, { appointmentId: 'a1' }],
  ])('%s targets %o', (name, args, target) => {
    const result = parseCommand(name, args);
    if (!result.ok) expect.fail(result.message);
    expect(result.value.target).toEqual(target);
    expect(result.value.definition).toBe(COMMANDS[name]);
  });

  it('every command has a one-line summary', () => {
    for (const definition of Object.values(COMMANDS)) {
      expectReadable(definition.summary);
      expect(definition.summary).not.toContain('\n');
    }
  });
});
