import { STATUS_STYLES, type ActivityEvent, type AppointmentStatus, type JobDisplayStatus, type Location, type TimeWindow, type User } from '../../domain';
import { clockRange, clockTime } from '../board/clock';

const day = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
const dayWithYear = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });

function sameDay(a: number, b: number): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}

/** "9:00 AM": the board's clock, so the drawer and the board read the same. */
export function formatTime(at: number): string {
  return clockTime(at);
}

const DAY_MS = 24 * 60 * 60 * 1000;
const RELATIVE_DAYS = ['Today', 'Tomorrow', 'Yesterday'];

/** "Today", "Tomorrow", "Yesterday", else "Tue, Mar 3" (with the year when it is not this year's). */
export function formatDay(at: number, now = Date.now()): string {
  if (sameDay(at, now)) return 'Today';
  if (sameDay(at, now + DAY_MS)) return 'Tomorrow';
  if (sameDay(at, now - DAY_MS)) return 'Yesterday';
  return new Date(at).getFullYear() === new Date(now).getFullYear() ? day.format(at) : dayWithYear.format(at);
}

/** "Today 9:00 AM", "Tue, Mar 3, 9:00 AM". */
export function formatMoment(at: number, now = Date.now()): string {
  const dayLabel = formatDay(at, now);
  return RELATIVE_DAYS.includes(dayLabel) ? `${dayLabel} ${formatTime(at)}` : `${dayLabel}, ${formatTime(at)}`;
}

/** "Tue, Mar 3 · 9:00–11:00 AM" (as the board's blocks say it), or across days when it runs past midnight. */
export function formatRange(start: number, end: number, now = Date.now()): string {
  if (sameDay(start, end)) return `${formatDay(start, now)} · ${clockRange(start, end)}`;
  return `${formatMoment(start, now)} – ${formatMoment(end, now)}`;
}

export function formatWindow(window: TimeWindow, now = Date.now()): string {
  return formatRange(window.start, window.end, now);
}

export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (!hours) return `${rest} min`;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

export function formatAddress(address: Location): string[] {
  const cityLine = [address.city, [address.state, address.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [address.street1, address.street2, cityLine].filter((line): line is string => !!line);
}

/** A tel: URI (RFC 3966) as people write the number. */
export function displayPhone(uri: string): string {
  return uri.replace(/^tel:/i, '');
}

export function telHref(number: string): string {
  return /^tel:/i.test(number) ? number : `tel:${number.replace(/[^\d+]/g, '')}`;
}

export function personName(user: Pick<User, 'firstName' | 'lastName'> | undefined): string {
  return user ? [user.firstName, user.lastName].filter(Boolean).join(' ') : 'Unassigned';
}

export const APPOINTMENT_STATUS: Record<AppointmentStatus, { label: string; color: string }> = {
  scheduled: { label: 'Scheduled', color: 'blue' },
  enroute: { label: 'On My Way', color: 'orange' },
  started: { label: 'Started', color: 'orange' },
  complete: { label: 'Complete', color: 'gray' },
  canceled: { label: 'Canceled', color: 'gray' },
};

export const ROLE_LABELS = { dispatcher: 'Dispatcher', technician: 'Technician', enterprise: 'Enterprise', system: 'System' } as const;

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
export function describeChange(event: ActivityEvent, people: Map<string, User>, now = Date.now()): { from?: string; to: string } | undefined {
  const label = (value: string | number | null | undefined): string | undefined => {
    if (value === null || value === undefined) return undefined;
    switch (event.field) {
      case 'status':
        if (event.kind.startsWith('appointment.')) return APPOINTMENT_STATUS[value as AppointmentStatus]?.label ?? String(value);
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
