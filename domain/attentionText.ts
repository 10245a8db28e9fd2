import { addDays, wallClock, zoneDay, zoneDayBounds } from './zone';

/**
 * How the attention rules write a time in their sentences: on the office's clock (the organization's zone),
 * in the console's 12-hour style, with the day named only when it is not today ("yesterday at 3:00 PM",
 * "Mon, Nov 30, 3:00 PM"). The sentence is fixed when the item appears; how long ago it was is the panel's
 * business, so the text does not change every minute.
 *
 * One `OfficeWords` serves one evaluation: the days around `now` are cut once, so naming a day is a
 * comparison and only the time itself asks `Intl` (the console may word a few thousand items per tick).
 */
export class OfficeWords {
  private readonly yesterday: { start: number; end: number };
  readonly today: { start: number; end: number };
  private readonly tomorrow: { start: number; end: number };
  private readonly clocks = new Map<number, string>();

  constructor(
    now: number,
    private readonly timeZone: string,
  ) {
    const day = zoneDay(now, timeZone);
    this.today = zoneDayBounds(day, timeZone);
    this.yesterday = { start: zoneDayBounds(addDays(day, -1), timeZone).start, end: this.today.start };
    this.tomorrow = { start: this.today.end, end: zoneDayBounds(addDays(day, 1), timeZone).end };
  }

  /** "9:00 AM" on the office clock. Visits share their slots (9:00, 9:30…): each is asked of `Intl` once. */
  clock(instant: number): string {
    let text = this.clocks.get(instant);
    if (text === undefined) {
      const { hour, minute } = wallClock(instant, this.timeZone);
      text = `${hour % 12 === 0 ? 12 : hour % 12}:${String(minute).padStart(2, '0')} ${hour < 12 ? 'AM' : 'PM'}`;
      this.clocks.set(instant, text);
    }
    return text;
  }

  /** "today", "yesterday", "tomorrow" or "Mon, Nov 30". */
  day(instant: number): string {
    if (within(instant, this.today)) return 'today';
    if (within(instant, this.yesterday)) return 'yesterday';
    if (within(instant, this.tomorrow)) return 'tomorrow';
    return dayFormat(this.timeZone).format(instant);
  }

  /** "at 9:00 AM" today, "yesterday at 3:00 PM", "Mon, Nov 30 at 3:00 PM". */
  at(instant: number): string {
    const day = this.day(instant);
    const time = this.clock(instant);
    return day === 'today' ? `at ${time}` : `${day} at ${time}`;
  }

  /** "9:00 AM" today, else "yesterday 3:00 PM" or "Mon, Nov 30, 3:00 PM". */
  moment(instant: number): string {
    const day = this.day(instant);
    const time = this.clock(instant);
    if (day === 'today') return time;
    return isRelative(day) ? `${day} ${time}` : `${day}, ${time}`;
  }

  /** "1:00–5:00 PM" (one AM/PM when both ends share it), "11:00 AM–1:00 PM" otherwise. */
  range(start: number, end: number): string {
    const from = this.clock(start);
    const to = this.clock(end);
    if (from.slice(-2) === to.slice(-2) && end - start < 12 * 3_600_000) return `${from.slice(0, -3)}–${to}`;
    return `${from}–${to}`;
  }

  /** " yesterday", " on Mon, Nov 30" after a range that is not today's; today is `todayWord` (or nothing). */
  dayNote(instant: number, todayWord?: string): string {
    const day = this.day(instant);
    if (day === 'today') return todayWord ? ` ${todayWord}` : '';
    return isRelative(day) ? ` ${day}` : ` on ${day}`;
  }
}

const within = (instant: number, bounds: { start: number; end: number }) =>
  instant >= bounds.start && instant < bounds.end;

const isRelative = (day: string) => day === 'yesterday' || day === 'tomorrow';

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric' });
    dayFormats.set(timeZone, format);
  }
  return format;
}
