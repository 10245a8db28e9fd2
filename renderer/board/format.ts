import dayjs from 'dayjs';
import { STATUS_STYLES, type AppointmentStatus, type TimeWindow, type User } from '../../domain';
import type { BlockModel } from './lanes';

export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  scheduled: 'Scheduled',
  enroute: 'On My Way',
  started: 'Started',
  complete: 'Complete',
  canceled: 'Canceled',
};

const pad = (value: number) => (value < 10 ? `0${value}` : String(value));

/** "09:30". Called for every block drawn, so it avoids dayjs's general formatter. */
export function clock(time: number): string {
  const date = new Date(time);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function timeRange(start: number, end: number): string {
  return `${clock(start)}–${clock(end)}`;
}

/** "Fri 27 Nov, 10:00–12:00": for places where the day is not obvious. */
export function dayAndTime(start: number, end: number): string {
  return `${dayjs(start).format('ddd D MMM')}, ${timeRange(start, end)}`;
}

export function technicianName(user: Pick<User, 'firstName' | 'lastName'> | undefined): string {
  return user ? [user.firstName, user.lastName].filter(Boolean).join(' ') : 'Unassigned';
}

export function initials(user: Pick<User, 'firstName' | 'lastName'>): string {
  return `${user.firstName.charAt(0)}${user.lastName.charAt(0)}`.toUpperCase();
}

/** What a screen reader (and a test) hears for a block. */
export function blockLabel(block: BlockModel, withDay: boolean): string {
  const when = withDay ? dayAndTime(block.start, block.end) : timeRange(block.start, block.end);
  const parts = [`Appointment: ${block.title}`, block.customerName, when, STATUS_STYLES[block.jobStatus].label].filter(Boolean);
  let label = parts.join(', ');
  if (block.status !== 'scheduled') label += ` (appointment ${APPOINTMENT_STATUS_LABELS[block.status]})`;
  if (block.pending) label += ', not yet synced';
  return label;
}

/** A customer's suggested time windows, e.g. "Fri 27 Nov 08:00–12:00". */
export function windowLabel(window: TimeWindow): string {
  const sameDay = dayjs(window.start).isSame(window.end, 'day');
  return sameDay
    ? `${dayjs(window.start).format('ddd D MMM')} ${timeRange(window.start, window.end)}`
    : `${dayjs(window.start).format('ddd D MMM HH:mm')} – ${dayjs(window.end).format('ddd D MMM HH:mm')}`;
}

export function durationLabel(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (!hours) return `${rest} min`;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}
