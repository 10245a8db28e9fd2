import dayjs from 'dayjs';
import { STATUS_STYLES, type AppointmentStatus, type TimeWindow, type User } from '../../domain';
import { clockRange, clockTime } from './clock';
import type { BlockModel } from './lanes';

export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  scheduled: 'Scheduled',
  enroute: 'On My Way',
  started: 'Started',
  complete: 'Complete',
  canceled: 'Canceled',
};

/** The day as the drawer writes it too: "Fri, Nov 27". */
const DAY_FORMAT = 'ddd, MMM D';

/** "Fri, Nov 27, 10:00 AM–12:00 PM": for places where the day is not obvious. */
export function dayAndTime(start: number, end: number): string {
  return `${dayjs(start).format(DAY_FORMAT)}, ${clockRange(start, end)}`;
}

export function technicianName(user: Pick<User, 'firstName' | 'lastName'> | undefined): string {
  return user ? [user.firstName, user.lastName].filter(Boolean).join(' ') : 'Unassigned';
}

export function initials(user: Pick<User, 'firstName' | 'lastName'>): string {
  return `${user.firstName.charAt(0)}${user.lastName.charAt(0)}`.toUpperCase();
}

/** What a screen reader (and a test) hears for a block. */
export function blockLabel(block: BlockModel, withDay: boolean): string {
  const when = withDay ? dayAndTime(block.start, block.end) : clockRange(block.start, block.end);
  const parts = [`Appointment: ${block.title}`, block.customerName, when, STATUS_STYLES[block.jobStatus].label].filter(Boolean);
  let label = parts.join(', ');
  if (block.status !== 'scheduled') label += ` (appointment ${APPOINTMENT_STATUS_LABELS[block.status]})`;
  if (block.pending) label += ', not yet synced';
  return label;
}

/** A customer's suggested time window, e.g. "Fri, Nov 27, 8:00 AM–12:00 PM". */
export function windowLabel(window: TimeWindow): string {
  const sameDay = dayjs(window.start).isSame(window.end, 'day');
  return sameDay
    ? dayAndTime(window.start, window.end)
    : `${dayjs(window.start).format(DAY_FORMAT)}, ${clockTime(window.start)} – ${dayjs(window.end).format(DAY_FORMAT)}, ${clockTime(window.end)}`;
}

export function durationLabel(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (!hours) return `${rest} min`;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}
