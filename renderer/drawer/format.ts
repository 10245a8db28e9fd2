import {
  STATUS_STYLES,
  type ActivityEvent,
  type AppointmentStatus,
  type JobDisplayStatus,
  type Location,
  type User,
} from '../../domain';
import { formatDuration, formatMoment } from '../kit/format';
import { APPOINTMENT_STATUS, personName } from '../kit/labels';

export function formatAddress(address: Location): string[] {
  const cityLine = [address.city, [address.state, address.postalCode].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  return [address.street1, address.street2, cityLine].filter((line): line is string => !!line);
}

/** A tel: URI (RFC 3966) as people write the number. */
export function displayPhone(uri: string): string {
  return uri.replace(/^tel:/i, '');
}

export function telHref(number: string): string {
  return /^tel:/i.test(number) ? number : `tel:${number.replace(/[^\d+]/g, '')}`;
}

export const ROLE_LABELS = {
  dispatcher: 'Dispatcher',
  technician: 'Technician',
  enterprise: 'Enterprise',
  system: 'System',
} as const;

export const SOURCE_BADGES = {
  console: { label: 'console', color: 'blue' },
  mobile: { label: 'mobile', color: 'teal' },
  integration: { label: 'integration', color: 'grape' },
  system: { label: 'system', color: 'gray' },
} as const;

/** Occurred and received more than this apart: both are shown. */
export const CLOCK_GAP_MS = 60_000;

/**
 * The "from → to" of an activity line in a dispatcher's words, or undefined when the summary already
 * says it all (a reassignment names both technicians; a new job has no "from").
 */
export function describeChange(
  event: ActivityEvent,
  people: Map<string, User>,
  now = Date.now(),
): { from?: string; to: string } | undefined {
  const label = (value: string | number | null | undefined): string | undefined => {
    if (value === null || value === undefined) return undefined;
    switch (event.field) {
      case 'status':
        if (event.kind.startsWith('appointment.'))
          return APPOINTMENT_STATUS[value as AppointmentStatus]?.label ?? String(value);
        return STATUS_STYLES[value as JobDisplayStatus]?.label ?? String(value);
      case 'start':
        return typeof value === 'number' ? formatMoment(value, now) : String(value);
      case 'durationMinutes':
        return typeof value === 'number' ? formatDuration(value) : String(value);
      case 'technicianId':
        return personName(people.get(String(value)));
      default:
        return String(value);
    }
  };
  if (event.field === 'technicianId' || !event.field || event.field.includes(',')) return undefined;
  const to = label(event.to);
  if (to === undefined) return undefined;
  return { from: label(event.from), to };
}

/** The line under an activity summary: "Scheduled → On My Way", "For Today 2:00 PM" for a new visit; none for a new job. */
export function changeLine(change: { from?: string; to: string }, field: string | undefined): string | undefined {
  return change.from ? `${change.from} → ${change.to}` : field === 'start' ? `For ${change.to}` : undefined;
}
