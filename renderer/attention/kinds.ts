import {
  IconCalendarTime,
  IconClockExclamation,
  IconHourglassHigh,
  IconInbox,
  IconPlayerPause,
  IconTruckDelivery,
} from '@tabler/icons-react';
import type { AttentionKind } from '../../domain';

/**
 * How each kind of attention item is named and drawn: a word and an icon everywhere it shows (panel,
 * blocks, cards, list), never a colour alone. Calm on purpose: these are to-dos, not alarms.
 */
export const ATTENTION_LOOK: Record<AttentionKind, { label: string; Icon: typeof IconInbox }> = {
  late_start: { label: 'Late start', Icon: IconClockExclamation },
  eta_overrun: { label: 'Past ETA', Icon: IconTruckDelivery },
  running_over: { label: 'Running over', Icon: IconHourglassHigh },
  window_today: { label: 'Window today', Icon: IconCalendarTime },
  offer_waiting: { label: 'Offer waiting', Icon: IconInbox },
  paused_aging: { label: 'Paused too long', Icon: IconPlayerPause },
};

/** The one colour marks use beside their icon and word: Mantine's amber text colour, for light and dark. */
export const ATTENTION_COLOR = 'var(--mantine-color-orange-text)';
