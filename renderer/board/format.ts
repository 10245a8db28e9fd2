import { STATUS_STYLES, type User } from '../../domain';
import { clockRange, dayAndTime, siteRange } from '../kit/format';
import { APPOINTMENT_STATUS } from '../kit/labels';
import type { BlockModel } from './lanes';

export function initials(user: Pick<User, 'firstName' | 'lastName'>): string {
  return `${user.firstName.charAt(0)}${user.lastName.charAt(0)}`.toUpperCase();
}

/** What a screen reader (and a test) hears for a block. */
export function blockLabel(block: BlockModel, withDay: boolean): string {
  const office = withDay ? dayAndTime(block.start, block.end) : clockRange(block.start, block.end);
  const site = siteRange(block.start, block.end, block.siteZone);
  const when = site ? `${office} (${site})` : office;
  const parts = [`Appointment: ${block.title}`, block.customerName, when, STATUS_STYLES[block.jobStatus].label].filter(
    Boolean,
  );
  let label = parts.join(', ');
  if (block.status !== 'scheduled') label += ` (appointment ${APPOINTMENT_STATUS[block.status].label})`;
  if (block.noteCount) label += `, ${block.noteCount} ${block.noteCount === 1 ? 'note' : 'notes'}`;
  if (block.pending) label += ', not yet synced';
  return label;
}
