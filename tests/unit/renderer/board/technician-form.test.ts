/** The technician panel's form: to and from a user's availability and skills, its checks, its time-off text. */
import { describe, expect, it } from 'vitest';
import { instantAt, wholeDaysOff, type User } from '../../../../domain';
import {
  availabilityOf,
  formOf,
  instantOfLocal,
  skillsOf,
  timeOffText,
  weekProblem,
} from '../../../../renderer/board/technicianForm';

const CHICAGO = 'America/Chicago';

const jake: Pick<User, 'availability' | 'skills'> = {
  availability: {
    weekly: [
      { weekday: 2, start: '13:00', end: '17:00' },
      { weekday: 2, start: '08:00', end: '12:00' },
      { weekday: 5, start: '22:00', end: '24:00' },
    ],
    timeOff: [wholeDaysOff('2026-12-09', '2026-12-11', CHICAGO, 'Vacation')],
  },
  skills: ['hvac', 'EPA 608', 'plumbing'],
};

describe('technician form', () => {
  it('splits skills into service types and tags and orders a split shift', () => {
    const form = formOf(jake);
    expect(form.serviceTypes).toEqual(['hvac', 'plumbing']);
    expect(form.tags).toEqual(['EPA 608']);
    expect(form.week[2]).toEqual([
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ]);
    expect(form.week[1]).toEqual([]);
  });

  it('gives back the same availability and skills when nothing was edited (so nothing is sent)', () => {
    const form = formOf(jake);
    expect(availabilityOf(form)).toEqual(availabilityOf(formOf({ ...jake })));
    expect(availabilityOf(form).weekly).toContainEqual({ weekday: 5, start: '22:00', end: '24:00' });
    expect(skillsOf(form).sort()).toEqual(['EPA 608', 'hvac', 'plumbing']);
  });

  it('reads a midnight end from a time field as the end of the day', () => {
    const form = formOf({});
    form.week[1] = [{ start: '18:00', end: '00:00' }];
    expect(availabilityOf(form).weekly).toEqual([{ weekday: 1, start: '18:00', end: '24:00' }]);
  });

  it('drops a repeated tag ignoring case', () => {
    const form = { ...formOf(jake), tags: ['EPA 608', 'epa 608', 'Gas fitting'] };
    expect(skillsOf(form).filter((skill) => skill.toLowerCase() === 'epa 608')).toHaveLength(1);
    expect(skillsOf(form)).toContain('Gas fitting');
  });

  it('names the weekday of an incomplete or empty span', () => {
    const form = formOf({});
    expect(weekProblem(form)).toBeUndefined();
    form.week[3] = [{ start: '08:00', end: '' }];
    expect(weekProblem(form)).toBe('Wednesday: enter a start and an end time.');
    form.week[3] = [{ start: '09:00', end: '09:00' }];
    expect(weekProblem(form)).toBe('Wednesday: the hours end when they start.');
  });

  it('reads typed times on the office clock and says time off in words', () => {
    expect(instantOfLocal('2026-12-05T11:00', CHICAGO)).toBe(
      instantAt({ year: 2026, month: 12, day: 5 }, CHICAGO, 11, 0),
    );
    expect(instantOfLocal('2026-12-05', CHICAGO)).toBeUndefined();
    expect(timeOffText(jake.availability!.timeOff[0], CHICAGO)).toBe('Wed, Dec 9 – Fri, Dec 11');
    expect(timeOffText(wholeDaysOff('2026-12-09', '2026-12-09', CHICAGO), CHICAGO)).toBe('Wed, Dec 9');
    const span = {
      start: instantAt({ year: 2026, month: 12, day: 5 }, CHICAGO, 11, 0),
      end: instantAt({ year: 2026, month: 12, day: 5 }, CHICAGO, 12, 30),
    };
    expect(timeOffText(span, CHICAGO)).toBe('Sat, Dec 5, 11:00 AM–12:30 PM');
  });
});
