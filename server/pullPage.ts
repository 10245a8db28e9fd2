import type { ActivityEvent } from '../domain';
import { COALESCE_WINDOW, type Change } from '../domain/protocol';
import type { Reads } from './store/types';

/** Stop reading once the page is this full: the next read could add only a few rows. */
const FULL_ENOUGH = 0.9;

/** A coalesced page, and with `activityAround` the jobs whose activity lines it left out. */
export interface CoalescedPage {
  changes: Change[];
  cursor: number;
  activityLeft?: string[];
}

/**
 * A coalesced pull page (server/PROTOCOL.md, `pull`): the log after `cursor`, read in whole commits until
 * `limit` entities are collected, the head is reached or COALESCE_WINDOW rows are read, keeping only the last
 * change of each entity, in the order of those last changes. `cursor` is the last seq read, so the console
 * that applies the page and stores it in one transaction holds exactly the log up to it. With `around` (a
 * console far behind), the activity of jobs whose visits all start outside it is left out and named.
 */
export async function coalescedPage(
  store: Pick<Reads, 'changesAfter' | 'appointmentsOfJob'>,
  organizationId: string,
  cursor: number,
  limit: number,
  head: number,
  around?: { from: number; to: number },
): Promise<CoalescedPage> {
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
  const changes = [...latest.values()];
  if (!around) return { changes, cursor: next };
  const left = await jobsOutside(store, changes, around);
  return {
    changes: changes.filter((change) => change.kind !== 'activity' || !left.has((change.data as ActivityEvent).jobId)),
    cursor: next,
    activityLeft: [...left],
  };
}

/**
 * The jobs of the page's activity lines that have visits and none starting in `around`, by their visits as
 * they are now (the state the console ends at). The console's own rule, renderer/sync/activityWindow.ts.
 */
async function jobsOutside(
  store: Pick<Reads, 'appointmentsOfJob'>,
  changes: readonly Change[],
  around: { from: number; to: number },
): Promise<Set<string>> {
  const jobIds = new Set<string>();
  for (const change of changes) if (change.kind === 'activity') jobIds.add((change.data as ActivityEvent).jobId);
  const left = new Set<string>();
  for (const jobId of jobIds) {
    const visits = await store.appointmentsOfJob(jobId);
    if (visits.length && !visits.some((visit) => visit.start >= around.from && visit.start < around.to))
      left.add(jobId);
  }
  return left;
}
