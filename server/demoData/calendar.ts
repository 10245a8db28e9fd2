import { addDays, instantAt, parseIsoDay, zoneDay } from '../../domain/zone';

/** The demo's metro area (Austin, TX) and so the zone its working day is laid out in. */
export const DEMO_TIME_ZONE = 'America/Chicago';

const MINUTE = 60_000;

/**
 * Wall-clock times relative to "today" in the demo's time zone, so the board looks alive whatever day
 * the demo is loaded on. `now` is the office clock at start-up (the server's clock: `DISPATCH_DEMO_NOW`
 * sets it for tests). Everything that already happened is placed before `now`: the pipeline would clamp a
 * future `occurredAt` to now and the history would read out of order.
 */
export class DemoCalendar {
  /** Today on the office's clock, 'YYYY-MM-DD'. */
  readonly today: string;

  constructor(
    readonly now: number,
    readonly timeZone = DEMO_TIME_ZONE,
  ) {
    this.today = zoneDay(now, timeZone);
  }

  /** `hour:minute` local time, `dayOffset` days from today (negative: in the past). */
  at(dayOffset: number, hour: number, minute = 0): number {
    return instantAt(parseIsoDay(addDays(this.today, dayOffset)), this.timeZone, hour, minute);
  }

  ago(minutes: number): number {
    return this.now - minutes * MINUTE;
  }
}
