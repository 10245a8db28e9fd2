/**
 * Calendar arithmetic in a named IANA time zone, whatever zone the machine running it is in.
 *
 * The organization's office keeps one clock (its `timeZone`): the board's day, a technician's working
 * hours and "today" are all read on it. A day is named 'YYYY-MM-DD' and runs from its local midnight to
 * the next one, so a daylight-saving day lasts 23 or 25 hours; instants stay epoch milliseconds.
 * Only `Intl` is used (no library): the domain imports nothing, and every runtime we ship on (Node 20,
 * Chromium/Electron) carries the full zone database.
 */

export interface WallClock {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday, as `Date#getDay`. */
  weekday: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

// Building an Intl.DateTimeFormat costs far more than using one; the board asks for every block it draws.
const partFormats = new Map<string, Intl.DateTimeFormat>();

function partFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partFormats.set(timeZone, format);
  }
  return format;
}

/** What a wall clock in `timeZone` reads at `instant`. */
export function wallClock(instant: number, timeZone: string): WallClock {
  const wall: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0 };
  for (const part of partFormat(timeZone).formatToParts(instant)) {
    if (part.type === 'weekday') wall.weekday = WEEKDAYS[part.value] ?? 0;
    else if (part.type in wall) wall[part.type as Exclude<keyof WallClock, 'weekday'>] = Number(part.value);
  }
  return wall;
}

/** Local time minus UTC at `instant`, in milliseconds (−5 h or −6 h in Chicago, +5:30 in Kolkata). */
export function zoneOffset(instant: number, timeZone: string): number {
  const wall = wallClock(instant, timeZone);
  const asIfUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asIfUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall clock in `timeZone` shows the given date and time. A time that does not exist (the
 * hour skipped when clocks spring forward) resolves to the same distance past the gap, as clocks do
 * (2:30 AM → 3:30 AM); a time that happens twice (clocks fall back) resolves to its first occurrence.
 */
export function instantAt(
  date: { year: number; month: number; day: number },
  timeZone: string,
  hour = 0,
  minute = 0,
): number {
  const asIfUtc = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  // The offset before and after a transition differ; try both and keep the one that round-trips.
  const before = asIfUtc - zoneOffset(asIfUtc - 12 * HOUR, timeZone);
  const after = asIfUtc - zoneOffset(asIfUtc + 12 * HOUR, timeZone);
  const candidates = [Math.min(before, after), Math.max(before, after)];
  for (const candidate of candidates) {
    const wall = wallClock(candidate, timeZone);
    if (
      wall.year === date.year &&
      wall.month === date.month &&
      wall.day === date.day &&
      wall.hour === hour &&
      wall.minute === minute
    )
      return candidate;
  }
  // In the gap: the earlier offset carries the wall time forward past it.
  return asIfUtc - zoneOffset(asIfUtc - 12 * HOUR, timeZone);
}

/** The day ('YYYY-MM-DD') it is in `timeZone` at `instant`. */
export function zoneDay(instant: number, timeZone: string): string {
  const wall = wallClock(instant, timeZone);
  return formatIsoDay(wall.year, wall.month, wall.day);
}

/** Where a day ('YYYY-MM-DD') begins in `timeZone`: its local midnight. */
export function startOfZoneDay(isoDay: string, timeZone: string): number {
  return instantAt(parseIsoDay(isoDay), timeZone);
}

/** Local midnight to local midnight: `[start, end)` of a day in `timeZone` (23, 24 or 25 hours). */
export function zoneDayBounds(isoDay: string, timeZone: string): { start: number; end: number } {
  return { start: startOfZoneDay(isoDay, timeZone), end: startOfZoneDay(addDays(isoDay, 1), timeZone) };
}

/** Moves a 'YYYY-MM-DD' day by whole calendar days; the zone plays no part in naming days. */
export function addDays(isoDay: string, days: number): string {
  const { year, month, day } = parseIsoDay(isoDay);
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return formatIsoDay(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

/** 0 = Sunday … 6 = Saturday for a 'YYYY-MM-DD' day. */
export function weekdayOf(isoDay: string): number {
  const { year, month, day } = parseIsoDay(isoDay);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** Minutes since local midnight at `instant` in `timeZone` (0–1439), for hours such as "08:00–17:00". */
export function minuteOfZoneDay(instant: number, timeZone: string): number {
  const wall = wallClock(instant, timeZone);
  return wall.hour * 60 + wall.minute;
}

/** The zone's name as people say it, without the season: "Central Time", "India Standard Time". */
export function zoneName(timeZone: string, at = Date.now()): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longGeneric' })
    .formatToParts(at)
    .find((candidate) => candidate.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A 'YYYY-MM-DD' text as numbers; throws on anything else (a programming error, not user input). */
export function parseIsoDay(isoDay: string): { year: number; month: number; day: number } {
  const match = ISO_DAY.exec(isoDay);
  if (!match) throw new Error(`not a day: ${isoDay}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function formatIsoDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
