import type { TimeOff, User, WeeklyHours } from './entities';
import { addDays, instantAt, parseIsoDay, startOfZoneDay, weekdayOf, zoneDay, zoneDayBounds } from './zone';

/**
 * When a technician can be given work. Weekly hours are wall-clock times on the organization's office
 * clock (`officeTimeZone(org)`, never the machine's), so "08:00–17:00" means eight in the morning in the
 * office on every day of the year, 23- and 25-hour days included; time off is a span of instants.
 *
 * A technician without availability, or with no weekly hours, works at any time (minus any time off):
 * users stored before availability existed keep being schedulable. A span whose end is before its start
 * runs past midnight (a night shift 22:00–06:00 belongs to the weekday it starts on).
 */

export interface Span {
  start: number;
  end: number;
}

/** A part of a day the technician cannot be given work, and why. */
export type UnavailableSpan =
  (Span & { kind: 'outside_hours' }) | (Span & { kind: 'time_off'; reason?: string; timeOff: TimeOff });

export type AvailabilityVerdict =
  | { available: true }
  | { available: false; kind: 'outside_hours'; message: string }
  | { available: false; kind: 'time_off'; timeOff: TimeOff; message: string };

type Person = Pick<User, 'firstName' | 'availability'>;

const DAY_MINUTES = 24 * 60;
const CLOCK = /^([01]\d|2[0-4]):([0-5]\d)$/;
const WEEKDAY_NAMES = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];

/** 'HH:MM' as minutes since midnight (0–1440, '24:00' only as itself); undefined for anything else. */
export function parseClock(text: string): number | undefined {
  const match = CLOCK.exec(text);
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= DAY_MINUTES ? minutes : undefined;
}

/** '08:00' → '8:00 AM', '13:30' → '1:30 PM', '00:00' and '24:00' → '12:00 AM' (the console's 12-hour clock). */
export function formatClock(text: string): string {
  const minutes = (parseClock(text) ?? 0) % DAY_MINUTES;
  const hour = Math.floor(minutes / 60);
  const suffix = hour < 12 ? 'AM' : 'PM';
  return `${hour % 12 || 12}:${String(minutes % 60).padStart(2, '0')} ${suffix}`;
}

/** Whether the technician has weekly hours at all; without them every hour is working time. */
export function hasWeeklyHours(user: Person): boolean {
  return (user.availability?.weekly.length ?? 0) > 0;
}

/** The working spans that begin on `isoDay` (some may run into the next day), as instants. */
function shiftsBeginning(weekly: readonly WeeklyHours[], isoDay: string, zone: string): Span[] {
  const weekday = weekdayOf(isoDay);
  const date = parseIsoDay(isoDay);
  const spans: Span[] = [];
  for (const hours of weekly) {
    if (hours.weekday !== weekday) continue;
    const from = parseClock(hours.start);
    const to = parseClock(hours.end);
    if (from === undefined || to === undefined || from === to || from >= DAY_MINUTES) continue;
    const endDay = to === DAY_MINUTES || to < from ? addDays(isoDay, 1) : isoDay;
    const endMinute = to % DAY_MINUTES;
    const start = instantAt(date, zone, Math.floor(from / 60), from % 60);
    const end = instantAt(parseIsoDay(endDay), zone, Math.floor(endMinute / 60), endMinute % 60);
    // A span inside a spring-forward gap can come out empty or reversed: it has no time to work in.
    if (end > start) spans.push({ start, end });
  }
  return spans;
}

/** Sorted, with overlapping and touching spans joined. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((span) => span.end > span.start).sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ start: span.start, end: span.end });
  }
  return merged;
}

/** `spans` with every part covered by `holes` cut out (both may be unsorted). */
export function subtractSpans(spans: readonly Span[], holes: readonly Span[]): Span[] {
  let remaining = mergeSpans(spans);
  for (const hole of mergeSpans(holes)) {
    remaining = remaining.flatMap((span) => {
      if (hole.end <= span.start || hole.start >= span.end) return [span];
      const parts: Span[] = [];
      if (hole.start > span.start) parts.push({ start: span.start, end: hole.start });
      if (hole.end < span.end) parts.push({ start: hole.end, end: span.end });
      return parts;
    });
  }
  return remaining;
}

