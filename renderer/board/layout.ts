/** The board's fixed measures, in px. */
export const LABEL_WIDTH = 212;
/** The queue panel beside the lanes (its width in board.module.css, `.queue`). */
export const QUEUE_WIDTH = 320;
export const HEADER_HEIGHT = 46;
/** One sub-row of a lane: overlapping appointments stack in sub-rows. */
export const ROW_HEIGHT = 46;
export const LANE_PADDING = 5;
/** Space between stacked blocks. */
export const BLOCK_GAP = 4;
export const MIN_LANE_HEIGHT = 53;

export function laneHeight(rows: number): number {
  return Math.max(MIN_LANE_HEIGHT, rows * ROW_HEIGHT + 2 * LANE_PADDING - BLOCK_GAP + 1);
}
