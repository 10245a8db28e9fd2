import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { readPendingLayer } from '../../../../renderer/board/pendingLayer';
import { readQueueCards } from '../../../../renderer/board/queueData';
import { DispatchCommands } from '../../../../renderer/data/commands';
import type { DispatchDb } from '../../../../renderer/data/db';
import { readQueue } from '../../../../renderer/data/queue';
import { consoleDatabase, DANA, dropDatabase } from '../fixtures';

/**
 * The queue and the lanes share one replay of the pending commands: the board's layer. The queue's read
 * takes the layer's overlay and replays nothing itself, and lists exactly what a read with its own
 * replay would.
 */
let db: DispatchDb;
beforeEach(async () => {
  db = await consoleDatabase();
  // job-1 keeps one scheduled visit, so cancelling it puts the job in the queue.
  await db.appointments.delete('apt-started');
});
afterEach(() => dropDatabase(db));

const NOW = Date.UTC(2031, 2, 4, 12);

async function pendingWork() {
  const commands = new DispatchCommands(db, DANA, () => false);
  await commands.cancelAppointment('apt-scheduled');
  const { jobId } = await commands.createJob({
    title: 'Water heater leaking',
    address: { street1: '9 Oak Ln', city: 'Austin', state: 'TX', timezone: 'America/Chicago' },
    customer: { firstName: 'Nina', lastName: 'Ross', phoneNumbers: [] },
  });
  return jobId;
}

describe('the queue read on the board layer', () => {
  test('lists what its own replay would, naming new customers, without reading the outbox again', async () => {
    const created = await pendingWork();
    const layer = await readPendingLayer(db, DANA, undefined, NOW);
    const own = await readQueue(db, DANA);

    const outboxReads = vi.spyOn(db.outbox, 'toArray');
    const cards = await readQueueCards(db, DANA, layer.overlay);
    expect(outboxReads).not.toHaveBeenCalled();

    const listed = (jobs: { job: { id: string }; status: string; pending: boolean }[]) =>
      jobs.map((summary) => [summary.job.id, summary.status, summary.pending]);
    expect(listed(cards.jobs)).toEqual(listed(own.jobs));
    // Oldest first: the fixture's job-1 was created in 2031.
    expect(listed(cards.jobs)).toEqual([
      [created, 'unscheduled', true],
      ['job-1', 'unscheduled', true],
    ]);
    const newJob = cards.jobs.find((summary) => summary.job.id === created)!;
    expect(cards.customers.get(newJob.job.customerId)).toMatchObject({ firstName: 'Nina', lastName: 'Ross' });
    expect(cards.customers.get('cus-1')).toMatchObject({ firstName: 'Maria' });
  });

  test('a job the server has just confirmed stays a card, no longer pending, while the layer settles', async () => {
    await new DispatchCommands(db, DANA).cancelAppointment('apt-scheduled');
    const pending = await readPendingLayer(db, DANA, undefined, NOW);
    expect((await readQueueCards(db, DANA, pending.overlay)).jobs.map((summary) => summary.pending)).toEqual([true]);

    // The server's answer: confirmed rows written and the commands leave the outbox, in one transaction.
    await db.transaction('rw', [db.appointments, db.outbox], async () => {
      await db.appointments.where('jobId').equals('job-1').modify({ status: 'canceled' });
      await db.outbox.clear();
    });
    const settling = await readPendingLayer(db, DANA, pending, NOW + 50);
    const cards = await readQueueCards(db, DANA, settling.overlay);
    expect(cards.jobs.map((summary) => [summary.job.id, summary.status, summary.pending])).toEqual([
      ['job-1', 'unscheduled', false],
    ]);
  });
});
