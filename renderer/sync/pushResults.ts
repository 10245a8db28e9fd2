import type { CommandResult } from '../../domain/protocol';
import type { Conflict, DispatchDb, OutboxEntry } from '../data/db';

export interface RecordedResults {
  /** The highest command id of the batch that got its outcome; 0 for none. */
  handled: number;
  /** The refusals, as stored in the conflicts list (with their keys). */
  rejected: Conflict[];
}

/**
 * Writes a push answer into the outbox and the conflicts list. Must run inside the caller's read-write
 * transaction over both (the engine writes the push's broadcast changes in the same one), with `cursor`
 * the confirmed cursor after those changes.
 *
 * An applied command whose seq the cursor has reached leaves the outbox; one the log does not show yet
 * stays, marked with its seq, until the log reaches it (so its effect never flickers off screen). A
 * rejected command leaves the outbox for the conflicts list. OUT_OF_ORDER means "not consumed": the
 * entry stays, to be sent again. OUTCOME_EXPIRED (a resend of a command processed so long ago that its
 * outcome was pruned) leaves without a conflict. Its effect is already in the cache: a command is only ever
 * sent again after a reconnect or a failed cycle, and both pull before they push (engine.ts), so that
 * pull covered a change committed that long ago.
 */
export async function recordPushResults(
  db: DispatchDb,
  cursor: number,
  results: readonly CommandResult[],
  batch: readonly OutboxEntry[],
): Promise<RecordedResults> {
  const entries = new Map(batch.map((entry) => [entry.id, entry]));
  const leaving: number[] = [];
  const acked: { key: number; changes: { ackedSeq: number } }[] = [];
  const conflicts: Conflict[] = [];
  let handled = 0;
  for (const result of results) {
    const entry = entries.get(result.id);
    if (!entry || result.code === 'OUT_OF_ORDER') continue;
    handled = Math.max(handled, entry.id);
    if (result.code === 'OUTCOME_EXPIRED') {
      // Processed long ago, its outcome pruned: not a conflict. It leaves; the pull before it showed what it did.
      leaving.push(entry.id);
    } else if (result.status === 'applied') {
      if (result.seq === undefined || result.seq <= cursor) leaving.push(entry.id);
      else acked.push({ key: entry.id, changes: { ackedSeq: result.seq } });
    } else {
      leaving.push(entry.id);
      conflicts.push({
        commandId: entry.id,
        name: entry.name,
        args: entry.args,
        jobId: entry.jobId,
        entity: entry.entity,
        code: result.code ?? 'INTERNAL',
        message: result.message ?? 'The server refused this change.',
        createdAt: entry.createdAt,
        rejectedAt: Date.now(),
      });
    }
  }
  await deleteEntries(db, leaving, batch);
  if (acked.length) await db.outbox.bulkUpdate(acked);
  const rejected: Conflict[] = [];
  if (conflicts.length) {
    const keys = await db.conflicts.bulkAdd(conflicts, { allKeys: true });
    conflicts.forEach((conflict, index) => rejected.push({ ...conflict, key: keys[index] }));
  }
  return { handled, rejected };
}

/**
 * The usual case after an outage is a whole batch of consecutive ids leaving at once: then one range
 * delete does it (one IndexedDB request instead of one per entry). Consecutive ids in the batch mean no
 * other entry lies between them (entries waiting for confirmation are never in a batch), so the range
 * holds exactly the batch.
 */
async function deleteEntries(db: DispatchDb, leaving: readonly number[], batch: readonly OutboxEntry[]): Promise<void> {
  if (!leaving.length) return;
  const first = batch[0].id;
  const last = batch[batch.length - 1].id;
  const wholeRange = new Set(leaving).size === batch.length && last - first + 1 === batch.length;
  if (wholeRange) await db.outbox.where(':id').between(first, last, true, true).delete();
  else await db.outbox.bulkDelete([...leaving]);
}
