import { DEFAULT_TIME_ZONE, zoneOffset, type WallClock } from '../../domain';

/**
 * The office clock: the one time zone every time in the console is shown in and every board day is cut
 * in — the signed-in user's organization's (`officeTimeZone`), never the machine's. `OfficeClockProvider`
 * (OfficeClockProvider.tsx) keeps it current from the organization's synced row; the formatters (`format.ts`) and
 * the board's geometry read it here, so a call site never passes a zone and cannot pick the wrong one.
 *
 * Reading the wall clock is on the board's hot path (every block formats its times), so it does not go
 * through Intl for each call: a zone's offset is looked up once per quarter hour of UTC (every zone's
 * offset, and every change of it, falls on a quarter hour) and the rest is plain UTC arithmetic.
 */

let zone = DEFAULT_TIME_ZONE;
const listeners = new Set<() => void>();

/** The office's IANA zone, e.g. 'America/Chicago'. */
export function officeZone(): string {
  return zone;
}

/**
 * Sets the office's zone (the provider does, from the organization). It holds at once for whatever formats
 * next; views subscribed through `useOfficeZone` are told a moment later, so setting it while React renders
 * the provider never updates another component in the middle of that render.
 */
export function setOfficeZone(next: string): void {
  if (next === zone) return;
  zone = next;
  queueMicrotask(() => {
    for (const listener of listeners) listener();
  });
}

export function subscribeOfficeZone(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** What the office's wall clock reads: the domain's `WallClock` (months 1–12, weekday 0 = Sunday). */
export type OfficeWall = WallClock;

const QUARTER_MS = 15 * 60_000;
/** Offsets remembered per zone; a year of quarter hours is ~35,000, so the cache is simply reset past that. */
const MAX_CACHED = 40_000;
const offsets = new Map<string, Map<number, number>>();

/** Local time minus UTC at `at` in `timeZone`, in ms, from the per-quarter-hour cache. */
export function cachedOffset(at: number, timeZone: string): number {
  let byQuarter = offsets.get(timeZone);
  if (!byQuarter) offsets.set(timeZone, (byQuarter = new Map()));
  const quarter = Math.floor(at / QUARTER_MS);
  let offset = byQuarter.get(quarter);
  if (offset === undefined) {
    if (byQuarter.size >= MAX_CACHED) byQuarter.clear();
    offset = zoneOffset(quarter * QUARTER_MS, timeZone);
    byQuarter.set(quarter, offset);
  }
  return offset;
}

/** The wall clock in `timeZone` (the office's unless told) at `at`. */
export function wallAt(at: number, timeZone = zone): OfficeWall {
  const shifted = new Date(at + cachedOffset(at, timeZone));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    weekday: shifted.getUTCDay(),
  };
}
