import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import type { ActivityEvent, Appointment } from '../../../../domain';
import type { Change } from '../../../../domain/protocol';
import { countActivityLines, readJobActivity } from '../../../../renderer/data/activityPacks';
import { activityWindow, anyZoneWindow, fillActivityGap } from '../../../../renderer/sync/activityWindow';
import { emptyConsoles } from './emptyConsole';
import { applyChanges } from '../../../../renderer/sync/applyChanges';

const HOUR = 3_600_000;
/** 10:00 in Chicago on a March Tuesday (CDT, UTC−5). */
const NOW = Date.UTC(2031, 2, 18, 15);
/** Midnight in Chicago starting Monday 17 March (CDT). */
const MONDAY = Date.UTC(2031, 2, 17, 5);

const emptyConsole = emptyConsoles('activity-window');

const visit = (jobId: string, start: number): Appointment => ({
  id: `${jobId}-a`,
  jobId,
  organizationId: 'org-coolair',
  technicianId: 'u-tech1',
  start,
  durationMinutes: 60,
  status: 'scheduled',
  version: 1,
});

const line = (jobId: string, index: number): ActivityEvent => ({
  id: `act_${jobId}.${index}`,
  organizationId: 'org-coolair',
  jobId,
  kind: 'appointment.moved',
  summary: 'Moved',
  actorUserId: 'u-dispatcher',
  actorName: 'Dana Whitfield',
  actorRole: 'dispatcher',
  source: 'console',
  occurredAt: NOW - HOUR,
  receivedAt: NOW - HOUR,
  offline: false,
  version: index,
});

let seq = 0;
const change = (kind: Change['kind'], data: { id: string }): Change => ({ seq: ++seq, kind, id: data.id, data });

test("the window runs from yesterday's start through tomorrow's end on the office's calendar", () => {
  expect(activityWindow(NOW, { timeZone: 'America/Chicago' })).toEqual({ from: MONDAY, to: MONDAY + 72 * HOUR });
  // Without a zone the office keeps UTC.
  expect(activityWindow(NOW, undefined)).toEqual({ from: Date.UTC(2031, 2, 17), to: Date.UTC(2031, 2, 20) });
});

test('a far catch-up notes the jobs the server left out, keeps the activity of jobs with a visit in the window or none at all, notes the others as gaps, and moves the cursor past all', async () => {
  const db = await emptyConsole();
  const window = activityWindow(NOW, { timeZone: 'America/Chicago' });
  // Already cached from an earlier page: job-old's visit, last week.
  await db.appointments.put(visit('job-old', MONDAY - 6 * 24 * HOUR));
  const changes = [
    change('appointment', visit('job-today', NOW + HOUR)),
    change('appointment', visit('job-next-week', MONDAY + 8 * 24 * HOUR)),
    // Starts the instant the window ends: outside.
    change('appointment', visit('job-edge', window.to)),
    ...['job-today', 'job-next-week', 'job-edge', 'job-old', 'job-unscheduled'].flatMap((jobId) => [
      change('activity', line(jobId, 1)),
      change('activity', line(jobId, 2)),
    ]),
  ];
  // job-elsewhere's lines the server already left out of the page (`activityLeft`).
  const meta = await applyChanges(db, changes, seq, 'server-1', { window, left: ['job-elsewhere'] });

  expect(meta.cursor).toBe(seq);
  // Kept lines are packed by job: one row each (data/activityPacks.ts), none as single rows.
  expect(await db.activity.count()).toBe(0);
  const packs = await db.activityPacks.toArray();
  expect(packs.map((pack) => [pack.jobId, pack.lines.length]).sort()).toEqual([
    ['job-today', 2],
    ['job-unscheduled', 2],
  ]);
  expect((await db.activityGaps.toArray()).map((gap) => gap.jobId).sort()).toEqual([
    'job-edge',
    'job-elsewhere',
    'job-next-week',
    'job-old',
  ]);
  // Everything else is written as always.
  expect(await db.appointments.count()).toBe(4);

  // The drawer's fetch fills a gap: every line, and the gap is gone.
  await fillActivityGap(db, 'job-next-week', [line('job-next-week', 1), line('job-next-week', 2)]);
  expect(await db.activity.where('jobId').equals('job-next-week').count()).toBe(2);
  expect(await db.activityGaps.get('job-next-week')).toBeUndefined();
});

