import Dexie from 'dexie';
import { APPOINTMENT_STATUSES, type Appointment, type AppointmentStatus } from '../../domain';
import type { DispatchDb } from './db';

/**
 * The appointments' one status index, `[status+start+jobId]` (schema v12), and the reads made through it.
 *
 * It replaced three (`start`, `[status+jobId]`, `[status+start]`): every index is one more entry written per
 * appointment put, and appointments are what a flush after an outage and a catch-up write most (the flush's
 * appointment puts were ~40 % of it; with one index instead of three it measured ~8 % shorter, though a put alone
 * costs nearly the same with four indexes as with none: IndexedDB charges mostly per request, bench/README.md).
 * Each of the three reads is a prefix of this one: by status; by status then start; and the job ids of a status
 * from the index keys alone, without a row. A day's appointments of any status is one range per status (five).
 */
const STATUS_INDEX = '[status+start+jobId]';

type StatusKey = [AppointmentStatus, number, string];

/** Start bound of a status's range: `[status, start]` sorts before every `[status, start, jobId]`. */
const bound = (status: AppointmentStatus, start: number | typeof Dexie.minKey | typeof Dexie.maxKey) => [status, start];

/** The appointments of `status` starting at or before `upTo` (every one of that status without it). */
export function appointmentsWithStatus(
  db: DispatchDb,
  status: AppointmentStatus,
  upTo?: number,
): Promise<Appointment[]> {
  // Inclusive: `[status, upTo, maxKey]` sorts after every key starting at upTo.
  const upper = upTo === undefined ? bound(status, Dexie.maxKey) : [status, upTo, Dexie.maxKey];
  return db.appointments.where(STATUS_INDEX).between(bound(status, Dexie.minKey), upper, true, true).toArray();
}

/** The jobs with an appointment of `status`, from the index keys alone (one id per appointment). */
export async function jobIdsWithStatus(db: DispatchDb, status: AppointmentStatus): Promise<string[]> {
  const keys = await db.appointments
    .where(STATUS_INDEX)
    .between(bound(status, Dexie.minKey), bound(status, Dexie.maxKey), true, true)
    .keys();
  return keys.map((key) => (key as unknown as StatusKey)[2]);
}

/** The appointments starting in [from, to), of the given statuses (every status by default), by start. */
export async function appointmentsStartingBetween(
  db: DispatchDb,
  from: number,
  to: number,
  statuses: readonly AppointmentStatus[] = APPOINTMENT_STATUSES,
): Promise<Appointment[]> {
  const ofStatus = await Promise.all(
    statuses.map((status) =>
      db.appointments.where(STATUS_INDEX).between(bound(status, from), bound(status, to), true, false).toArray(),
    ),
  );
  return ofStatus.flat().sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
