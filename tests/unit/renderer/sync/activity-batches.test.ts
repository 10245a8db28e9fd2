import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { expect, test } from 'vitest';
import type { ActivityEvent } from '../../../../domain';
import type { Change } from '../../../../domain/protocol';
import { BATCHED_FROM, countActivityLines, readJobActivity } from '../../../../renderer/data/activityPacks';
import { readMeta } from '../../../../renderer/data/outbox';
import { emptyConsoles } from './emptyConsole';
import { applyChanges, resetConfirmedState } from '../../../../renderer/sync/applyChanges';

const NOW = Date.UTC(2031, 2, 18, 15);

const emptyConsole = emptyConsoles('activity-batches');

const line = (jobId: string, index: number): ActivityEvent => ({
  id: `act_${jobId}.${index}`,
  organizationId: 'org-coolair',
  jobId,
  kind: 'appointment.moved',
  summary: `Moved (${index})`,
  actorUserId: 'u-dispatcher',
  actorName: 'Dana Whitfield',
  actorRole: 'dispatcher',
  source: 'console',
  occurredAt: NOW + index,
  receivedAt: NOW + index,
  offline: false,
  version: index,
});

let seq = 0;
const activity = (lines: ActivityEvent[]): Change[] =>
  lines.map((data) => ({ seq: ++seq, kind: 'activity', id: data.id, data }));

/** `count` lines spread over `jobs` jobs, round robin (as a flushed outbox's moves on many jobs arrive). */
const spread = (jobs: number, count: number, from = 0) =>
  Array.from({ length: count }, (_, index) => line(`job-${(from + index) % jobs}`, from + index));

const ids = (lines: readonly ActivityEvent[]) => lines.map((event) => event.id).sort();

test('a write of many lines stores them as batches of 100, and each job reads exactly its own lines', async () => {
  const db = await emptyConsole();
  const lines = spread(7, 250);
  await applyChanges(db, activity(lines), seq, 'server-1');

  // 250 lines: three batch rows, none as single rows.
  expect(await db.activity.count()).toBe(0);
  const batches = await db.activityBatches.toArray();
  expect(batches.map((batch) => batch.lines.length)).toEqual([100, 100, 50]);
  // Grouped by job before they are cut: each batch names the few jobs of its lines (an index entry each), not
  // all seven, as lines in arrival order (one job after another) would.
  expect(batches.map((batch) => [...batch.jobIds].sort())).toEqual([
    ['job-0', 'job-1', 'job-2'],
    ['job-2', 'job-3', 'job-4', 'job-5'],
    ['job-5', 'job-6'],
  ]);
  for (let job = 0; job < 7; job++) {
    const jobId = `job-${job}`;
    expect(ids(await readJobActivity(db, jobId))).toEqual(ids(lines.filter((event) => event.jobId === jobId)));
  }
  expect(await readJobActivity(db, 'job-none')).toEqual([]);
  expect(await countActivityLines(db)).toBe(250);
  expect((await readMeta(db)).cursor).toBe(seq);
});

test('a few lines stay rows; a job read across rows and batches gets every line once', async () => {
  const db = await emptyConsole();
  const few = spread(3, BATCHED_FROM - 1);
  await applyChanges(db, activity(few), seq, 'server-1');
  expect(await db.activity.count()).toBe(BATCHED_FROM - 1);
  expect(await db.activityBatches.count()).toBe(0);

  const many = spread(3, 150, BATCHED_FROM - 1);
  await applyChanges(db, activity(many), seq, 'server-1');
  expect(await db.activity.count()).toBe(BATCHED_FROM - 1);
  expect(await db.activityBatches.count()).toBe(2);
  // The same line held as a row and in a batch (a drawer's fetch wrote it too) is read once.
  await db.activity.put(many[0]);
  const all = [...few, ...many];
  expect(ids(await readJobActivity(db, 'job-0'))).toEqual(ids(all.filter((event) => event.jobId === 'job-0')));
  expect(await countActivityLines(db)).toBe(all.length);
});

test("an open drawer's read answers again when a batch with one of its job's lines lands", async () => {
  const db = await emptyConsole();
  const answers: string[][] = [];
  const subscription = liveQuery(() => readJobActivity(db, 'job-open')).subscribe({
    next: (lines) => answers.push(ids(lines)),
  });
  try {
    await expect.poll(() => answers.length).toBe(1);
    expect(answers[0]).toEqual([]);

    // Other jobs' lines, then a write whose last batch holds one line of the open job among others'.
    await applyChanges(db, activity(spread(2, 120)), seq, 'server-1');
    const mine = [...spread(2, 150, 1_000), line('job-open', 5_000)];
    await applyChanges(db, activity(mine), seq, 'server-1');
    await expect.poll(() => answers.at(-1)).toEqual([`act_job-open.5000`]);
  } finally {
    subscription.unsubscribe();
  }
});

test("a reset to another server's database drops the batches with the rest of the confirmed state", async () => {
  const db = await emptyConsole();
  await applyChanges(db, activity(spread(4, 200)), seq, 'server-1');
  expect(await db.activityBatches.count()).toBe(2);
  await resetConfirmedState(db, 'server-2', true);
  expect(await db.activityBatches.count()).toBe(0);
  expect(await countActivityLines(db)).toBe(0);
});
