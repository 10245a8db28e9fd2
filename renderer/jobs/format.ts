import type { AppointmentStatus } from '../../domain';
import { clockTime } from '../board/clock';

const dayThisYear = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
const monthDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const dateOnly = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
const fullDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'full' });

const DAY_MS = 86_400_000;

function startOfDay(at: number): number {
  const day = new Date(at);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/** "Today", "Tomorrow", "Yesterday", or the date — the words a dispatcher uses for a day. */
export function formatDay(at: number, now = Date.now()): string {
  const days = Math.round((startOfDay(at) - startOfDay(now)) / DAY_MS);
  if (days === 0) return 'Today';
  if (days === 1) return 'Tomorrow';
  if (days === -1) return 'Yesterday';
  return new Date(at).getFullYear() === new Date(now).getFullYear() ? dayThisYear.format(at) : dateOnly.format(at);
}

/** An appointment's start: "Today 9:00 AM", "Thu, Jun 5 1:30 PM". */
export function formatWhen(at: number, now = Date.now()): string {
  return `${formatDay(at, now)} ${clockTime(at)}`;
}

/** A calendar date, the year only when it is not this one. */
export function formatDate(at: number, now = Date.now()): string {
  return new Date(at).getFullYear() === new Date(now).getFullYear() ? monthDay.format(at) : dateOnly.format(at);
}

/** The exact moment, for tooltips. */
export function formatFull(at: number): string {
  return `${fullDate.format(at)}, ${clockTime(at)}`;
}

/** What an appointment under way is doing, beside its technician. */
export const UNDER_WAY_LABEL: Partial<Record<AppointmentStatus, string>> = {
  enroute: 'On my way',
  started: 'On site',
};
