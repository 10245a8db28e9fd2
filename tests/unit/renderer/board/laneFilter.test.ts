/** The board's lane filter (name, skill, tag) and its sorts (name, free time, next free slot). */
import { describe, expect, it } from 'vitest';
import { instantAt, type User } from '../../../../domain';
import { arrangeTechnicians, freeTime, matchesLaneFilter } from '../../../../renderer/board/laneFilter';

const CHICAGO = 'America/Chicago';
const HOUR = 3_600_000;
const at = (hour: number, minute = 0) => instantAt({ year: 2026, month: 7, day: 15 }, CHICAGO, hour, minute);
const DAY = { start: at(0), end: at(0) + 24 * HOUR };

const tech = (id: string, firstName: string, lastName: string, extra: Partial<User> = {}): User => ({
  id,
  organizationId: 'org',
  firstName,
  lastName,
  email: `${id}@example.test`,
  roles: ['technician'],
  version: 1,
  ...extra,
});
// 2026-07-15 is a Wednesday.
const nineToFive = { weekly: [{ weekday: 3, start: '09:00', end: '17:00' }], timeOff: [] };
const JAKE = tech('jake', 'Jake', 'Sullivan', { skills: ['hvac', 'EPA 608'], availability: nineToFive });
const AISHA = tech('aisha', 'Aisha', 'Johnson', { skills: ['appliance'] });
const MEGAN = tech('megan', 'Megan', "O'Neil", { skills: ['plumbing'], availability: nineToFive });

describe('the lane filter', () => {
  it.each([
    ['', true],
    ['jake', true],
    ['SULLIVAN', true],
    ['jake s', true],
    ['epa  608', true],
    ['hvac', true],
    ['HVAC', true],
    ['plumb', false],
  ])('"%s" matches Jake: %s', (query, expected) => {
    expect(matchesLaneFilter(JAKE, query)).toBe(expected);
  });

  it('finds a service type by its label too', () => {
    expect(matchesLaneFilter(AISHA, 'appliance repair')).toBe(true);
  });
});

describe('free time on a day', () => {
  it('is working time minus visits, counted from now once the day has begun', () => {
    const busy = [{ start: at(10), end: at(12) }];
    expect(freeTime(JAKE, DAY, busy, CHICAGO, at(6))).toEqual({ freeMs: 6 * HOUR, nextFree: at(9) });
    expect(freeTime(JAKE, DAY, busy, CHICAGO, at(11))).toEqual({ freeMs: 5 * HOUR, nextFree: at(12) });
    expect(freeTime(JAKE, DAY, busy, CHICAGO, at(18))).toEqual({ freeMs: 0, nextFree: undefined });
  });

  it('skips stretches too short for a visit when naming the next free slot', () => {
    const busy = [
      { start: at(9, 15), end: at(13) },
      { start: at(13, 20), end: at(15) },
    ];
    expect(freeTime(JAKE, DAY, busy, CHICAGO, at(6)).nextFree).toBe(at(15));
  });

  it('counts the whole day for a technician without hours', () => {
    expect(freeTime(AISHA, DAY, [], CHICAGO, at(0)).freeMs).toBe(24 * HOUR);
  });
});

describe('arranging the lanes', () => {
  const all = [MEGAN, JAKE, AISHA];
  const ids = (list: User[]) => list.map((technician) => technician.id);

  it('sorts by name and filters', () => {
    expect(ids(arrangeTechnicians(all, '', 'name', undefined))).toEqual(['aisha', 'jake', 'megan']);
    expect(ids(arrangeTechnicians(all, 'hvac', 'name', undefined))).toEqual(['jake']);
  });

  it('puts the most free time first, ties by name', () => {
    const free = new Map([
      ['megan', { freeMs: 2 * HOUR, nextFree: at(13) }],
      ['jake', { freeMs: 5 * HOUR, nextFree: at(9) }],
      ['aisha', { freeMs: 2 * HOUR, nextFree: at(8) }],
    ]);
    expect(ids(arrangeTechnicians(all, '', 'free_time', free))).toEqual(['jake', 'aisha', 'megan']);
    expect(ids(arrangeTechnicians(all, '', 'next_free', free))).toEqual(['aisha', 'jake', 'megan']);
  });

  it('puts technicians without a free slot last', () => {
    const free = new Map([
      ['megan', { freeMs: 0, nextFree: undefined }],
      ['jake', { freeMs: HOUR, nextFree: at(16) }],
    ]);
    expect(ids(arrangeTechnicians(all, '', 'next_free', free))).toEqual(['jake', 'aisha', 'megan']);
  });
});
