import dayjs from 'dayjs';
import type { TimeWindow } from '../../domain';

/**
 * The console's one way of writing a date, a time, a duration or a relative day, used by every view.
 *
 * Times are 12-hour with AM/PM, as a US field-service dispatcher reads them ("9:00 AM"); days are English
 * ("Tue, Mar 3"). Both are fixed rather than taken from the browser's locale, so two screens (or two
 * dispatchers) never show the same appointment two ways. Day arithmetic goes through dayjs, which moves by
 * calendar days in local time: a daylight-saving day has 23 or 25 hours, and "tomorrow" is still the next
 * date, never "now + 24 h".
 */

// ---- Time of day. Built by hand rather than with dayjs: the board calls these for every block it draws.

function meridiem(hours: number): 'AM' | 'PM' {
  return hours < 12 ? 'AM' : 'PM';
}

function hour12(hours: number): number {
  return hours % 12 === 0 ? 12 : hours % 12;
}

function hourAndMinute(date: Date): string {
  const minutes = date.getMinutes();
  return `${hour12(date.getHours())}:${minutes < 10 ? '0' : ''}${minutes}`;
}

/** "9:00 AM", "12:30 PM", in local time. */
export function clockTime(at: number): string {
  const date = new Date(at);
  return `${hourAndMinute(date)} ${meridiem(date.getHours())}`;
}

/** "9:00–11:00 AM" when both ends share AM or PM, else "11:30 AM–1:00 PM": compact enough for a block. */
export function clockRange(start: number, end: number): string {
  const from = new Date(start);
  const to = new Date(end);
  const sameHalf = meridiem(from.getHours()) === meridiem(to.getHours()) && end - start < 12 * 3_600_000;
  return sameHalf ? `${hourAndMinute(from)}–${clockTime(end)}` : `${clockTime(start)}–${clockTime(end)}`;
}

/** An hour mark on the board's axis: "9 AM", "12 PM"; 0 and 24 are midnight, "12 AM". */
export function hourLabel(hour: number): string {
  const hours = hour % 24;
  return `${hour12(hours)} ${meridiem(hours)}`;
}

// ---- Days.

const DAY = 'ddd, MMM D';
const DAY_WITH_YEAR = 'ddd, MMM D, YYYY';

/** A local day as 'YYYY-MM-DD', the board's date (from an instant, a Date or a date picker's text). */
export function isoDay(at: number | Date | string = Date.now()): string {
  return dayjs(at).format('YYYY-MM-DD');
}

/** Moves a 'YYYY-MM-DD' day by whole calendar days (a daylight-saving day stays one day). */
export function shiftIsoDate(iso: string, days: number): string {
  return dayjs(iso).add(days, 'day').format('YYYY-MM-DD');
}

/** "Today", "Tomorrow", "Yesterday", else "Tue, Mar 3" (with the year when it is not this year's). */
export function formatDay(at: number, now = Date.now()): string {
  const day = dayjs(at);
  const today = dayjs(now);
  if (day.isSame(today, 'day')) return 'Today';
  if (day.isSame(today.add(1, 'day'), 'day')) return 'Tomorrow';
  if (day.isSame(today.subtract(1, 'day'), 'day')) return 'Yesterday';
  return day.format(day.isSame(today, 'year') ? DAY : DAY_WITH_YEAR);
}

/** "Today 9:00 AM", "Tue, Mar 3, 9:00 AM": a moment, with the day in a dispatcher's words. */
export function formatMoment(at: number, now = Date.now()): string {
  const day = formatDay(at, now);
  return RELATIVE_DAYS.has(day) ? `${day} ${clockTime(at)}` : `${day}, ${clockTime(at)}`;
}

const RELATIVE_DAYS = new Set(['Today', 'Tomorrow', 'Yesterday']);

/** "Tue, Mar 3 · 9:00–11:00 AM" (as the board's blocks say it), or across days when it runs past midnight. */
export function formatRange(start: number, end: number, now = Date.now()): string {
  if (dayjs(start).isSame(end, 'day')) return `${formatDay(start, now)} · ${clockRange(start, end)}`;
  return `${formatMoment(start, now)} – ${formatMoment(end, now)}`;
}

/** "Fri, Nov 27, 10:00 AM–12:00 PM": the absolute day, for places where the day is not obvious. */
export function dayAndTime(start: number, end: number): string {
  return `${dayjs(start).format(DAY)}, ${clockRange(start, end)}`;
}

/** A customer's suggested time window, e.g. "Fri, Nov 27, 8:00 AM–12:00 PM". */
export function windowLabel(window: TimeWindow): string {
  if (dayjs(window.start).isSame(window.end, 'day')) return dayAndTime(window.start, window.end);
  return `${dayjs(window.start).format(DAY)}, ${clockTime(window.start)} – ${dayjs(window.end).format(DAY)}, ${clockTime(window.end)}`;
}

/** A calendar date, the year only when it is not this one: "Mar 3", "Mar 3, 2025". */
export function formatDate(at: number, now = Date.now()): string {
  return dayjs(at).format(dayjs(at).isSame(now, 'year') ? 'MMM D' : 'MMM D, YYYY');
}

/** A whole day written out: "Tuesday, March 3, 2026" (a 'YYYY-MM-DD' day or an instant). */
export function longDate(day: string | number): string {
  return dayjs(day).format('dddd, MMMM D, YYYY');
}

/** The exact moment, for tooltips: "Tuesday, March 3, 2026, 9:00 AM". */
export function formatFull(at: number): string {
  return `${longDate(at)}, ${clockTime(at)}`;
}

/** A day's heading on the board's axis: "Tue 3" when narrow, else "Tuesday, March 3". */
export function axisDay(midnight: number, narrow: boolean): string {
  return dayjs(midnight).format(narrow ? 'ddd D' : 'dddd, MMMM D');
}

/** "just now", "12 min ago", else the time of day: how long since something happened (a sync). */
export function formatAgo(at: number | null, now = Date.now()): string {
  if (!at) return 'never';
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  return clockTime(at);
}

// ---- Date-and-time pickers (Mantine's DateTimePicker speaks local 'YYYY-MM-DD HH:mm:ss' text).

/** How a picker shows its moment: "Tue, Mar 3, 2026 9:00 AM", the console's 12-hour clock. */
export const PICKER_DISPLAY = 'ddd, MMM D, YYYY h:mm A';

/** A moment as a picker's value. */
export function pickerValue(at: number): string {
  return dayjs(at).format('YYYY-MM-DD HH:mm:ss');
}

/** The next whole hour of the wall clock after `at` (9:00 for 8:00 to 8:59): a first guess for a start. */
export function nextWholeHour(at: number): number {
  return dayjs(at).add(1, 'hour').startOf('hour').valueOf();
}

/** A picker's value as a moment (local time). */
export function pickerInstant(value: string): number {
  return dayjs(value).valueOf();
}

// ---- Durations.

/** "45 min", "2 h", "1 h 30 min". */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (!hours) return `${rest} min`;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}
