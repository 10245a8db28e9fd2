import type { IconNode } from '@tabler/icons-react';
import { __iconNode as calendarTime } from '@tabler/icons-react/icons/IconCalendarTime';
import { __iconNode as clockExclamation } from '@tabler/icons-react/icons/IconClockExclamation';
import { __iconNode as hourglassHigh } from '@tabler/icons-react/icons/IconHourglassHigh';
import { __iconNode as inbox } from '@tabler/icons-react/icons/IconInbox';
import { __iconNode as playerPause } from '@tabler/icons-react/icons/IconPlayerPause';
import { __iconNode as truckDelivery } from '@tabler/icons-react/icons/IconTruckDelivery';
import type { AttentionKind } from '../../domain';

/**
 * How each kind of attention item is named and drawn: a word and an icon everywhere it shows (panel,
 * blocks, cards, list), never a colour alone. Calm on purpose: these are to-dos, not alarms. The icons are
 * Tabler's drawings, shown as masks (kit/MaskIcon.tsx): a late morning marks most blocks on the board.
 */
export const ATTENTION_LOOK: Record<AttentionKind, { label: string; icon: IconNode }> = {
  late_start: { label: 'Late start', icon: clockExclamation },
  eta_overrun: { label: 'Past ETA', icon: truckDelivery },
  running_over: { label: 'Running over', icon: hourglassHigh },
  window_today: { label: 'Window today', icon: calendarTime },
  offer_waiting: { label: 'Offer waiting', icon: inbox },
  paused_aging: { label: 'Paused too long', icon: playerPause },
};

/** The one colour marks use beside their icon and word: Mantine's amber text colour, for light and dark. */
export const ATTENTION_COLOR = 'var(--mantine-color-orange-text)';
