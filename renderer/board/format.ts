import { STATUS_STYLES, type AppointmentStatus, type User } from '../../domain';
import { clockRange, dayAndTime } from '../kit/format';
import type { BlockModel } from './lanes';

export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  scheduled: 'Scheduled',
  enroute: 'On My Way',
  started: 'Started',
  complete: 'Complete',
  canceled: 'Canceled',
};

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
