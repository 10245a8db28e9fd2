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
  /** Border and header color. */
  color: string;
  /** A light fill for cards and blocks that keeps dark text readable. */
  background: string;
  /** Text on `color`. */
  onColor: string;
}

export const STATUS_STYLES: Record<JobDisplayStatus, StatusStyle> = {
  offered: { label: 'Offered', colorName: 'green', color: '#2f9e44', background: '#ebfbee', onColor: '#ffffff' },
  unscheduled: { label: 'Unscheduled', colorName: 'red', color: '#e03131', background: '#fff5f5', onColor: '#ffffff' },
  scheduled: { label: 'Scheduled', colorName: 'blue', color: '#1c7ed6', background: '#e7f5ff', onColor: '#ffffff' },
  in_progress: {
    label: 'In Progress',
    colorName: 'orange',
    color: '#f76707',
    background: '#fff4e6',
    onColor: '#ffffff',
  },
  paused: { label: 'Paused', colorName: 'yellow', color: '#f5b800', background: '#fff9db', onColor: '#212529' },
  complete: { label: 'Complete', colorName: 'gray', color: '#868e96', background: '#f1f3f5', onColor: '#ffffff' },
  canceled: { label: 'Canceled', colorName: 'gray', color: '#868e96', background: '#f1f3f5', onColor: '#ffffff' },
  rejected: { label: 'Declined', colorName: 'gray', color: '#868e96', background: '#f1f3f5', onColor: '#ffffff' },
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
