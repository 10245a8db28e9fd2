/**
 * The client bench's page: the console's real data layer (renderer/data) and sync engine (renderer/sync)
 * on the browser's real IndexedDB, driven from Node through `window.bench` (bench/client.ts). Every figure
 * is timed here with performance.now(), next to a raw Dexie baseline on the same IndexedDB.
 */
import { io } from 'socket.io-client';
import { DispatchDb, TABLE_OF_KIND, type OutboxEntry } from '../../renderer/data/db';
import { countActivityLines } from '../../renderer/data/activityPacks';
import { readMeta } from '../../renderer/data/outbox';
import type { Change } from '../../renderer/sync/applyChanges';
import { openSyncClient, type SyncClient } from '../../renderer/sync/client';
import type { SyncEngineOptions } from '../../renderer/sync/engine';
import type {
  BenchPage,
  BenchSession,
  CatchUpEngine,
  CatchUpResult,
  FlushResult,
  LatencyResult,
  MovePlan,
  QueueResult,
  SyncedResult,
} from '../support/browserProtocol';

const QUARTER_HOUR = 15 * 60_000;
const SYNC_TIMEOUT_MS = 300_000;

/** Holds the console's connection back: the socket cannot join until the gate opens (an outage). */
class Gate {
  private release!: () => void;
  readonly opened = new Promise<void>((resolve) => (this.release = resolve));
  open(): void {
    this.release();
  }
}

function openConsole(
  session: BenchSession,
  database: string,
  gate: Gate,
  engine: Partial<SyncEngineOptions> = {},
): Promise<SyncClient> {
  return openSyncClient({
    serverUrl: session.serverUrl,
    actor: session.actor,
    databaseName: database,
    getToken: async () => {
      await gate.opened;
      return session.token;
    },
    engine: { socketOptions: { reconnectionDelay: 50, reconnectionDelayMax: 200 }, ...engine },
  });
}

/**
 * Resolves once the client is fully consistent: its cursor has reached `head` (the cursor moves in the
 * same transaction as the data) and nothing is left in the outbox. Checked on every status change.
 */
function consistent(client: SyncClient, head: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let checking = false;
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      unsubscribe();
      clearInterval(poll);
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const check = async () => {
      if (done || checking || client.status.get().cursor < head) return;
      checking = true;
      try {
        if ((await client.db.outbox.count()) === 0) finish();
      } finally {
        checking = false;
      }
    };
    const unsubscribe = client.status.subscribe(() => void check());
    // The last outbox entry may leave after the last status change (a push answer at or below the cursor).
    const poll = setInterval(() => void check(), 5);
    const timer = setTimeout(() => {
      const status = client.status.get();
      finish(
        new Error(
          `not consistent after ${SYNC_TIMEOUT_MS} ms: cursor ${status.cursor} of ${head}, state ${status.state}, error ${status.error}`,
        ),
      );
    }, SYNC_TIMEOUT_MS);
    void check();
  });
}

function startOf(plan: MovePlan, call: number): number {
  return plan.firstStart + ((plan.offset + call) % 16) * QUARTER_HOUR;
}

async function deleteDatabase(name: string): Promise<void> {
  await new DispatchDb(name).delete();
}

async function prepare(session: BenchSession, database: string, head: number): Promise<SyncedResult> {
  await deleteDatabase(database);
  const gate = new Gate();
  const client = await openConsole(session, database, gate);
  try {
    const startedAt = performance.now();
    gate.open();
    await consistent(client, head);
    return {
      ms: performance.now() - startedAt,
      cursor: client.status.get().cursor,
      conflicts: await client.db.conflicts.count(),
    };
  } finally {
    await client.close();
  }
}

/** The console queued offline by `queue`, waiting for `flush` to let it connect. */
let offline: { client: SyncClient; gate: Gate; queued: number } | undefined;

/**
 * The first `apiCalls` moves go through `client.commands.move` (each timed); the rest are written as
 * the outbox rows those calls would have written (same fields, ids continuing the console's sequence,
 * the version the dispatcher saw on an appointment's first pending move), 1,000 per transaction —
 * queueing thousands one by one costs minutes on this machine and is what figure 3 measures anyway.
 */
