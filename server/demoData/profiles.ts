import { addDays, weekdayOf, wholeDaysOff, zoneDay, type Availability, type WeeklyHours } from '../../domain';
import type { DemoCalendar } from './calendar';

/**
 * What CoolAir's technicians can do and when they work. Like the rest of the demo, the week is laid out
 * around the day it is loaded: everyone with visits today works today, days off fall later in the week,
 * Megan has a dentist appointment at midday and Ravi leaves early today and takes the day after
 * tomorrow off, so the board shows shading, an "off today" lane and hours that differ from lane to lane,
 * on any day of the week.
 */
export interface DemoProfile {
  availability: Availability;
  skills: string[];
}

interface Pattern {
  start: string;
  end: string;
  /** Days off, counted from today (3 = three days from now): everyone keeps a two-day weekend. */
  daysOff: [number, number];
  skills: string[];
}

const PATTERNS: Record<string, Pattern> = {
  'u-tech1': { start: '08:00', end: '18:00', daysOff: [3, 4], skills: ['hvac', 'electrical', 'EPA 608'] },
  'u-tech2': { start: '08:00', end: '18:00', daysOff: [4, 5], skills: ['hvac', 'appliance', 'plumbing', 'EPA 608'] },
  'u-tech3': { start: '07:00', end: '16:00', daysOff: [3, 4], skills: ['hvac', 'EPA 608', 'Heat pumps'] },
  'u-tech4': { start: '08:30', end: '17:00', daysOff: [5, 6], skills: ['hvac', 'appliance'] },
  'u-tech5': { start: '08:00', end: '17:00', daysOff: [4, 5], skills: ['hvac', 'plumbing', 'electrical', 'appliance'] },
  'u-tech6': { start: '08:00', end: '17:00', daysOff: [5, 6], skills: ['hvac', 'appliance', 'EPA 608'] },
  'u-tech7': { start: '08:00', end: '17:00', daysOff: [3, 4], skills: ['hvac', 'plumbing', 'Backflow certified'] },
  'u-tech8': { start: '09:00', end: '19:00', daysOff: [5, 6], skills: ['hvac', 'plumbing', 'appliance'] },
  'u-other-tech1': { start: '08:00', end: '17:00', daysOff: [5, 6], skills: ['appliance', 'Sub-Zero certified'] },
};

export function demoProfiles(calendar: DemoCalendar): Map<string, DemoProfile> {
  const zone = calendar.timeZone;
  const today = zoneDay(calendar.at(0, 12), zone);
  const weekdayIn = (days: number) => weekdayOf(addDays(today, days));
  const profiles = new Map<string, DemoProfile>();
  for (const [userId, pattern] of Object.entries(PATTERNS)) {
    const off = new Set(pattern.daysOff.map(weekdayIn));
    const weekly: WeeklyHours[] = [0, 1, 2, 3, 4, 5, 6]
      .filter((weekday) => !off.has(weekday))
      .map((weekday) => ({ weekday, start: pattern.start, end: pattern.end }));
    profiles.set(userId, { availability: { weekly, timeOff: [] }, skills: pattern.skills });
  }
  profiles
    .get('u-tech6')!
    .availability.timeOff.push(
      { start: calendar.at(0, 14), end: calendar.at(0, 17), reason: 'Leaving early: family event' },
      wholeDaysOff(addDays(today, 2), addDays(today, 2), zone, 'Personal day'),
    );
  profiles.get('u-tech7')!.availability.timeOff.push({
    start: calendar.at(0, 11),
    end: calendar.at(0, 12, 30),
    reason: 'Dentist appointment',
  });
  // A week's vacation starting next week: shown when the dispatcher looks ahead.
  profiles
    .get('u-tech3')!
    .availability.timeOff.push(wholeDaysOff(addDays(today, 7), addDays(today, 11), zone, 'Vacation'));
  return profiles;
}
