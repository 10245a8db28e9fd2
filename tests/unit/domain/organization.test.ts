import { describe, expect, it } from 'vitest';
import { attentionThresholds, DEFAULT_ATTENTION, officeTimeZone } from '../../../domain/organization';

describe("an organization's settings", () => {
  it('reads the office zone, UTC until one is chosen', () => {
    expect(officeTimeZone({ timeZone: 'America/Chicago' })).toBe('America/Chicago');
    expect(officeTimeZone({})).toBe('UTC');
    expect(officeTimeZone(undefined)).toBe('UTC');
  });

  it('fills the attention thresholds an organization never set with the defaults', () => {
    expect(attentionThresholds({ attention: { lateStartGraceMinutes: 5 } })).toEqual({
      ...DEFAULT_ATTENTION,
      lateStartGraceMinutes: 5,
    });
    expect(attentionThresholds(undefined)).toEqual(DEFAULT_ATTENTION);
  });
});
