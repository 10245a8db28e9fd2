import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { attentionItems, DEFAULT_COMPLETE_REASONS, instantAt, type Appointment, type Job } from '../../../domain';
import { attentionHorizon, readAttentionSource } from '../../../renderer/data/attention';
import { DispatchCommands } from '../../../renderer/data/commands';
import { DispatchDb } from '../../../renderer/data/db';
import { readMeta } from '../../../renderer/data/outbox';
import { DANA } from './fixtures';
import { countRows, rowsRead } from './rowCounter';

/**
 * The attention panel's read at the scale of a busy provider: hundreds of visits booked for the coming
 * days and done earlier today, a handful that need a dispatcher. The read re-runs on every change in
 * the cache, so it must read the handful, not every job and appointment.
 */
const ZONE = 'America/Chicago';
const at = (hour: number, minute = 0, dayOffset = 0) =>
  instantAt({ year: 2031, month: 4, day: 3 + dayOffset }, ZONE, hour, minute);
const NOW = at(10);
const BOOKED_AHEAD = 300;
const DONE_TODAY = 100;
const PAUSING = DEFAULT_COMPLETE_REASONS.find((reason) => reason.effect === 'pause')!;

const job = (id: string, extra: Partial<Job> = {}): Job => ({
  id,
  organizationId: 'org-coolair',
  sourceId: null,
  customerId: 'cus-1',
  title: `Job ${id}`,
  address: { street1: '1 Main St', city: 'Austin', state: 'TX' },
  timeWindows: [],
  lifecycle: 'open',
  createdAt: at(8, 0, -7),
  version: 1,
  ...extra,
});

const visit = (jobId: string, status: Appointment['status'], extra: Partial<Appointment> = {}): Appointment => ({
  id: `apt-${jobId}`,
  jobId,
  organizationId: 'org-coolair',
  technicianId: 'u-tech1',
  start: at(9),
  durationMinutes: 60,
  status,
  version: 1,
  ...extra,
});

let db: DispatchDb;
let counter = 0;
beforeEach(async () => {
  db = new DispatchDb(`attention-read-${process.pid}-${++counter}`);
  db.use(countRows);
  await db.open();
  await db.organizations.put({ id: 'org-coolair', name: 'CoolAir', kind: 'provider', timeZone: ZONE, version: 1 });
  await db.completeReasons.bulkPut([...DEFAULT_COMPLETE_REASONS]);
  const ahead = Array.from({ length: BOOKED_AHEAD }, (_, index) => job(`job-ahead-${index}`));
  const done = Array.from({ length: DONE_TODAY }, (_, index) => job(`job-done-${index}`, { lifecycle: 'complete' }));
  await db.jobs.bulkPut([
    ...ahead,
    ...done,
    job('job-late'),
    job('job-soon'),
    job('job-eta'),
    job('job-over'),
    job('job-offer', { lifecycle: 'offered', sourceId: 'org-acme', createdAt: at(8) }),
    job('job-paused'),
    job('job-window', { timeWindows: [{ start: at(13), end: at(17) }] }),
    job('job-elsewhere', { organizationId: 'org-other' }),
  ]);
  await db.appointments.bulkPut([
    ...ahead.map((entity, index) => visit(entity.id, 'scheduled', { start: at(8, 0, 1 + (index % 5)) })),
    ...done.map((entity) => visit(entity.id, 'complete', { start: at(7), completedAt: at(7, 50) })),
    visit('job-late', 'scheduled', { start: at(9, 30) }),
    visit('job-soon', 'scheduled', { start: at(10, 30) }),
    visit('job-eta', 'enroute', { enrouteAt: at(9, 15), etaMinutes: 20 }),
    visit('job-over', 'started', { start: at(8), startedAt: at(8, 5) }),
    visit('job-paused', 'complete', { start: at(9, 0, -5), completedAt: at(10, 0, -5), completeReasonId: PAUSING.id }),
    visit('job-elsewhere', 'scheduled', { organizationId: 'org-other', start: at(8) }),
  ]);
  await readMeta(db);
});
afterEach(async () => {
  db.close();
  await DispatchDb.delete(db.name);
});

async function read(now = NOW) {
  rowsRead.clear();
  const source = await readAttentionSource(db, DANA, attentionHorizon(now));
  const items = attentionItems(source.jobs, now, source.thresholds, source.timeZone);
  return {
    items: items.map((item) => [item.kind, item.jobId]),
    jobs: rowsRead.get('jobs') ?? 0,
    appointments: rowsRead.get('appointments') ?? 0,
  };
}

describe('the attention panel over the console cache', () => {
  test('finds every kind in the organization, and nothing of another', async () => {
    const { items } = await read();
    expect(items).toEqual([
      ['late_start', 'job-late'],
      ['eta_overrun', 'job-eta'],
      ['running_over', 'job-over'],
      ['window_today', 'job-window'],
      ['offer_waiting', 'job-offer'],
      ['paused_aging', 'job-paused'],
    ]);
  });

  test('reads the jobs that can need attention, not the days ahead or the work done', async () => {
    const { jobs, appointments } = await read();
    // Of 400 visits: the five due by the horizon or under way (and another organization's, which a
    // dispatcher's cache would not even hold), then all visits of their jobs and of the queue's.
    expect(jobs).toBeLessThanOrEqual(10);
    expect(appointments).toBeLessThanOrEqual(15);
  });

  test('a visit that starts later is read once the hour turns, and is late after the grace', async () => {
    expect((await read(at(10, 45) + 1)).items).toContainEqual(['late_start', 'job-soon']);
    expect((await read(at(10, 45))).items).not.toContainEqual(['late_start', 'job-soon']);
  });

  test('reads the thresholds and the office zone from the organization', async () => {
    await db.organizations.update('org-coolair', {
      attention: { lateStartGraceMinutes: 45, offerWaitingMinutes: 180 },
    });
    const { items } = await read();
    expect(items.map(([, jobId]) => jobId)).not.toContain('job-late');
    expect(items.map(([, jobId]) => jobId)).not.toContain('job-offer');
    // At 8 PM in Austin the afternoon's window is today's (missed); in UTC it is already tomorrow, 1 AM.
    expect((await read(at(20))).items).toContainEqual(['window_today', 'job-window']);
    await db.organizations.update('org-coolair', { timeZone: 'UTC' });
    expect((await read(at(20))).items).not.toContainEqual(['window_today', 'job-window']);
  });

  test("a dispatcher's backup On My Way, still unsent, clears the late start at once", async () => {
    const commands = new DispatchCommands(db, DANA);
    await commands.run('appointment.setStatus', { appointmentId: 'apt-job-late', status: 'enroute', etaMinutes: 20 });
    await commands.run('job.accept', { jobId: 'job-offer' });
    const { items } = await read();
    expect(items).not.toContainEqual(['late_start', 'job-late']);
    expect(items).not.toContainEqual(['offer_waiting', 'job-offer']);
    expect(items).toContainEqual(['eta_overrun', 'job-eta']);
  });
});
