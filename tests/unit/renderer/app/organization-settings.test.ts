import { describe, expect, it } from 'vitest';
import type { Organization } from '../../../../domain';
import {
  settingsChanges,
  settingsValuesOf,
  timeZoneOptions,
  validateSettings,
} from '../../../../renderer/app/organizationSettings';

const organization = {
  id: 'org-1',
  name: 'Demo',
  timeZone: 'America/Chicago',
  attention: { lateStartGraceMinutes: 20, offerWaitingMinutes: 60, pausedAgingDays: 3 },
} as unknown as Organization;

describe('the organization settings form', () => {
  it('asks for nothing when nothing changed', () => {
    expect(settingsChanges(organization, settingsValuesOf(organization))).toEqual({});
  });

  it('sends only the changed fields: the zone alone, or one threshold alone', () => {
    const values = settingsValuesOf(organization);
    expect(settingsChanges(organization, { ...values, timeZone: 'Asia/Kolkata' })).toEqual({
      timeZone: 'Asia/Kolkata',
    });
    expect(settingsChanges(organization, { ...values, offerWaitingMinutes: 90 })).toEqual({
      attention: { offerWaitingMinutes: 90 },
    });
    expect(
      settingsChanges(organization, {
        ...values,
        timeZone: 'Europe/London',
        lateStartGraceMinutes: 5,
        pausedAgingDays: 7,
      }),
    ).toEqual({ timeZone: 'Europe/London', attention: { lateStartGraceMinutes: 5, pausedAgingDays: 7 } });
  });

  it('compares with the defaults when the organization never set them', () => {
    const bare = { id: 'org-2', name: 'New' } as unknown as Organization;
    const values = settingsValuesOf(bare);
    expect(values).toEqual({ timeZone: 'UTC', lateStartGraceMinutes: 15, offerWaitingMinutes: 60, pausedAgingDays: 3 });
    expect(settingsChanges(bare, values)).toEqual({});
    expect(settingsChanges(bare, { ...values, pausedAgingDays: 4 })).toEqual({ attention: { pausedAgingDays: 4 } });
  });

  it('flags empty, zero and too large thresholds inline, with the command limits', () => {
    const values = settingsValuesOf(organization);
    expect(validateSettings(values)).toEqual({});
    expect(
      validateSettings({ ...values, lateStartGraceMinutes: '', offerWaitingMinutes: 0, pausedAgingDays: 366 }),
    ).toEqual({
      lateStartGraceMinutes: 'Enter whole minutes from 1 to 1440.',
      offerWaitingMinutes: 'Enter whole minutes from 1 to 10080.',
      pausedAgingDays: 'Enter whole days from 1 to 365.',
    });
    expect(validateSettings({ ...values, lateStartGraceMinutes: 1440, pausedAgingDays: 1 })).toEqual({});
    expect(validateSettings({ ...values, timeZone: '' })).toEqual({ timeZone: 'Pick the time zone of the office.' });
  });

  it('labels each zone with its spoken name and keeps a saved zone the list lacks', () => {
    const options = timeZoneOptions('America/Chicago');
    expect(options).toContainEqual({ value: 'America/Chicago', label: 'America/Chicago — Central Time' });
    expect(options).toContainEqual({ value: 'Asia/Kolkata', label: 'Asia/Kolkata — India Standard Time' });
    expect(options.map((option) => option.value)).not.toContain('Asia/Calcutta');
    expect(timeZoneOptions('UTC')[0]).toEqual({ value: 'UTC', label: 'UTC — GMT+00:00' });
  });
});
