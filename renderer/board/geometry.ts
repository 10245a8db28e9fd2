import dayjs from 'dayjs';

/**
 * The board's time axis: each day of the range shows only its working hours, side by side, so a
 * dispatcher's day fills the screen. Within a day x = (t − workStart) × px/ms; times outside working
 * hours clamp to that day's edge, which keeps x monotonic in t (a sorted lane stays sorted by x).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const SNAP_MINUTES = 15;
export const SNAP_MS = SNAP_MINUTES * MINUTE_MS;
export const DEFAULT_DURATION_MINUTES = 120;
/** Width of the mark an appointment entirely outside working hours leaves at the day's edge. */
export const EDGE_MARK_PX = 8;

export interface WorkingHours {
  /** Local hour the day begins, 0–23. */
  startHour: number;
  /** Local hour the day ends, 1–24, after startHour. */
  endHour: number;
}

export interface DaySegment {
  /** Local 'YYYY-MM-DD'. */
  date: string;
  midnight: number;
  nextMidnight: number;
  /** Working hours start and end, epoch ms. */
  start: number;
  end: number;
  /** Left edge of the day in px. */
  x: number;
}

export interface TimeScale {
  days: DaySegment[];
  startHour: number;
  endHour: number;
  pxPerHour: number;
  pxPerMs: number;
  dayWidth: number;
  width: number;
  /** The whole days the board reads, [from, to): appointments outside working hours still show at the edge. */
  from: number;
  to: number;
}

export function buildScale(date: string, range: number, hours: WorkingHours, pxPerHour: number): TimeScale {
  const first = dayjs(date).startOf('day');
  const dayWidth = (hours.endHour - hours.startHour) * pxPerHour;
  const days: DaySegment[] = [];
  for (let index = 0; index < range; index++) {
    const midnight = first.add(index, 'day');
    days.push({
      date: midnight.format('YYYY-MM-DD'),
      midnight: midnight.valueOf(),
      nextMidnight: midnight.add(1, 'day').valueOf(),
      // hour() sets the wall clock (right across a DST change); hour(24) rolls over to the next midnight.
      start: midnight.hour(hours.startHour).valueOf(),
      end: midnight.hour(hours.endHour).valueOf(),
      x: index * dayWidth,
    });
  }
  return {
    days,
    startHour: hours.startHour,
    endHour: hours.endHour,
    pxPerHour,
    pxPerMs: pxPerHour / HOUR_MS,
    dayWidth,
    width: dayWidth * range,
    from: first.valueOf(),
    to: first.add(range, 'day').valueOf(),
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
  const index = Math.min(Math.max(Math.floor(x / scale.dayWidth), 0), scale.days.length - 1);
  const day = scale.days[index];
  const within = Math.min(Math.max(x - day.x, 0), scale.dayWidth);
  return day.start + within / scale.pxPerMs;
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

/** Pixels per hour at zoom 1: the range's working hours fill the visible width. */
export function fitPxPerHour(viewportWidth: number, range: number, hours: WorkingHours): number {
  return Math.max(8, viewportWidth / (range * (hours.endHour - hours.startHour)));
}
