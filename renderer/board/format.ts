import { STATUS_STYLES, type User } from '../../domain';
import { axisDay, clockRange, siteRange } from '../kit/format';
import { APPOINTMENT_STATUS } from '../kit/labels';
import type { BlockModel } from './lanes';

export function initials(user: Pick<User, 'firstName' | 'lastName'>): string {
  return `${user.firstName.charAt(0)}${user.lastName.charAt(0)}`.toUpperCase();
}

/**
 * A roomy block's second line: "9:00–11:00 AM · hvac", then the site's own time when it differs from the
 * office's and there is room ("· 8:00–10:00 AM at site"; last, so a block too narrow for it only drops it).
 */
export function blockSubline(block: BlockModel, withSite: boolean): string {
  const site = withSite ? siteRange(block.start, block.end, block.siteZone) : undefined;
  return [clockRange(block.start, block.end), block.serviceType || block.title, site].filter(Boolean).join(' · ');
}

/**
 * What a screen reader, voice control and a test hear for a block. It begins with exactly what the block
 * shows (the customer, then its second line), so the accessible name contains the visible text (WCAG 2.5.3);
 * then what the block tells by icon and colour: the day on a multi-day board, the job's title when the block
 * does not show it, the job's status and the appointment's, the attention marks, notes and an unsynced change.
 */
export function blockLabel(block: BlockModel, withDay: boolean, attention: readonly string[] = []): string {
  const parts = [block.customerName || block.title, blockSubline(block, true)];
  if (withDay) parts.push(`on ${axisDay(block.start, false)}`);
  if (block.customerName && block.serviceType) parts.push(block.title);
  parts.push(STATUS_STYLES[block.jobStatus].label);
  let label = parts.join(', ');
  if (block.status !== 'scheduled') label += ` (appointment ${APPOINTMENT_STATUS[block.status].label})`;
  for (const word of attention) label += `, ${word}`;
  if (block.noteCount) label += `, ${block.noteCount} ${block.noteCount === 1 ? 'note' : 'notes'}`;
  if (block.pending) label += ', not yet synced';
  return label;
}
