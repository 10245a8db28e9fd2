import { addDays, instantAt, parseIsoDay, weekdayOf, type TimeWindow } from '../../domain';
import { officeZone, wallAt, type OfficeWall } from './officeClock';

/**
 * The console's one way of writing a date, a time, a duration or a relative day, used by every view.
 *
 * Every time is read on the office clock (`officeClock.ts`: the organization's time zone), never the
 * machine's: a dispatcher working from Kolkata sees the Austin office's 9:00 AM as 9:00 AM. Times are
 * 12-hour with AM/PM, as a US field-service dispatcher reads them ("9:00 AM"); days are English
 * ("Tue, Mar 3"). Both are fixed rather than taken from the browser's locale, so two screens (or two
 * dispatchers) never show the same appointment two ways. Days are named 'YYYY-MM-DD' and moved by calendar
 * days (`domain/zone`): a daylight-saving day has 23 or 25 hours, and "tomorrow" is the next date, never
 * "now + 24 h". Built by hand on the cached wall clock rather than with Intl or dayjs: the board calls these
 * for every block it draws.
 */

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const short = (name: string) => name.slice(0, 3);
const two = (value: number) => (value < 10 ? `0${value}` : String(value));

// ---- Time of day.

function meridiem(hours: number): 'AM' | 'PM' {
  return hours < 12 ? 'AM' : 'PM';
}

function hour12(hours: number): number {
  return hours % 12 === 0 ? 12 : hours % 12;
}

function hourAndMinute(wall: OfficeWall): string {
  return `${hour12(wall.hour)}:${two(wall.minute)}`;
}

/** "9:00 AM", "12:30 PM", on the office clock (or in `timeZone`, e.g. a job site's). */
export function clockTime(at: number, timeZone = officeZone()): string {
  const wall = wallAt(at, timeZone);
  return `${hourAndMinute(wall)} ${meridiem(wall.hour)}`;
}

/** "9:00–11:00 AM" when both ends share AM or PM, else "11:30 AM–1:00 PM": compact enough for a block. */
export function clockRange(start: number, end: number, timeZone = officeZone()): string {
  const from = wallAt(start, timeZone);
  const to = wallAt(end, timeZone);
  const sameHalf = meridiem(from.hour) === meridiem(to.hour) && end - start < 12 * 3_600_000;
  return sameHalf
    ? `${hourAndMinute(from)}–${clockTime(end, timeZone)}`
    : `${clockTime(start, timeZone)}–${clockTime(end, timeZone)}`;
}

/** An hour mark: "9 AM", "12 PM"; 0 and 24 are midnight, "12 AM". */
export function hourLabel(hour: number): string {
  const hours = hour % 24;
  return `${hour12(hours)} ${meridiem(hours)}`;
}

/** The hour mark of an instant on the office clock: the board's axis, where a fall-back day shows 1 AM twice. */
export function clockHour(at: number): string {
  return hourLabel(wallAt(at).hour);
}

/** Whether `siteZone` (a job site's IANA zone) reads another time than the office's clock at `at`. */
function siteDiffers(at: number, siteZone: string | undefined): siteZone is string {
  if (!siteZone || siteZone === officeZone()) return false;
  try {
    return wallAt(at, siteZone).hour !== wallAt(at).hour || wallAt(at, siteZone).minute !== wallAt(at).minute;
  } catch {
    // Not a zone this runtime knows: the office's time is all that can be said.
    return false;
  }
}

/** "11:00 AM at site" when the job's site keeps another clock than the office, else undefined. */
export function siteTime(at: number, siteZone: string | undefined): string | undefined {
  return siteDiffers(at, siteZone) ? `${clockTime(at, siteZone)} at site` : undefined;
}

/** "10:00 AM–12:00 PM at site" for a visit at a site in another zone, else undefined. */
export function siteRange(start: number, end: number, siteZone: string | undefined): string | undefined {
  return siteDiffers(start, siteZone) ? `${clockRange(start, end, siteZone)} at site` : undefined;
}

/** "10:00 AM · 11:00 AM at site": the office's time, and the site's when it differs. */
export function clockTimeWithSite(at: number, siteZone: string | undefined): string {
  const site = siteTime(at, siteZone);
  return site ? `${clockTime(at)} · ${site}` : clockTime(at);
}

// ---- Days.

function dayText(wall: Pick<OfficeWall, 'year' | 'month' | 'day' | 'weekday'>, withYear: boolean): string {
  const text = `${short(WEEKDAYS[wall.weekday])}, ${short(MONTHS[wall.month - 1])} ${wall.day}`;
  return withYear ? `${text}, ${wall.year}` : text;
}

/** A day's parts from 'YYYY-MM-DD' (its weekday by the calendar) or from an instant (on the office clock). */
function dayParts(day: string | number): Pick<OfficeWall, 'year' | 'month' | 'day' | 'weekday'> {
  if (typeof day === 'number') return wallAt(day);
  return { ...parseIsoDay(day.slice(0, 10)), weekday: weekdayOf(day.slice(0, 10)) };
}

/**
 * The office's day as 'YYYY-MM-DD', the board's date: of an instant (now unless told), or the day a date
 * picker's text names ('YYYY-MM-DD…', taken as written).
 */
export function isoDay(at: number | string = Date.now()): string {
  if (typeof at === 'string') return at.slice(0, 10);
  const wall = wallAt(at);
  return `${wall.year}-${two(wall.month)}-${two(wall.day)}`;
}

