import { addDays, instantAt, parseIsoDay, zoneDayBounds } from '../../domain';

/**
 * The board's time axis: each day of the range shows only its working hours, side by side, so a
 * dispatcher's day fills the screen. Days are the office's (the organization's time zone, whatever the
 * machine's), cut from local midnight to local midnight: a daylight-saving day is 23 or 25 hours, and its
 * working hours are as long as the wall clock says (7 AM–7 PM is 12 hours, or 11 or 13 when the clocks change
 * inside it), so every day is as wide as the time it holds. Within a day x = (t − workStart) × px/ms; times
 * outside working hours clamp to that day's edge, which keeps x monotonic in t (a sorted lane stays sorted
 * by x). Positions are instants and durations minutes: a 2-hour visit across a change is 2 hours wide.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const SNAP_MINUTES = 15;
export const SNAP_MS = SNAP_MINUTES * MINUTE_MS;
export const DEFAULT_DURATION_MINUTES = 120;
/** Width of the mark an appointment entirely outside working hours leaves at the day's edge. */
export const EDGE_MARK_PX = 8;

export interface WorkingHours {
  /** Hour of the office's wall clock the day begins, 0–23. */
  startHour: number;
  /** Hour of the office's wall clock the day ends, 1–24, after startHour. */
  endHour: number;
}

export interface DaySegment {
  /** The office's 'YYYY-MM-DD'. */
  date: string;
  midnight: number;
  nextMidnight: number;
  /** Working hours start and end, epoch ms. */
  start: number;
  end: number;
  /** Left edge of the day in px. */
  x: number;
  /** The day's working hours in px (wider on a 25-hour day whose extra hour is inside them). */
  width: number;
}

export interface TimeScale {
  days: DaySegment[];
  startHour: number;
  endHour: number;
  pxPerHour: number;
  pxPerMs: number;
  width: number;
  /** The whole days the board reads, [from, to): appointments outside working hours still show at the edge. */
  from: number;
  to: number;
}

/** When working hours begin and end on a day of the office: `endHour` 24 is the next midnight. */
export function workingBounds(date: string, hours: WorkingHours, timeZone: string): { start: number; end: number } {
  const day = parseIsoDay(date);
  return {
    start: instantAt(day, timeZone, hours.startHour),
    end: hours.endHour >= 24 ? zoneDayBounds(date, timeZone).end : instantAt(day, timeZone, hours.endHour),
  };
}

/** What the board reads for `range` days from `date`: the first day's midnight to the last one's next (buildScale's). */
export function boardWindow(date: string, range: number, timeZone: string): { from: number; to: number } {
  return { from: zoneDayBounds(date, timeZone).start, to: zoneDayBounds(addDays(date, range - 1), timeZone).end };
}

export function buildScale(
  date: string,
  range: number,
  hours: WorkingHours,
  pxPerHour: number,
  timeZone: string,
): TimeScale {
  const pxPerMs = pxPerHour / HOUR_MS;
  const days: DaySegment[] = [];
  let x = 0;
  for (let index = 0; index < range; index++) {
    const name = addDays(date, index);
    const { start: midnight, end: nextMidnight } = zoneDayBounds(name, timeZone);
    const { start, end } = workingBounds(name, hours, timeZone);
    const width = (end - start) * pxPerMs;
    days.push({ date: name, midnight, nextMidnight, start, end, x, width });
    x += width;
  }
  return {
    days,
    startHour: hours.startHour,
    endHour: hours.endHour,
    pxPerHour,
    pxPerMs,
    width: x,
    from: days[0].midnight,
    to: days[days.length - 1].nextMidnight,
  };
}

/** The day whose calendar date holds `time`, or undefined outside the range. */
export function dayOf(scale: TimeScale, time: number): DaySegment | undefined {
  return scale.days.find((day) => time >= day.midnight && time < day.nextMidnight);
}

export function timeToX(scale: TimeScale, time: number): number {
  if (time < scale.from) return 0;
  const day = dayOf(scale, time);
  if (!day) return scale.width;
  const clamped = Math.min(Math.max(time, day.start), day.end);
  return day.x + (clamped - day.start) * scale.pxPerMs;
}

/** The time under x, inside the working hours of the day x falls on. */
export function xToTime(scale: TimeScale, x: number): number {
  const day = scale.days.findLast((candidate) => x >= candidate.x) ?? scale.days[0];
  const within = Math.min(Math.max(x - day.x, 0), day.width);
  return day.start + within / scale.pxPerMs;
}

/** The hour marks of a day's axis, every `step` hours from the start of working hours: instants, so the hour a
 * fall-back night repeats is marked twice and the one a spring-forward night skips not at all. */
export function hourMarks(day: DaySegment, step: number): number[] {
  const marks: number[] = [];
  for (let at = day.start; at < day.end; at += step * HOUR_MS) marks.push(at);
  return marks;
}

/** Rounds to the nearest quarter hour of the working day that holds `time`, so a block starts on the grid. */
export function snapStart(scale: TimeScale, time: number): number {
  const day = dayOf(scale, time) ?? scale.days[0];
  const snapped = day.start + Math.round((time - day.start) / SNAP_MS) * SNAP_MS;
  return Math.min(Math.max(snapped, day.start), day.end - SNAP_MS);
}

export function snapMinutes(minutes: number): number {
  return Math.max(SNAP_MINUTES, Math.round(minutes / SNAP_MINUTES) * SNAP_MINUTES);
}

export interface BlockBox {
  left: number;
  width: number;
  /** Entirely outside working hours: drawn as a mark at the day's edge. */
  outside: boolean;
}

export function blockBox(scale: TimeScale, start: number, end: number): BlockBox {
  const left = timeToX(scale, start);
  const right = timeToX(scale, end);
  if (right - left >= 2) return { left, width: right - left, outside: false };
  const day = dayOf(scale, start);
  const afterHours = day ? start >= day.end : start >= scale.to;
  return { left: afterHours ? Math.max(0, left - EDGE_MARK_PX) : left, width: EDGE_MARK_PX, outside: true };
}

/** The index of the first element whose key is ≥ value in an ascending array (binary search). */
export function lowerBound<T>(items: readonly T[], value: number, key: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (key(items[middle]) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Hour marks to label in the header: every hour when there is room, otherwise every 2, 3, 4, 6 or 12. */
export function hourStep(pxPerHour: number): number {
  return [1, 2, 3, 4, 6, 12].find((step) => step * pxPerHour >= 44) ?? 12;
}

/** Pixels per hour at zoom 1: the range's working hours (as an ordinary day counts them) fill the visible width. */
export function fitPxPerHour(viewportWidth: number, range: number, hours: WorkingHours): number {
  return Math.max(8, viewportWidth / (range * (hours.endHour - hours.startHour)));
}