async function queue(session: BenchSession, database: string, plan: MovePlan, apiCalls: number): Promise<QueueResult> {
  if (offline) throw new Error('a queued console is already waiting for flush()');
  const gate = new Gate();
  const client = await openConsole(session, database, gate);
  try {
    const calls: number[] = [];
    const touched = new Set<string>();
    const appointmentOf = (call: number) => plan.appointments[call % plan.appointments.length].appointmentId;
    for (let call = 0; call < Math.min(apiCalls, plan.calls); call++) {
      const startedAt = performance.now();
      await client.commands.move(appointmentOf(call), { start: startOf(plan, call) });
      calls.push(performance.now() - startedAt);
      touched.add(appointmentOf(call));
    }
    const { db } = client;
    for (let first = calls.length; first < plan.calls; first += 1_000) {
      const last = Math.min(first + 1_000, plan.calls);
      await db.transaction('rw', [db.outbox, db.meta, db.appointments], async () => {
        const meta = await readMeta(db);
        const ids = Array.from({ length: last - first }, (_, index) => appointmentOf(first + index));
        const confirmed = new Map(
          (await db.appointments.bulkGet([...new Set(ids)]))
            .filter((appointment) => !!appointment)
            .map((appointment) => [appointment!.id, appointment!]),
        );
        const rows: OutboxEntry[] = ids.map((appointmentId, index) => {
          const appointment = confirmed.get(appointmentId);
          if (!appointment) throw new Error(`no appointment ${appointmentId} in the console`);
          const seen = touched.has(appointmentId) ? {} : { expectedVersion: appointment.version };
          touched.add(appointmentId);
          return {
            id: meta.nextCommandId + index,
            name: 'appointment.move',
            args: { appointmentId, start: startOf(plan, first + index), ...seen },
            createdAt: Date.now(),
            offline: true,
            jobId: appointment.jobId,
            appointmentIds: [],
          };
        });
        await db.outbox.bulkAdd(rows);
        await db.meta.put({ ...meta, nextCommandId: meta.nextCommandId + rows.length });
      });
    }
    const queued = await db.outbox.count();
    if (queued !== plan.calls) throw new Error(`queued ${queued} commands, expected ${plan.calls}`);
    offline = { client, gate, queued };
    return { calls, queued };
  } catch (error) {
    await client.close();
    throw error;
  }
}

async function flush(expectedHead: number): Promise<FlushResult> {
  if (!offline) throw new Error('flush() needs queue() first');
  const { client, gate, queued } = offline;
  offline = undefined;
  let rows: OutboxEntry[];
  let synced: SyncedResult;
  try {
    rows = await client.db.outbox.toArray();
    const conflictsBefore = await client.db.conflicts.count();
    performance.mark('sync:connect');
    const startedAt = performance.now();
    gate.open();
    await consistent(client, expectedHead);
    const ms = performance.now() - startedAt;
    performance.mark('sync:consistent');
    synced = {
      ms,
      cursor: client.status.get().cursor,
      conflicts: (await client.db.conflicts.count()) - conflictsBefore,
    };
  } finally {
    await client.close();
  }
  // Baseline: the same rows, one raw bulkPut, into an empty outbox of the same schema and durability.
  const baselineName = `${client.db.name}-baseline`;
  await deleteDatabase(baselineName);
  const raw = new DispatchDb(baselineName);
  await raw.open();
  const startedAt = performance.now();
  await raw.outbox.bulkPut(rows);
  const baselineMs = performance.now() - startedAt;
  raw.close();
  await deleteDatabase(baselineName);
  return { ...synced, queued, baselineMs };
}

async function catchUp(
  session: BenchSession,
  database: string,
  head: number,
  engine: CatchUpEngine = {},
): Promise<CatchUpResult> {
  await deleteDatabase(database);
  const gate = new Gate();
  const client = await openConsole(session, database, gate, engine);
  try {
    performance.mark('sync:connect');
    const startedAt = performance.now();
    gate.open();
    await consistent(client, head);
    const ms = performance.now() - startedAt;
    performance.mark('sync:consistent');
    const { db } = client;
    return {
      ms,
      cursor: client.status.get().cursor,
      conflicts: await db.conflicts.count(),
      activity: await countActivityLines(db),
      activityGaps: await db.activityGaps.count(),
    };
  } finally {
    await client.close();
    await deleteDatabase(database);
  }
}

/** The whole log up to `head`, read once over a plain socket (not timed) and kept for every baseline run. */
let logCache: { head: number; changes: Change[] } | undefined;

