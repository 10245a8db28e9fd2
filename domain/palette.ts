import type { JobDisplayStatus } from './status';

/**
 * The seed's color code, the single source for board, list, legend and drawer: "The color-coding is
 * consistent across all platforms, so your network sees the same status that you do."
 * Canceled jobs use Complete's gray with their own label; declined jobs use it too (read-only).
 */
export interface StatusStyle {
  label: string;
  /** The seed's color name. */
  colorName: 'green' | 'red' | 'blue' | 'orange' | 'yellow' | 'gray';
  /** The seed's hue itself: the stripe, dot, swatch or border that marks a status beside its label. */
  color: string;
  /**
   * A light fill for cards, blocks and chips that keeps dark text readable. Text never sits on `color`
   * itself: white on the seed's green, blue, orange and gray is below the 4.5:1 contrast minimum.
   */
  background: string;
}

export const STATUS_STYLES: Record<JobDisplayStatus, StatusStyle> = {
  offered: { label: 'Offered', colorName: 'green', color: '#2f9e44', background: '#ebfbee' },
  unscheduled: { label: 'Unscheduled', colorName: 'red', color: '#e03131', background: '#fff5f5' },
  scheduled: { label: 'Scheduled', colorName: 'blue', color: '#1c7ed6', background: '#e7f5ff' },
  in_progress: { label: 'In Progress', colorName: 'orange', color: '#f76707', background: '#fff4e6' },
  paused: { label: 'Paused', colorName: 'yellow', color: '#f5b800', background: '#fff9db' },
  complete: { label: 'Complete', colorName: 'gray', color: '#868e96', background: '#f1f3f5' },
  canceled: { label: 'Canceled', colorName: 'gray', color: '#868e96', background: '#f1f3f5' },
  rejected: { label: 'Declined', colorName: 'gray', color: '#868e96', background: '#f1f3f5' },
};

/** The six statuses of the legend, in the order a job moves through them. */
export const LEGEND_STATUSES: readonly JobDisplayStatus[] = [
  'offered',
  'unscheduled',
  'scheduled',
  'in_progress',
  'paused',
  'complete',
];