/** Working hours within `[from, to)`, ignoring time off: all of it when no weekly hours are set. */
function hoursWithin(user: Person, from: number, to: number, zone: string): Span[] {
  if (to <= from) return [];
  const weekly = user.availability?.weekly ?? [];
  if (weekly.length === 0) return [{ start: from, end: to }];
  const spans: Span[] = [];
  // A night shift that began the day before can reach into the first day.
  const last = zoneDay(to - 1, zone);
  for (let day = addDays(zoneDay(from, zone), -1); day <= last; day = addDays(day, 1)) {
    spans.push(...shiftsBeginning(weekly, day, zone));
  }
  return mergeSpans(spans.map((span) => ({ start: Math.max(span.start, from), end: Math.min(span.end, to) })));
}

function timeOffOverlapping(user: Person, from: number, to: number): TimeOff[] {
  return (user.availability?.timeOff ?? [])
    .filter((off) => off.start < to && off.end > from)
    .sort((a, b) => a.start - b.start);
}

/** The time within `[from, to)` the technician can be given work: working hours minus time off. */
export function workingSpans(user: Person, from: number, to: number, zone: string): Span[] {
  return subtractSpans(hoursWithin(user, from, to, zone), timeOffOverlapping(user, from, to));
}

/**
 * What of the office day `isoDay` the board shades: time off (with its reason) and the rest of the day
 * outside working hours, in order, clipped to the day. Empty for a technician free all day.
 */
export function unavailableSpans(user: Person, isoDay: string, zone: string): UnavailableSpan[] {
  const day = zoneDayBounds(isoDay, zone);
  const offs = timeOffOverlapping(user, day.start, day.end);
  const away: UnavailableSpan[] = offs.map((off) => ({
    kind: 'time_off',
    start: Math.max(off.start, day.start),
    end: Math.min(off.end, day.end),
    reason: off.reason,
    timeOff: off,
  }));
  const outside = subtractSpans([day], [...hoursWithin(user, day.start, day.end, zone), ...offs]);
  return [...away, ...outside.map((span) => ({ ...span, kind: 'outside_hours' as const }))].sort(
    (a, b) => a.start - b.start,
  );
}

/**
 * Whether a visit `[start, end)` fits the technician's availability: time off first (it names a reason),
 * then working hours, which must cover the whole visit.
 */
export function isAvailable(user: Person, start: number, end: number, zone: string): AvailabilityVerdict {
  const [off] = timeOffOverlapping(user, start, end);
  if (off) {
    const why = off.reason ? ` (${off.reason})` : '';
    return { available: false, kind: 'time_off', timeOff: off, message: `${user.firstName} is off then${why}.` };
  }
  const covered = hoursWithin(user, start, end, zone).some((span) => span.start <= start && span.end >= end);
  if (covered) return { available: true };
  const day = zoneDay(start, zone);
  const label = hoursLabel(user, day, zone);
  const message =
    label === undefined || label === OFF_TODAY || label.startsWith('until')
      ? `${user.firstName} does not work on ${WEEKDAY_NAMES[weekdayOf(day)]}.`
      : `That is outside ${user.firstName}'s hours (${label}).`;
  return { available: false, kind: 'outside_hours', message };
}

export const OFF_TODAY = 'off today';

/**
 * What the lane header says for `isoDay`: the hours that begin that day ("8:00 AM–5:00 PM", split shifts
 * joined by commas), "until 6:00 AM" for a day that only holds the end of last night's shift, "off today"
 * when no working time is left (no hours that day, or all of it taken by time off), and nothing for a
 * technician with no weekly hours who is not off.
 */
export function hoursLabel(user: Person, isoDay: string, zone: string): string | undefined {
  if (!user.availability) return undefined;
  const day = zoneDayBounds(isoDay, zone);
  if (workingSpans(user, day.start, day.end, zone).length === 0) return OFF_TODAY;
  if (!hasWeeklyHours(user)) return undefined;
  const weekday = weekdayOf(isoDay);
  const today = user.availability.weekly
    .filter((hours) => hours.weekday === weekday)
    .sort((a, b) => (parseClock(a.start) ?? 0) - (parseClock(b.start) ?? 0));
  if (today.length > 0) return today.map((hours) => `${formatClock(hours.start)}–${formatClock(hours.end)}`).join(', ');
  const spill = user.availability.weekly.find(
    (hours) => hours.weekday === (weekday + 6) % 7 && (parseClock(hours.end) ?? 0) < (parseClock(hours.start) ?? 0),
  );
  return spill ? `until ${formatClock(spill.end)}` : OFF_TODAY;
}

/** Whole office days off, first to last inclusive: from the first day's midnight to the one after the last. */
export function wholeDaysOff(firstDay: string, lastDay: string, zone: string, reason?: string): TimeOff {
  const off: TimeOff = { start: startOfZoneDay(firstDay, zone), end: startOfZoneDay(addDays(lastDay, 1), zone) };
  return reason ? { ...off, reason } : off;
}
