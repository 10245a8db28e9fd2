import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_COMPLETE_REASONS, type Appointment, type Job } from '../../../../domain';
import { readQueue as readQueueWithCustomers, readQueueJobs } from '../../../../renderer/data/queue';
import { DispatchCommands } from '../../../../renderer/data/commands';
import { DispatchDb } from '../../../../renderer/data/db';
import { readMeta } from '../../../../renderer/data/outbox';
import { DANA } from '../fixtures';
import { countRows, rowsRead } from '../rowCounter';

/**
 * The queue beside the board at the scale of a busy provider: hundreds of scheduled jobs, a handful
 * waiting for an answer or an appointment. Each change re-runs the queue's live query, so it must read
 * the handful, not every open job and appointment.
 */
const DAY = Date.UTC(2031, 3, 3, 14);
const SCHEDULED_JOBS = 300;
const PAUSING = DEFAULT_COMPLETE_REASONS.find((reason) => reason.effect === 'pause')!;

const job = (id: string, createdAt: number, extra: Partial<Job> = {}): Job => ({
  id,
  organizationId: 'org-coolair',
  sourceId: null,
  customerId: 'cus-1',
  title: `Job ${id}`,
  address: { street1: '1 Main St', city: 'Austin', state: 'TX' },
  timeWindows: [],
  lifecycle: 'open',
  createdAt,
  version: 1,
  ...extra,
});

const visit = (
  id: string,
  jobId: string,
  status: Appointment['status'],
  extra: Partial<Appointment> = {},
): Appointment => ({
  id,
  jobId,
  organizationId: 'org-coolair',
  technicianId: 'u-tech1',
  start: DAY,
  durationMinutes: 120,
  status,
  version: 1,
  ...extra,
});

let db: DispatchDb;
let counter = 0;
beforeEach(async () => {
  db = new DispatchDb(`queue-read-${process.pid}-${++counter}`);
  db.use(countRows);
  await db.open();
  await db.organizations.bulkPut([
    { id: 'org-coolair', name: 'CoolAir Heating & Cooling', kind: 'provider', version: 1 },
    { id: 'org-acme', name: 'Acme Home Warranty', kind: 'enterprise', version: 1 },
  ]);
  await db.users.put({
    id: 'u-tech1',
    organizationId: 'org-coolair',
    firstName: 'Luis',
    lastName: 'Herrera',
    email: 'tech1@demo.test',
    roles: ['technician'],
    version: 1,
  });
  await db.completeReasons.bulkPut([...DEFAULT_COMPLETE_REASONS]);
  await db.customers.put({
    id: 'cus-1',
    organizationId: 'org-coolair',
    firstName: 'Maria',
    phoneNumbers: [],
    version: 1,
  });
  const busy = Array.from({ length: SCHEDULED_JOBS }, (_, index) => job(`job-busy-${index}`, DAY - 1_000_000 + index));
  await db.jobs.bulkPut([
    ...busy,
    job('job-offer', DAY - 40, { lifecycle: 'offered', sourceId: 'org-acme' }),
    job('job-unscheduled', DAY - 30),
    job('job-paused', DAY - 20),
    job('job-someone-elses', DAY - 10, { organizationId: 'org-other' }),
    job('job-done', DAY - 5, { lifecycle: 'complete' }),
  ]);
  await db.appointments.bulkPut([
    ...busy.map((busyJob, index) => visit(`apt-busy-${index}`, busyJob.id, index % 10 === 0 ? 'started' : 'scheduled')),
    visit('apt-canceled', 'job-unscheduled', 'canceled'),
    visit('apt-parts', 'job-paused', 'complete', { completeReasonId: PAUSING.id }),
  ]);
  await readMeta(db);
});
afterEach(async () => {
  db.close();
  await DispatchDb.delete(db.name);
});

async function readQueue() {
  rowsRead.clear();
  const queue = await readQueueJobs(db, DANA);
  return {
    queue: queue.map((summary) => [summary.job.id, summary.status]),
    jobs: rowsRead.get('jobs') ?? 0,
    appointments: rowsRead.get('appointments') ?? 0,
  };
}

describe('the board queue', () => {
  test('holds offers, unscheduled and paused jobs of the organization, oldest first', async () => {
    const { queue } = await readQueue();
    expect(queue).toEqual([
      ['job-offer', 'offered'],
      ['job-unscheduled', 'unscheduled'],
      ['job-paused', 'paused'],
    ]);
  });

  test('reads the jobs it shows, not every scheduled job and appointment', async () => {
    const { jobs, appointments } = await readQueue();
    expect(jobs).toBeLessThanOrEqual(5);
    expect(appointments).toBeLessThanOrEqual(5);
  });

  test('pending commands move jobs in and out at once', async () => {
    const commands = new DispatchCommands(db, DANA);
    await commands.schedule('job-unscheduled', { technicianId: 'u-tech1', start: DAY + 3_600_000 });
    await commands.cancelAppointment('apt-busy-1');
    const { queue, jobs } = await readQueue();
    expect(queue).toEqual([
      ['job-busy-1', 'unscheduled'],
      ['job-offer', 'offered'],
      ['job-paused', 'paused'],
    ]);
    expect(jobs).toBeLessThanOrEqual(10);
  });

  test('an appointment confirmed by the server takes its job out; a canceled one brings it back', async () => {
    await db.appointments.put(visit('apt-new', 'job-unscheduled', 'scheduled'));
    await db.appointments.update('apt-busy-2', { status: 'canceled' });
    const { queue } = await readQueue();
    expect(queue.map(([id]) => id)).toEqual(['job-busy-2', 'job-offer', 'job-paused']);
  });

  test('a job created here is in the queue at once, naming its new customer, and leaves it once scheduled', async () => {
    const commands = new DispatchCommands(db, DANA, () => false);
    const { jobId, entry } = await commands.createJob({
      title: 'Water heater leaking',
      address: { street1: '9 Oak Ln', city: 'Austin', state: 'TX', timezone: 'America/Chicago' },
      customer: {
        firstName: 'Nina',
        lastName: 'Ross',
        phoneNumbers: [{ number: 'tel:+1-512-555-0188', primary: true, type: 'mobile' }],
      },
    });
    expect(entry.offline).toBe(true);
    const created = await readQueueWithCustomers(db, DANA);
    const summary = created.jobs.find((candidate) => candidate.job.id === jobId)!;
    expect(summary).toMatchObject({ status: 'unscheduled', pending: true, job: { sourceId: null } });
    expect(created.pendingCustomers.get(summary.job.customerId)).toMatchObject({ firstName: 'Nina', lastName: 'Ross' });

    await commands.schedule(jobId, { technicianId: 'u-tech1', start: DAY + 7_200_000 });
    const { queue } = await readQueue();
    expect(queue.map(([id]) => id)).not.toContain(jobId);
  });

  test('a job for an existing customer names that customer by id and creates no other', async () => {
    const commands = new DispatchCommands(db, DANA);
    const { jobId } = await commands.createJob({
      title: 'Annual tune-up',
      address: { street1: '1 Main St', city: 'Austin' },
      customer: { existingId: 'cus-1', name: { firstName: 'Maria' } },
    });
    const { jobs, pendingCustomers } = await readQueueWithCustomers(db, DANA);
    expect(jobs.find((candidate) => candidate.job.id === jobId)?.job.customerId).toBe('cus-1');
    expect([...pendingCustomers.keys()]).toEqual(['cus-1']);
    expect(await db.customers.count()).toBe(1);
  });
});
