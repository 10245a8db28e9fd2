import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { PushAnswer } from '../../../domain/protocol';
import { DispatchDb, type OutboxEntry } from '../../../renderer/data/db';
import { flushOutbox, type AnsweredPush } from '../../../renderer/sync/outboxFlush';
import { newDatabaseName } from './harness';

/**
 * The outbox flush's ordering rules against a scripted server that answers when the test says so:
 * commands leave strictly in id order, never more than `inFlight` pushes await an answer, pushes keep going
 * out while a write runs and answers already in are written together, and a partial or failed answer stops
 * what was sent ahead of it.
 */
const databases: DispatchDb[] = [];
afterEach(async () => {
  while (databases.length) await databases.pop()!.delete();
});

async function outboxOf(count: number): Promise<DispatchDb> {
  const db = new DispatchDb(newDatabaseName());
  databases.push(db);
  const entries: OutboxEntry[] = Array.from({ length: count }, (_, index) => ({
    id: index + 1,
    name: 'appointment.move',
    args: { appointmentId: `a${index % 7}`, start: index },
    createdAt: index,
    offline: true,
    jobId: `j${index % 7}`,
    appointmentIds: [],
  }));
  await db.outbox.bulkAdd(entries);
  return db;
}

/** A server that applies a client's ids gaplessly (like server/pipeline/outboxBatch.ts) and answers each push when released. */
class ScriptedServer {
  lastProcessedId = 0;
  readonly sent: number[][] = [];
  maxUnanswered = 0;
  private readonly waiting: { ids: number[]; resolve: (answer: PushAnswer) => void; reject: (error: Error) => void }[] =
    [];
  /** Answer pushes as soon as they arrive. */
  auto = true;
  /** Ids the server "loses" (answered without an outcome), to force a partial answer. */
  dropAfter: number | undefined;

  send = (batch: OutboxEntry[]): Promise<PushAnswer> => {
    const ids = batch.map((entry) => entry.id);
    this.sent.push(ids);
    return new Promise<PushAnswer>((resolve, reject) => {
      this.waiting.push({ ids, resolve, reject });
      this.maxUnanswered = Math.max(this.maxUnanswered, this.waiting.length);
      if (this.auto) setTimeout(() => this.answerNext(), 1);
    });
  };

  answerNext(): void {
    const push = this.waiting.shift();
    if (!push) return;
    const results = [];
    for (const id of push.ids) {
      if (id <= this.lastProcessedId) results.push({ id, status: 'applied' as const, seq: id });
      else if (id === this.lastProcessedId + 1 && (this.dropAfter === undefined || id <= this.dropAfter)) {
        this.lastProcessedId = id;
        results.push({ id, status: 'applied' as const, seq: id });
      } else if (id === this.lastProcessedId + 1) {
        this.dropAfter = undefined; // Only once: the resend goes through.
        break;
      } else results.push({ id, status: 'rejected' as const, code: 'OUT_OF_ORDER' });
    }
    push.resolve({ results, lastProcessedId: this.lastProcessedId });
  }

  failNext(): void {
    this.waiting.shift()?.reject(new Error('operation has timed out'));
  }

  get unanswered(): number {
    return this.waiting.length;
  }
}

/** Records the highest id with an outcome per push, and which pushes were written together. */
function recorder() {
  const writes: number[][][] = [];
  const record = async (answered: AnsweredPush[]) => {
    writes.push(answered.map(({ batch }) => batch.map((entry) => entry.id)));
    return answered.map(({ answer }) =>
      Math.max(0, ...answer.results.filter((result) => result.code !== 'OUT_OF_ORDER').map((result) => result.id)),
    );
  };
  return { writes, record };
}

describe('outbox flush', () => {
  test('sends every command once, in id order, with at most two pushes awaiting an answer', async () => {
    const db = await outboxOf(2_345);
    const server = new ScriptedServer();
    const { writes, record } = recorder();
    await flushOutbox({ db, batchSize: 100, inFlight: 2, send: server.send, record });
    expect(server.sent.flat()).toEqual(Array.from({ length: 2_345 }, (_, index) => index + 1));
    expect(server.maxUnanswered).toBeLessThanOrEqual(2);
    expect(writes.flat(2)).toEqual(server.sent.flat());
    expect(server.lastProcessedId).toBe(2_345);
  });

  test('the server does not wait on a write: pushes keep going out while one runs, and the next write takes every answer already in', async () => {
    const db = await outboxOf(2_000);
    const server = new ScriptedServer();
    const writes: number[] = [];
    let sentDuringFirstWrite = 0;
    await flushOutbox({
      db,
      batchSize: 100,
      inFlight: 2,
      send: server.send,
      record: async (answered) => {
        writes.push(answered.length);
        if (writes.length === 1) {
          const before = server.sent.length;
          // A write as long as the server takes for many pushes (each is answered within a few ms here).
          await new Promise((resolve) => setTimeout(resolve, 150));
          sentDuringFirstWrite = server.sent.length - before;
        }
        return answered.map(({ batch }) => batch[batch.length - 1].id);
      },
    });
    expect(server.maxUnanswered).toBeLessThanOrEqual(2);
    expect(writes[0]).toBe(1);
    // The batches read ahead before the write went out during it, not after it (2 more left before it began).
    expect(sentDuringFirstWrite).toBeGreaterThanOrEqual(6);
    // Their answers waited for the write and went into the next one together (fewer, larger writes).
    expect(writes[1]).toBeGreaterThanOrEqual(8);
    expect(writes.reduce((sum, size) => sum + size, 0)).toBe(20);
  });

  test('a partly answered push: what was sent after it is out of order, and the flush resends from the first id without an outcome', async () => {
    const db = await outboxOf(500);
    const server = new ScriptedServer();
    server.dropAfter = 150;
    const { record } = recorder();
    await flushOutbox({ db, batchSize: 100, inFlight: 2, send: server.send, record });
    expect(server.lastProcessedId).toBe(500);
    const sent = server.sent.flat();
    // 101–200 went once whole (only 101–150 consumed), 201–300 ahead of it (all out of order), then 151 onwards again.
    expect(sent.filter((id) => id === 151)).toHaveLength(2);
    expect(sent.filter((id) => id === 250)).toHaveLength(2);
    expect(sent.filter((id) => id === 50)).toHaveLength(1);
  });

  test('a failed push stops the flush; the push sent ahead of it is dropped and sends nothing more', async () => {
    const db = await outboxOf(1_000);
    const server = new ScriptedServer();
    server.auto = false;
    const { writes, record } = recorder();
    const flushing = flushOutbox({ db, batchSize: 100, inFlight: 2, send: server.send, record });
    await waitFor(() => server.unanswered === 2);
    server.failNext();
    await expect(flushing).rejects.toThrow('operation has timed out');
    server.answerNext();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.sent).toHaveLength(2);
    expect(writes).toEqual([]);
  });
});

async function waitFor(check: () => boolean): Promise<void> {
  for (let tries = 0; !check(); tries++) {
    if (tries > 500) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
