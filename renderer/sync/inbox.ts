import type { Change } from '../../domain/protocol';
import type { SyncMeta } from '../data/db';

/** What the queued broadcasts add to the confirmed state at `meta.cursor`. */
export interface Continuation {
  /** The changes of every broadcast that continues the cursor, in log order. */
  changes: Change[];
  /** The cursor once they are applied. */
  cursor: number;
  /** A broadcast started past the cursor (or the copy has no server yet): only a pull can fill that. */
  gap: boolean;
}

/**
 * Empties `inbox` (broadcasts as the socket delivered them: possibly duplicated, late or out of order)
 * and keeps what continues the cursor. Duplicates (at or below the cursor) are dropped; a broadcast past a
 * gap is dropped too, the pull the gap asks for brings it again. Pure: the caller writes the changes and
 * the new cursor in one transaction.
 */
export function takeContinuation(inbox: Change[][], meta: SyncMeta): Continuation {
  const changes: Change[] = [];
  let cursor = meta.cursor;
  let gap = false;
  while (inbox.length) {
    const broadcast = inbox.shift()!;
    const last = broadcast[broadcast.length - 1].seq;
    if (last <= cursor) continue;
    if (broadcast[0].seq !== cursor + 1 || !meta.serverId) {
      gap = true;
      continue;
    }
    changes.push(...broadcast);
    cursor = last;
  }
  return { changes, cursor, gap };
}