/** Moves a 'YYYY-MM-DD' day by whole calendar days (a daylight-saving day stays one day). */
export function shiftIsoDate(iso: string, days: number): string {
  return addDays(iso, days);
}

/** "Today", "Tomorrow", "Yesterday", else "Tue, Mar 3" (with the year when it is not this year's). */
export function formatDay(at: number, now = Date.now()): string {
  const day = isoDay(at);
  const today = isoDay(now);
  if (day === today) return 'Today';
  if (day === addDays(today, 1)) return 'Tomorrow';
  if (day === addDays(today, -1)) return 'Yesterday';
  return dayText(wallAt(at), day.slice(0, 4) !== today.slice(0, 4));
}

/** "Today 9:00 AM", "Tue, Mar 3, 9:00 AM": a moment, with the day in a dispatcher's words. */
export function formatMoment(at: number, now = Date.now()): string {
  const day = formatDay(at, now);
  return RELATIVE_DAYS.has(day) ? `${day} ${clockTime(at)}` : `${day}, ${clockTime(at)}`;
}

const RELATIVE_DAYS = new Set(['Today', 'Tomorrow', 'Yesterday']);

/** "Tue, Mar 3 · 9:00–11:00 AM" (as the board's blocks say it), or across days when it runs past midnight. */
export function formatRange(start: number, end: number, now = Date.now()): string {
  if (isoDay(start) === isoDay(end)) return `${formatDay(start, now)} · ${clockRange(start, end)}`;
  return `${formatMoment(start, now)} – ${formatMoment(end, now)}`;
}

/** "Fri, Nov 27, 10:00 AM–12:00 PM": the absolute day, for places where the day is not obvious. */
export function dayAndTime(start: number, end: number): string {
  return `${dayText(wallAt(start), false)}, ${clockRange(start, end)}`;
}

/** A customer's suggested time window, e.g. "Fri, Nov 27, 8:00 AM–12:00 PM". */
export function windowLabel(window: TimeWindow): string {
  if (isoDay(window.start) === isoDay(window.end)) return dayAndTime(window.start, window.end);
  const from = `${dayText(wallAt(window.start), false)}, ${clockTime(window.start)}`;
  return `${from} – ${dayText(wallAt(window.end), false)}, ${clockTime(window.end)}`;
}

/** A calendar date, the year only when it is not this one: "Mar 3", "Mar 3, 2025". */
export function formatDate(at: number, now = Date.now()): string {
  const wall = wallAt(at);
  const text = `${short(MONTHS[wall.month - 1])} ${wall.day}`;
  return wall.year === wallAt(now).year ? text : `${text}, ${wall.year}`;
}

/** A whole day written out: "Tuesday, March 3, 2026" (a 'YYYY-MM-DD' day or an instant). */
export function longDate(day: string | number): string {
  const parts = dayParts(day);
  return `${WEEKDAYS[parts.weekday]}, ${MONTHS[parts.month - 1]} ${parts.day}, ${parts.year}`;
}

/** The exact moment, for tooltips: "Tuesday, March 3, 2026, 9:00 AM". */
export function formatFull(at: number): string {
  return `${longDate(at)}, ${clockTime(at)}`;
}

/** A day's heading on the board's axis: "Tue 3" when narrow, else "Tuesday, March 3". */
export function axisDay(day: string | number, narrow: boolean): string {
  const parts = dayParts(day);
  return narrow
    ? `${short(WEEKDAYS[parts.weekday])} ${parts.day}`
    : `${WEEKDAYS[parts.weekday]}, ${MONTHS[parts.month - 1]} ${parts.day}`;
}

/** "just now", "12 min ago", else the time of day: how long since something happened (a sync). */
export function formatAgo(at: number | null, now = Date.now()): string {
  if (!at) return 'never';
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  return clockTime(at);
}

// ---- Date-and-time pickers (Mantine's DateTimePicker speaks wall-clock 'YYYY-MM-DD HH:mm:ss' text, which
// the console reads on the office clock: the picker shows the office's time whatever the machine's zone).

/** How a picker shows its moment: "Tue, Mar 3, 2026 9:00 AM", the console's 12-hour clock. */
export const PICKER_DISPLAY = 'ddd, MMM D, YYYY h:mm A';

/** A moment as a picker's value, on the office clock. */
export function pickerValue(at: number): string {
  const wall = wallAt(at);
  return `${isoDay(at)} ${two(wall.hour)}:${two(wall.minute)}:${two(wall.second)}`;
}

/** The next whole hour of the office's wall clock after `at` (9:00 for 8:00 to 8:59): a first guess for a start. */
export function nextWholeHour(at: number): number {
  const wall = wallAt(at);
  return at - (wall.minute * 60 + wall.second) * 1000 - (((at % 1000) + 1000) % 1000) + 3_600_000;
}

const PICKER_TEXT = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/;

/** A picker's value as a moment on the office clock; NaN for text that is not one. */
export function pickerInstant(value: string): number {
  const match = PICKER_TEXT.exec(value);
  if (!match) return Number.NaN;
  const at = instantAt(parseIsoDay(match[1]), officeZone(), Number(match[2]), Number(match[3]));
  return at + Number(match[4] ?? 0) * 1000;
}

// ---- Durations.

/** "45 min", "2 h", "1 h 30 min". */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (!hours) return `${rest} min`;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}
