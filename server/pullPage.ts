import { COALESCE_WINDOW, type Change } from '../domain/protocol';
import type { Reads } from './store/types';

/** Stop reading once the page is this full: the next read could add only a few rows. */
const FULL_ENOUGH = 0.9;

/**
 * A coalesced pull page (server/PROTOCOL.md, `pull`): the log after `cursor`, read in whole commits until
 * `limit` entities are collected, the head is reached or COALESCE_WINDOW rows are read, keeping only the last
 * change of each entity, in the order of those last changes. `cursor` is the last seq read, so the console
 * that applies the page and stores it in one transaction holds exactly the log up to it.
 */
export async function coalescedPage(
  store: Pick<Reads, 'changesAfter'>,
  organizationId: string,
  cursor: number,
  limit: number,
  head: number,
): Promise<{ changes: Change[]; cursor: number }> {
  const latest = new Map<string, Change>();
  let next = cursor;
  let read = 0;
  while (next < head && read < COALESCE_WINDOW && latest.size < limit * FULL_ENOUGH) {
    // At most as many rows as the page has room for: it can never grow past `limit` (but for one commit
    // larger than that, which comes whole, as in an uncoalesced page).
    const rows = await store.changesAfter(organizationId, next, Math.min(limit - latest.size, COALESCE_WINDOW - read));
    if (!rows.length) break;
    for (const change of rows) {
      const key = `${change.kind}:${change.id}`;
      // Deleted first, so the entity moves to its last change's place.
      latest.delete(key);
      latest.set(key, change);
    }
    read += rows.length;
    next = rows[rows.length - 1].seq;
  }
  return { changes: [...latest.values()], cursor: next };
}
