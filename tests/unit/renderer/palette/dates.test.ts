import { describe, expect, test } from 'vitest';
import { parseDateQuery } from '../../../../renderer/palette/dates';

/** Thursday, April 3, 2031: the office's day the palette reads "today" as in these tests. */
const THURSDAY = '2031-04-03';
const jump = (text: string, today = THURSDAY) => parseDateQuery(text, today);

describe('jump to a date from the palette', () => {
  test('words for nearby days', () => {
    expect(jump('today')).toBe('2031-04-03');
    expect(jump('Tomorrow')).toBe('2031-04-04');
    expect(jump('tmrw')).toBe('2031-04-04');
    expect(jump('yesterday')).toBe('2031-04-02');
    expect(jump('next week')).toBe('2031-04-10');
  });

  test('weekdays: the coming one, today for today’s name, a week on or back with next/last', () => {
    expect(jump('fri')).toBe('2031-04-04');
    expect(jump('monday')).toBe('2031-04-07');
    expect(jump('thu')).toBe('2031-04-03');
    expect(jump('next thursday')).toBe('2031-04-10');
    expect(jump('last thu')).toBe('2031-03-27');
    expect(jump('last fri')).toBe('2031-03-28');
  });

  test('US month/day order, with an optional year', () => {
    expect(jump('3/5')).toBe('2031-03-05');
    expect(jump('12/25/31')).toBe('2031-12-25');
    expect(jump('1/2/2032')).toBe('2032-01-02');
    expect(jump('2031-04-10')).toBe('2031-04-10');
  });

  test('month names either way round, with ordinals and commas', () => {
    expect(jump('mar 5')).toBe('2031-03-05');
    expect(jump('March 5th, 2032')).toBe('2032-03-05');
    expect(jump('5 may')).toBe('2031-05-05');
  });

  test('offsets in days and weeks', () => {
    expect(jump('+2')).toBe('2031-04-05');
    expect(jump('-1w')).toBe('2031-03-27');
    expect(jump('in 3 days')).toBe('2031-04-06');
    expect(jump('2 weeks ago')).toBe('2031-03-20');
    expect(jump('+3', '2031-12-30')).toBe('2032-01-02');
  });

  test('days that do not exist are not dates', () => {
    expect(jump('2/30')).toBeNull();
    expect(jump('apr 31')).toBeNull();
    expect(jump('13/5')).toBeNull();
    expect(jump('2031-02-29')).toBeNull();
    expect(jump('2/29/2032')).toBe('2032-02-29');
  });

  test('anything else is a job search, even when it starts like a day or month', () => {
    expect(jump('furnace')).toBeNull();
    expect(jump('water heater')).toBeNull();
    expect(jump('may')).toBeNull();
    expect(jump('sun valley hvac')).toBeNull();
    expect(jump('1027')).toBeNull();
    expect(jump('  ')).toBeNull();
  });
});