test("a later far page adds to a job's pack, a line sent again stays once, and the drawer reads rows and pack together", async () => {
  const db = await emptyConsole();
  const window = activityWindow(NOW, { timeZone: 'America/Chicago' });
  const today = change('appointment', visit('job-today', NOW + HOUR));
  await applyChanges(db, [today, change('activity', line('job-today', 1))], seq, 'server-1', { window });
  await applyChanges(
    db,
    [change('activity', line('job-today', 1)), change('activity', line('job-today', 2))],
    seq,
    'server-1',
    { window },
  );
  expect((await db.activityPacks.get('job-today'))?.lines.map((event) => event.id).sort()).toEqual(
    [line('job-today', 1).id, line('job-today', 2).id].sort(),
  );
  // A line that came one at a time afterwards (a broadcast) is a row; the job's activity is both, each once.
  await applyChanges(
    db,
    [change('activity', line('job-today', 2)), change('activity', line('job-today', 3))],
    seq,
    'server-1',
  );
  expect((await readJobActivity(db, 'job-today')).map((event) => event.id).sort()).toEqual(
    [1, 2, 3].map((n) => line('job-today', n).id).sort(),
  );
  // Line 2 is held twice (packed, then a row): counted once.
  expect(await db.activity.count()).toBe(2);
  expect(await countActivityLines(db)).toBe(3);
});

test('without a window (near the head, or a broadcast) every activity line is kept', async () => {
  const db = await emptyConsole();
  const changes = [
    change('appointment', visit('job-next-week', MONDAY + 8 * 24 * HOUR)),
    change('activity', line('job-next-week', 1)),
  ];
  await applyChanges(db, changes, seq, 'server-1');
  expect(await db.activity.count()).toBe(1);
  expect(await db.activityGaps.count()).toBe(0);
});

test("asked before the zone is known, the wide window holds any office's yesterday through tomorrow, at every hour", () => {
  const zones = ['Pacific/Kiritimati', 'Etc/GMT+12', 'America/Chicago', 'Asia/Kolkata', 'UTC'];
  for (let hour = 0; hour < 48; hour++) {
    const now = NOW + hour * HOUR + 17 * 60_000;
    const wide = anyZoneWindow(now);
    for (const timeZone of zones) {
      const office = activityWindow(now, { timeZone });
      expect({ timeZone, hour, inside: wide.from <= office.from && office.to <= wide.to }).toEqual({
        timeZone,
        hour,
        inside: true,
      });
    }
  }
});

test("a first sign-in's far page, asked wide, is cut on the office's days with the page's organization row", async () => {
  // 21:00 in Chicago on Tuesday: already Wednesday 02:00 in UTC, whose window runs a day later than the office's.
  const evening = MONDAY + 24 * HOUR + 21 * HOUR;
  const office = activityWindow(evening, { timeZone: 'America/Chicago' });
  const wide = anyZoneWindow(evening);
  const organization = {
    id: 'org-coolair',
    name: 'CoolAir',
    kind: 'provider',
    timeZone: 'America/Chicago',
    version: 1,
  };
  const page = (jobId: string, start: number) => [
    change('appointment', visit(jobId, start)),
    change('activity', line(jobId, 1)),
  ];
  // Thursday 10:00 in Chicago: the office's day after tomorrow (outside), inside UTC's window and the wide one.
  const thursday = MONDAY + 3 * 24 * HOUR + 10 * HOUR;
  expect(thursday >= office.to && thursday < wide.to).toBe(true);

  const db = await emptyConsole();
  const changes = [
    change('organization', organization),
    ...page('job-thursday', thursday),
    ...page('job-today', evening),
  ];
  await applyChanges(db, changes, seq, 'server-1', {
    window: wide,
    office: { organizationId: 'org-coolair', now: evening },
  });
  expect((await db.activityPacks.toArray()).map((pack) => pack.jobId)).toEqual(['job-today']);
  expect((await db.activityGaps.toArray()).map((gap) => gap.jobId)).toEqual(['job-thursday']);

  // No organization row anywhere yet: the wide window keeps both, and nothing is lost.
  const early = await emptyConsole();
  await applyChanges(early, [...page('job-thursday', thursday), ...page('job-today', evening)], seq, 'server-1', {
    window: wide,
    office: { organizationId: 'org-coolair', now: evening },
  });
  expect((await early.activityPacks.toArray()).map((pack) => pack.jobId).sort()).toEqual(['job-thursday', 'job-today']);
  expect(await early.activityGaps.count()).toBe(0);
});
