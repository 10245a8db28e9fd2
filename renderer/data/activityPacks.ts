import type { ActivityEvent } from '../../domain';
import type { DispatchDb } from './db';

/**
 * A job's activity lines as a far catch-up wrote them: one row per job instead of one per line. IndexedDB's
 * cost is per row far more than per byte (50,000 lines of ~300 bytes took 7.4 s as rows and 0.4–0.9 s as 1,000
 * rows of 50, bench/README.md), and a log about today's jobs is mostly activity. Lines that arrive in a large
 * write otherwise (a flushed outbox's answers, a pull page near the head) are batches (`ActivityBatch`); those
 * that arrive a few at a time (a broadcast, a drawer's fetch) stay rows of `activity`. A job's activity is all
 * three, read together (`readJobActivity`).
 */
export interface ActivityPack {
  jobId: string;
  lines: ActivityEvent[];
}

/**
 * Lines of one large write, as one row: written once and never rewritten, found by their jobs through the
 * multi-entry index on `jobIds`. Unlike a pack, a batch does not grow, so writing one reads nothing first (packing
 * every large write by job cost more than it saved: each write read and rewrote its jobs' growing packs).
 */
export interface ActivityBatch {
  /** Auto-increment: two batches never replace each other. */
  key?: number;
  /** The jobs its lines concern, each once (the index). */
  jobIds: string[];
  lines: ActivityEvent[];
}

/**
 * A write with at least this many lines stores them as batches. A push answer of 500 commands carries 500 lines,
 * where a broadcast of one commit usually carries a few: as rows, those are no dearer than a batch.
 */
export const BATCHED_FROM = 100;
/**
 * Lines per batch: 100 lines of ~300 bytes is ~30 KB, well under the size at which Chromium stores a value as a
 * file of its own beside the database, and a drawer reading a job's batches reads little it does not show.
 */
const LINES_PER_BATCH = 100;

/**
 * Writes lines as batches (in the caller's transaction over `activityBatches`), grouped by job first: a batch then
 * names as few jobs as its lines allow (each named job is one more index entry written), and a drawer finds a job's
 * lines in one or two batches instead of one line in each of many. Arrival order interleaves jobs: a flush's
 * answers carry one line per command, command after command.
 */
export async function batchActivity(db: DispatchDb, lines: readonly ActivityEvent[]): Promise<void> {
  const byJob = [...lines].sort((a, b) => (a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0));
  const batches: ActivityBatch[] = [];
  for (let first = 0; first < byJob.length; first += LINES_PER_BATCH) {
    const chunk = byJob.slice(first, first + LINES_PER_BATCH);
    batches.push({ jobIds: [...new Set(chunk.map((line) => line.jobId))], lines: chunk });
  }
  await db.activityBatches.bulkAdd(batches);
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

/** Every activity line this console holds for a job: its rows, its pack and its batches' lines, each line once. */
export async function readJobActivity(db: DispatchDb, jobId: string): Promise<ActivityEvent[]> {
  const [rows, pack, batches] = await Promise.all([
    db.activity.where('jobId').equals(jobId).toArray(),
    db.activityPacks.get(jobId),
    db.activityBatches.where('jobIds').equals(jobId).toArray(),
  ]);
  if (!pack && batches.length === 0) return rows;
  const byId = new Map<string, ActivityEvent>();
  for (const line of pack?.lines ?? []) byId.set(line.id, line);
  for (const batch of batches) for (const line of batch.lines) if (line.jobId === jobId) byId.set(line.id, line);
  for (const row of rows) byId.set(row.id, row);
  return [...byId.values()];
}

/**
 * How many activity lines the console holds, rows, packed and batched, each line once (a line can be in two: a
 * broadcast's row, then packed again by a far page), for the bench's and the tests' accounts.
 */
export async function countActivityLines(db: DispatchDb): Promise<number> {
  const ids = new Set<string>();
  await db.activityPacks.each((pack) => pack.lines.forEach((line) => ids.add(line.id)));
  await db.activityBatches.each((batch) => batch.lines.forEach((line) => ids.add(line.id)));
  for (const id of await db.activity.toCollection().primaryKeys()) ids.add(id);
  return ids.size;
}
