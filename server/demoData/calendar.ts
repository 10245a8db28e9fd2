import { instantAt, wallClock } from '../../domain/zone';

/** The demo's metro area (Austin, TX) and so the zone its working day is laid out in. */
export const DEMO_TIME_ZONE = 'America/Chicago';

const MINUTE = 60_000;

/**
 * Wall-clock times relative to "today" in the demo's time zone, so the board looks alive whatever day
 * the demo is loaded on. Everything that already happened is placed before `now`: the pipeline would
 * clamp a future `occurredAt` to now and the history would read out of order.
 */
export class DemoCalendar {
  private readonly today: { year: number; month: number; day: number };

  constructor(
    readonly now: number,
    readonly timeZone = DEMO_TIME_ZONE,
  ) {
    const wall = wallClock(now, timeZone);
    this.today = { year: wall.year, month: wall.month, day: wall.day };
  }

  /** `hour:minute` local time, `dayOffset` days from today (negative: in the past). */
  at(dayOffset: number, hour: number, minute = 0): number {
    const { year, month, day } = this.today;
    // Date.UTC rolls day overflow into the next month, so offsets need no calendar arithmetic here.
    const date = new Date(Date.UTC(year, month - 1, day + dayOffset));
    const target = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
    return instantAt(target, this.timeZone, hour, minute);
  }

  ago(minutes: number): number {
    return this.now - minutes * MINUTE;
  }

  /**
   * Today's half hour nearest to `now + shiftMinutes`, kept inside working hours: where a visit that is
   * under way right now sits on the board.
   */
  slotNear(shiftMinutes: number, earliestHour: number, latestHour: number): number {
    const half = 30 * MINUTE;
    const rounded = Math.round((this.now + shiftMinutes * MINUTE) / half) * half;
    return Math.min(Math.max(rounded, this.at(0, earliestHour)), this.at(0, latestHour));
  }
}
