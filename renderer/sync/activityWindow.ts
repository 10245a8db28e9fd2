import { addDays, officeTimeZone, zoneDay, zoneDayBounds } from '../../domain';
import type { ActivityEvent, Appointment, Organization } from '../../domain';
import type { DispatchDb } from '../data/db';

/**
 * The visits whose jobs' activity a far-behind catch-up keeps: those starting from yesterday through
 * tomorrow on the office's calendar, [from, to). What a dispatcher cut off works on (docs/ARCHITECTURE.md §3b).
 */
export interface ActivityWindow {
  from: number;
  to: number;
}

/**
 * A far catch-up's page: the window it was asked with, and the jobs whose activity the server already left
 * out of it (`activityLeft`). `office` is set when the page was asked for before the console knew its
 * office's zone (a first sign-in): `window` is then any zone's (`anyZoneWindow`), and the console narrows it
 * to the office's own days around `office.now` from the page's organization row (or the cache's).
 */
export interface FarPage {
  window: ActivityWindow;
  left?: readonly string[];
  office?: { organizationId: string | undefined; now: number };
}

/** Yesterday, today and tomorrow in the office's zone, around `now`. */
export function activityWindow(now: number, organization: Pick<Organization, 'timeZone'> | undefined): ActivityWindow {
  const zone = officeTimeZone(organization);
  const today = zoneDay(now, zone);
  return { from: zoneDayBounds(addDays(today, -1), zone).start, to: zoneDayBounds(addDays(today, 1), zone).end };
}

/**
 * What holds the office's yesterday through tomorrow around `now` whatever its zone: UTC's day before
 * yesterday through the day after tomorrow. Zones run from UTC−12 to UTC+14, so an office's yesterday
 * through tomorrow never starts more than a day before UTC's, nor ends more than a day after it. Asked with
 * this, the server leaves out only what the office's window would too.
 */
export function anyZoneWindow(now: number): ActivityWindow {
  const today = zoneDay(now, 'UTC');
  return { from: zoneDayBounds(addDays(today, -2), 'UTC').start, to: zoneDayBounds(addDays(today, 2), 'UTC').end };
}

/** The window a far page is cut with on the console: the office's, once its zone is known. */
async function officeWindow(
  db: DispatchDb,
  rows: Map<string, Map<string, unknown>>,
  { window, office }: FarPage,
): Promise<ActivityWindow> {
  if (!office?.organizationId) return window;
  const organization =
    (rows.get('organizations')?.get(office.organizationId) as Organization | undefined) ??
    (await db.organizations.get(office.organizationId));
  // Not in the page nor the cache: the wide window keeps more than needed, which loses nothing.
  return organization ? activityWindow(office.now, organization) : window;
}

/**
 * Inside a read-write transaction over the confirmed tables and `activityGaps`: records in `activityGaps` the
 * jobs whose activity the server left out of the page, and drops from `rows` (a page's rows by table, the
 * last value of each entity) the activity of jobs that have visits and none of them in the window (what a
 * server that does not take `activityAround` still sent), recording those jobs too. A job's visits are the
 * page's own (newest) over the cache's. A job without any visit keeps its activity (an unscheduled job in
 * the queue is worked on today).
 */
export async function leaveOutActivity(
  db: DispatchDb,
  rows: Map<string, Map<string, unknown>>,
  far: FarPage,
): Promise<void> {
  const leftByServer = far.left ?? [];
  if (leftByServer.length) await db.activityGaps.bulkPut(leftByServer.map((jobId) => ({ jobId })));
  const activity = rows.get('activity');
  if (!activity?.size) return;
  const window = await officeWindow(db, rows, far);
  const jobIds = [...new Set([...activity.values()].map((event) => (event as ActivityEvent).jobId))];
  const visits = new Map<string, Appointment>();
  for (const appointment of await db.appointments.where('jobId').anyOf(jobIds).toArray())
    visits.set(appointment.id, appointment);
  for (const appointment of rows.get('appointments')?.values() ?? [])
    visits.set((appointment as Appointment).id, appointment as Appointment);
  const inWindow = new Set<string>();
  const scheduled = new Set<string>();
  for (const visit of visits.values()) {
    scheduled.add(visit.jobId);
    if (visit.start >= window.from && visit.start < window.to) inWindow.add(visit.jobId);
  }
  const left = new Set(jobIds.filter((jobId) => scheduled.has(jobId) && !inWindow.has(jobId)));
  if (!left.size) return;
  for (const [id, event] of activity) if (left.has((event as ActivityEvent).jobId)) activity.delete(id);
  await db.activityGaps.bulkPut([...left].map((jobId) => ({ jobId })));
}

/** Every activity line of a job, as the server just read them: written, and the job's gap ended, in one transaction. */
export async function fillActivityGap(db: DispatchDb, jobId: string, lines: readonly unknown[]): Promise<void> {
  await db.transaction('rw', [db.activity, db.activityGaps], async () => {
    await db.activity.bulkPut(lines as ActivityEvent[]);
    await db.activityGaps.delete(jobId);
  });
}
