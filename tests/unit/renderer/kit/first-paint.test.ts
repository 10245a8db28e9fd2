import { afterEach, describe, expect, it } from 'vitest';
import { isFirstPaintDone, markFirstPaint, resetFirstPaint } from '../../../../renderer/kit/firstPaint';

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
});
