import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  armFirstPaintFallback,
  FIRST_PAINT_FALLBACK_MS,
  isFirstPaintDone,
  markFirstPaint,
  resetFirstPaint,
} from '../../../../renderer/kit/firstPaint';

describe('first paint signal (what waits for the board to draw its lanes)', () => {
  afterEach(() => resetFirstPaint());

  it('is not done until the first view reports its paint, then stays done', () => {
    resetFirstPaint();
    expect(isFirstPaintDone()).toBe(false);
    markFirstPaint();
    expect(isFirstPaintDone()).toBe(true);
    markFirstPaint();
    expect(isFirstPaintDone()).toBe(true);
  });

  it('lets its waiting readers go after one fallback when no view paints, however many wait', () => {
    resetFirstPaint();
    vi.useFakeTimers();
    try {
      // A board's dozen lanes start waiting: one timer, not one each.
      for (let lane = 0; lane < 12; lane++) armFirstPaintFallback();
      expect(vi.getTimerCount()).toBe(1);
      vi.advanceTimersByTime(FIRST_PAINT_FALLBACK_MS - 1);
      expect(isFirstPaintDone()).toBe(false);
      vi.advanceTimersByTime(1);
      expect(isFirstPaintDone()).toBe(true);
      // Done: a reader that comes later arms nothing.
      armFirstPaintFallback();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('drops the fallback once the view paints', () => {
    resetFirstPaint();
    vi.useFakeTimers();
    try {
      armFirstPaintFallback();
      expect(vi.getTimerCount()).toBe(1);
      markFirstPaint();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