async function readLog(session: BenchSession, head: number): Promise<Change[]> {
  if (logCache?.head === head) return logCache.changes;
  const socket = io(session.serverUrl, {
    auth: { token: session.token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const changes: Change[] = [];
    let cursor = 0;
    while (cursor < head) {
      const page = (await socket.timeout(60_000).emitWithAck('pull', { cursor, limit: 5_000 })) as {
        changes: Change[];
        cursor: number;
        error?: { message: string };
      };
      if (page.error) throw new Error(page.error.message);
      changes.push(...page.changes);
      cursor = page.cursor;
    }
    logCache = { head, changes };
    return changes;
  } finally {
    socket.disconnect();
  }
}

async function catchUpBaseline(
  session: BenchSession,
  head: number,
  chunk: number,
): Promise<{ ms: number; changes: number }> {
  const changes = await readLog(session, head);
  const name = 'bench-catch-up-baseline';
  await deleteDatabase(name);
  const raw = new DispatchDb(name);
  await raw.open();
  // Grouped per table outside the timed part: the baseline is IndexedDB's cost alone.
  const pages: [string, unknown[]][][] = [];
  for (let index = 0; index < changes.length; index += chunk) {
    const byTable = new Map<string, unknown[]>();
    for (const change of changes.slice(index, index + chunk)) {
      const table = TABLE_OF_KIND[change.kind as keyof typeof TABLE_OF_KIND];
      if (!table) continue;
      let rows = byTable.get(table);
      if (!rows) byTable.set(table, (rows = []));
      rows.push(change.data);
    }
    pages.push([...byTable]);
  }
  const startedAt = performance.now();
  for (const page of pages) {
    await raw.transaction(
      'rw',
      page.map(([table]) => raw.table(table)),
      async () => {
        for (const [table, rows] of page) await raw.table(table).bulkPut(rows);
      },
    );
  }
  const ms = performance.now() - startedAt;
  raw.close();
  await deleteDatabase(name);
  return { ms, changes: changes.length };
}

/** Waits until `performance.now()` reaches `due` (at once when it has): the calls' and the raw puts' shared pace. */
async function waitUntil(due: number): Promise<void> {
  if (performance.now() < due) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
}

async function latency(
  session: BenchSession,
  database: string,
  plan: MovePlan,
  head: number,
  intervalMs: number,
): Promise<LatencyResult> {
  const gate = new Gate();
  gate.open();
  const client = await openConsole(session, database, gate);
  const calls: number[] = [];
  let sample: OutboxEntry | undefined;
  try {
    await consistent(client, head);
    const firstAt = performance.now();
    for (let call = 0; call < plan.calls; call++) {
      await waitUntil(firstAt + call * intervalMs);
      const startedAt = performance.now();
      const { appointmentId, jobId } = plan.appointments[call % plan.appointments.length];
      const entry = await client.commands.move(appointmentId, { start: startOf(plan, call) }, { jobId });
      calls.push(performance.now() - startedAt);
      performance.mark('drop:committed');
      sample ??= entry;
    }
    // Let the engine confirm everything, so the next run starts from the same place (not timed).
    const deadline = performance.now() + SYNC_TIMEOUT_MS;
    while ((await client.db.outbox.count()) > 0) {
      if (performance.now() > deadline) throw new Error('the outbox did not drain after the latency run');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await client.close();
  }
  const baselineName = `${database}-baseline`;
  await deleteDatabase(baselineName);
  const raw = new DispatchDb(baselineName);
  await raw.open();
  const rawPut = async (id: number) => {
    const row: OutboxEntry = { ...sample!, id, createdAt: Date.now() };
    const startedAt = performance.now();
    await raw.transaction('rw', raw.outbox, () => raw.outbox.put(row));
    return performance.now() - startedAt;
  };
  // The same pace as the calls: each put after the same idle wait (threads asleep, caches cold), as a call is.
  const baseline: number[] = [];
  const pacedFrom = performance.now();
  for (let call = 0; call < plan.calls; call++) {
    await waitUntil(pacedFrom + call * intervalMs);
    baseline.push(await rawPut(call + 1));
  }
  const backToBack: number[] = [];
  for (let call = 0; call < plan.calls; call++) backToBack.push(await rawPut(plan.calls + call + 1));
  raw.close();
  await deleteDatabase(baselineName);
  return { calls, baseline, backToBack };
}

const page: BenchPage = { prepare, queue, flush, catchUp, catchUpBaseline, latency, drop: deleteDatabase };
(globalThis as { bench?: BenchPage }).bench = page;
document.title = 'bench ready';
