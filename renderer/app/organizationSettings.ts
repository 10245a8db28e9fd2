import {
  ATTENTION_LIMITS,
  attentionThresholds,
  isKnownTimeZone,
  officeTimeZone,
  zoneName,
  type AttentionThresholds,
  type Organization,
} from '../../domain';
import type { DispatchCommands } from '../data/commands';

/** What `client.commands.updateOrganization` takes. */
export type OrganizationChanges = Parameters<DispatchCommands['updateOrganization']>[0];

type Threshold = keyof AttentionThresholds;

/** The settings form as typed: a NumberInput gives '' while empty. */
export interface SettingsValues {
  timeZone: string;
  lateStartGraceMinutes: number | string;
  offerWaitingMinutes: number | string;
  pausedAgingDays: number | string;
}

export type SettingsErrors = Partial<Record<keyof SettingsValues, string>>;

export const THRESHOLDS: readonly { key: Threshold; label: string; unit: 'minutes' | 'days' }[] = [
  { key: 'lateStartGraceMinutes', label: 'Late start grace (minutes)', unit: 'minutes' },
  { key: 'offerWaitingMinutes', label: 'Offer waiting (minutes)', unit: 'minutes' },
  { key: 'pausedAgingDays', label: 'Paused aging (days)', unit: 'days' },
];

export function settingsValuesOf(organization: Organization | undefined): SettingsValues {
  return { timeZone: officeTimeZone(organization), ...attentionThresholds(organization) };
}

/** Inline errors, with the same limits as `organization.update` so the server never refuses a valid-looking form. */
export function validateSettings(values: SettingsValues): SettingsErrors {
  const errors: SettingsErrors = {};
  if (!values.timeZone) errors.timeZone = 'Pick the time zone of the office.';
  for (const { key, unit } of THRESHOLDS) {
    const value = values[key];
    const max = ATTENTION_LIMITS[key];
    if (value === '' || typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max)
      errors[key] = `Enter whole ${unit} from 1 to ${max}.`;
  }
  return errors;
}

/** Only what differs from the organization as it was opened (call `validateSettings` first). */
export function settingsChanges(organization: Organization | undefined, values: SettingsValues): OrganizationChanges {
  const before = settingsValuesOf(organization);
  const changes: OrganizationChanges = {};
  if (values.timeZone !== before.timeZone) changes.timeZone = values.timeZone;
  const attention: Partial<AttentionThresholds> = {};
  for (const { key } of THRESHOLDS) if (values[key] !== before[key]) attention[key] = Number(values[key]);
  if (Object.keys(attention).length) changes.attention = attention;
  return changes;
}

/**
 * ICU still lists some zones under names IANA has since replaced (Node and Chromium say "Asia/Calcutta");
 * people search for, and the server and REST clients write, the current ones.
 */
const CURRENT_NAMES: Record<string, string> = {
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Godthab': 'America/Nuuk',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** Every IANA zone the runtime knows, labelled with its spoken name: "America/Chicago — Central Time". */
export function timeZoneOptions(current: string, at = Date.now()): { value: string; label: string }[] {
  const zones = Intl.supportedValuesOf('timeZone').map((zone) => {
    const renamed = CURRENT_NAMES[zone];
    return renamed && isKnownTimeZone(renamed) ? renamed : zone;
  });
  // The saved zone may be one the list names otherwise (UTC, an old alias): it stays selectable.
  const all = zones.includes(current) ? zones : [current, ...zones];
  return all.map((zone) => ({ value: zone, label: `${zone} — ${zoneName(zone, at)}` }));
}
