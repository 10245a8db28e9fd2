import type { ActivityEvent } from '../../domain';
import type { DispatchDb } from './db';

/**
 * A job's activity lines as a far catch-up wrote them: one row per job instead of one per line. IndexedDB's
 * cost is per row far more than per byte (50,000 lines of ~300 bytes took 7.4 s as rows and 0.4–0.9 s as 1,000
 * rows of 50, bench/README.md), and a log about today's jobs is mostly activity. Lines that arrive one at a time
 * (pushes, broadcasts, a pull near the head, a drawer's fetch) stay rows of `activity`: rewriting a pack for each
 * would cost more than the row. A job's activity is both, read together (`readJobActivity`).
 */
export interface ActivityPack {
  jobId: string;
  lines: ActivityEvent[];
}

/** Adds lines to their jobs' packs (in the caller's transaction over `activityPacks`); a line already held stays once. */
export async function packActivity(db: DispatchDb, lines: Iterable<ActivityEvent>): Promise<void> {
  const byJob = new Map<string, Map<string, ActivityEvent>>();
  for (const line of lines) {
    let pack = byJob.get(line.jobId);
    if (!pack) byJob.set(line.jobId, (pack = new Map()));
    pack.set(line.id, line);
  }
  if (!byJob.size) return;
  const jobIds = [...byJob.keys()];
  const held = await db.activityPacks.bulkGet(jobIds);
  const packs = jobIds.map((jobId, index) => {
    const fresh = byJob.get(jobId)!;
    const kept = (held[index]?.lines ?? []).filter((line) => !fresh.has(line.id));
    return { jobId, lines: [...kept, ...fresh.values()] };
  });
  await db.activityPacks.bulkPut(packs);
}

/** Every activity line this console holds for a job: its rows and its pack, each line once. */
export async function readJobActivity(db: DispatchDb, jobId: string): Promise<ActivityEvent[]> {
  const [rows, pack] = await Promise.all([
    db.activity.where('jobId').equals(jobId).toArray(),
    db.activityPacks.get(jobId),
  ]);
  if (!pack) return rows;
  const byId = new Map(pack.lines.map((line) => [line.id, line]));
  for (const row of rows) byId.set(row.id, row);
  return [...byId.values()];
}

/**
 * How many activity lines the console holds, rows and packed, each line once (a line can be both: a broadcast's
 * row, then packed again by a far page), for the bench's and the tests' accounts.
 */
export async function countActivityLines(db: DispatchDb): Promise<number> {
  const ids = new Set<string>();
  await db.activityPacks.each((pack) => pack.lines.forEach((line) => ids.add(line.id)));
  for (const id of await db.activity.toCollection().primaryKeys()) ids.add(id);
  return ids.size;
}
