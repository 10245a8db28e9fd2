import {
  addDays,
  formatClock,
  instantAt,
  normalizeSkills,
  parseIsoDay,
  SERVICE_TYPES,
  skillKey,
  startOfZoneDay,
  wallClock,
  weekdayOf,
  zoneDay,
  type Availability,
  type TimeOff,
  type User,
  type WeeklyHours,
} from '../../domain';

/**
 * The technician panel's form and how it maps to and from a user's availability and skills. Dates and
 * times typed in the panel are read on the office's clock (its zone is passed in), never the machine's.
 */

/** Monday first, as a work week reads; values are `WeeklyHours.weekday` (0 = Sunday). */
export const WEEK: { weekday: number; name: string }[] = [
  { weekday: 1, name: 'Monday' },
  { weekday: 2, name: 'Tuesday' },
  { weekday: 3, name: 'Wednesday' },
  { weekday: 4, name: 'Thursday' },
  { weekday: 5, name: 'Friday' },
  { weekday: 6, name: 'Saturday' },
  { weekday: 0, name: 'Sunday' },
];

export const DEFAULT_SPAN = { start: '08:00', end: '17:00' };

export interface TechnicianForm {
  /** Working spans per weekday (index 0 = Sunday). */
  week: { start: string; end: string }[][];
  timeOff: TimeOff[];
  serviceTypes: string[];
  tags: string[];
}

const KNOWN_TYPES = new Set(SERVICE_TYPES.map((type) => type.id));

export function formOf(user: Pick<User, 'availability' | 'skills'>): TechnicianForm {
  const week: TechnicianForm['week'] = [[], [], [], [], [], [], []];
  for (const hours of user.availability?.weekly ?? [])
    week[hours.weekday]?.push({ start: hours.start, end: hours.end });
  for (const spans of week) spans.sort((a, b) => a.start.localeCompare(b.start));
  const skills = user.skills ?? [];
  return {
    week,
    timeOff: [...(user.availability?.timeOff ?? [])].sort((a, b) => a.start - b.start),
    serviceTypes: skills.filter((skill) => KNOWN_TYPES.has(skillKey(skill))).map(skillKey),
    tags: skills.filter((skill) => !KNOWN_TYPES.has(skillKey(skill))),
  };
}

/** The first fault of the weekly hours in words, or undefined when every span is a valid one. */
export function weekProblem(form: TechnicianForm): string | undefined {
  for (const { weekday, name } of WEEK) {
    for (const span of form.week[weekday]) {
      if (!/^\d{2}:\d{2}$/.test(span.start) || !/^\d{2}:\d{2}$/.test(span.end))
        return `${name}: enter a start and an end time.`;
      if (span.start === span.end) return `${name}: the hours end when they start.`;
    }
  }
  return undefined;
}

export function availabilityOf(form: TechnicianForm): Availability {
  const weekly: WeeklyHours[] = [];
  for (const { weekday } of WEEK) {
    for (const span of form.week[weekday]) {
      // A time field cannot say 24:00: an end of midnight after a start means the end of the day.
      weekly.push({ weekday, start: span.start, end: span.end === '00:00' ? '24:00' : span.end });
    }
  }
  return { weekly, timeOff: form.timeOff };
}

export function skillsOf(form: TechnicianForm): string[] {
  return normalizeSkills([...form.serviceTypes, ...form.tags]);
}

/** 'YYYY-MM-DDTHH:MM' (a datetime-local field) as an instant on the office's clock; undefined when incomplete. */
export function instantOfLocal(value: string, zone: string): number | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return undefined;
  return instantAt(parseIsoDay(match[1]), zone, Number(match[2]), Number(match[3]));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function dayText(isoDay: string): string {
  const { month, day } = parseIsoDay(isoDay);
  return `${DAYS[weekdayOf(isoDay)]}, ${MONTHS[month - 1]} ${day}`;
}

function clockText(instant: number, zone: string): string {
  const wall = wallClock(instant, zone);
  return formatClock(`${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`);
}

/** "Mon, Dec 7 – Wed, Dec 9" for whole days, "Sat, Dec 5, 11:00 AM–12:30 PM" for a span, on the office clock. */
export function timeOffText(off: TimeOff, zone: string): string {
  const firstDay = zoneDay(off.start, zone);
  const endDay = zoneDay(off.end, zone);
  const wholeDays = startOfZoneDay(firstDay, zone) === off.start && startOfZoneDay(endDay, zone) === off.end;
  if (wholeDays) {
    const lastDay = addDays(endDay, -1);
    return lastDay === firstDay ? dayText(firstDay) : `${dayText(firstDay)} – ${dayText(lastDay)}`;
  }
  const from = `${dayText(firstDay)}, ${clockText(off.start, zone)}`;
  return endDay === firstDay
    ? `${from}–${clockText(off.end, zone)}`
    : `${from} – ${dayText(endDay)}, ${clockText(off.end, zone)}`;
}
