import { CONFIRMED_TABLES, TABLE_OF_KIND, type DispatchDb, type SyncMeta } from '../data/db';
import type { ActivityEvent } from '../../domain';
import type { Change } from '../../domain/protocol';
import { BATCHED_FROM, batchActivity, packActivity } from '../data/activityPacks';
import { readMeta } from '../data/outbox';
import { leaveOutActivity, type FarPage } from './activityWindow';

/** Rows per bulkPut when a page is written. */
const PUT_CHUNK = 1_000;

/**
 * Every table a step that moves the cursor writes: the confirmed tables, the outbox, the meta row, the activity
 * gaps, packs and batches.
 */
export function syncTables(db: DispatchDb) {
  return [
    db.meta,
    db.outbox,
    db.activityGaps,
    db.activityPacks,
    db.activityBatches,
    db.screens,
    ...CONFIRMED_TABLES.map((table) => db.table(table)),
  ];
}

/**
 * Applies changes to the confirmed tables and advances the cursor in ONE transaction, so a crash can
 * never leave data ahead of or behind the cursor. Changes at or below the cursor are duplicates and
 * skipped. Outbox entries the log now contains (acked at or below the new cursor) leave the outbox here,
 * in the same step that makes their effect confirmed.
 */
export async function applyChanges(
  db: DispatchDb,
  changes: readonly Change[],
  cursor: number,
  serverId: string,
  far?: FarPage,
  onWritten?: WrittenShare,
): Promise<SyncMeta> {
  return db.transaction('rw', syncTables(db), async () =>
    writeChanges(db, await readMeta(db), changes, cursor, serverId, far, onWritten),
  );
}

/** Told, as a page is written, the share of its rows written so far (0–1), for a catch-up's progress. */
export type WrittenShare = (share: number) => void;

/**
 * The body of applyChanges, for a caller that already holds a read-write transaction over syncTables(db)
 * and the meta row it read in it (the push path writes a push's changes and its results together). For a
 * page of a catch-up far behind (`far`), the activity of jobs outside the window is left on the server and
 * those jobs are noted in `activityGaps` (activityWindow.ts); the cursor still moves past it.
 */
export async function writeChanges(
  db: DispatchDb,
  meta: SyncMeta,
  changes: readonly Change[],
  cursor: number,
  serverId: string,
  far?: FarPage,
  onWritten?: WrittenShare,
): Promise<SyncMeta> {
  const fresh = changes.filter((change) => change.seq > meta.cursor);
  const rowsByTable = new Map<string, Map<string, unknown>>();
  for (const change of fresh) {
    const table = TABLE_OF_KIND[change.kind as keyof typeof TABLE_OF_KIND];
    if (!table) continue; // A kind a newer server added: skip rather than fail the whole page.
    let rows = rowsByTable.get(table);
    if (!rows) rowsByTable.set(table, (rows = new Map()));
    rows.set(change.id, change.data);
  }
  if (far) {
    await leaveOutActivity(db, rowsByTable, far);
    // Far behind, a page carries thousands of lines: packed by job, one row each (data/activityPacks.ts).
    const lines = rowsByTable.get('activity');
    if (lines?.size) await packActivity(db, lines.values() as Iterable<ActivityEvent>);
    rowsByTable.delete('activity');
  }
  // Many lines at once (a push answer, a pull page): batches, not a row each (data/activityPacks.ts).
  const many = rowsByTable.get('activity');
  if (many && many.size >= BATCHED_FROM) {
    await batchActivity(db, [...many.values()] as ActivityEvent[]);
    rowsByTable.delete('activity');
  }
  // In chunks: between two the event loop runs (the transaction stays open while a request is pending), so
  // a large page does not freeze the board while it is written, and a catch-up's progress moves with them.
  const total = [...rowsByTable.values()].reduce((sum, rows) => sum + rows.size, 0);
  let written = 0;
  for (const [table, rows] of rowsByTable) {
    const values = [...rows.values()];
    for (let first = 0; first < values.length; first += PUT_CHUNK) {
      const chunk = values.slice(first, first + PUT_CHUNK);
      await db.table(table).bulkPut(chunk);
      written += chunk.length;
      onWritten?.(written / total);
    }
  }
  const next: SyncMeta = { ...meta, cursor: Math.max(meta.cursor, cursor), serverId, lastSyncedAt: Date.now() };
  await db.meta.put(next);
  await db.outbox.where('ackedSeq').belowOrEqual(next.cursor).delete();
  return next;
}

/**
 * The server's database is not the one this copy came from: drop confirmed state and start over from
 * cursor 0 — but keep every unsent command. The server does not know our client id any more, so the
 * outbox is renumbered from 1 under a new one.
 */
export async function resetConfirmedState(db: DispatchDb, serverId: string, newClientId: boolean): Promise<void> {
  await db.transaction('rw', syncTables(db), async () => {
    for (const table of CONFIRMED_TABLES) await db.table(table).clear();
    await db.activityGaps.clear();
    await db.activityPacks.clear();
    await db.activityBatches.clear();
    // A saved board screen holds confirmed rows: after a reset the same cursor may mean other rows.
    await db.screens.clear();
    const meta = await readMeta(db);
    let nextCommandId = meta.nextCommandId;
    let clientId = meta.clientId;
    if (newClientId) {
      const entries = await db.outbox.orderBy('id').toArray();
      await db.outbox.clear();
      const unsent = entries.filter((entry) => entry.ackedSeq === undefined);
      await db.outbox.bulkAdd(unsent.map((entry, index) => ({ ...entry, id: index + 1 })));
      nextCommandId = unsent.length + 1;
      clientId = `c_${crypto.randomUUID().replaceAll('-', '')}`;
    }
    await db.meta.put({ ...meta, clientId, nextCommandId, cursor: 0, serverId, lastSyncedAt: null });
  });
}
