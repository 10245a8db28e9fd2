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
    const asIfUtc = Date.UTC(year, month - 1, day + dayOffset, hour, minute);
    const first = asIfUtc - offsetOf(asIfUtc, this.timeZone);
    // Near a DST switch the offset at the guess and at the answer differ; the second pass settles it.
    return asIfUtc - offsetOf(first, this.timeZone);
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

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: number, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((candidate) => candidate.type === type)?.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

/** Local time minus UTC at `instant`, in milliseconds (−5 h or −6 h in Chicago). */
function offsetOf(instant: number, timeZone: string): number {
  const wall = wallClock(instant, timeZone);
  const asIfUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asIfUtc - Math.floor(instant / 1000) * 1000;
}
