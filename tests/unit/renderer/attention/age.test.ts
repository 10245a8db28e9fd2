import { describe, expect, it } from 'vitest';
import { ageLabel } from '../../../../renderer/attention/age';

const MINUTE = 60_000;
const NOW = Date.UTC(2031, 2, 4, 16);

describe('how long an item has needed attention', () => {
  it.each([
    [0, 'just now'],
    [59_999, 'just now'],
    [MINUTE, '1 min'],
    [25 * MINUTE, '25 min'],
    [60 * MINUTE, '1 h'],
    [125 * MINUTE, '2 h 5 min'],
    [24 * 60 * MINUTE, '1 day'],
    [(3 * 24 + 5) * 60 * MINUTE, '3 days'],
  ])('%i ms ago reads "%s"', (elapsed, label) => {
    expect(ageLabel(NOW - elapsed, NOW)).toBe(label);
  });

  it('says when a preferred window that has not opened yet opens', () => {
    expect(ageLabel(NOW + 4 * 60 * MINUTE, NOW)).toBe('in 4 h');
    expect(ageLabel(NOW + 30_000, NOW)).toBe('in 1 min');
  });
});
