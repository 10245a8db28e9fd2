import { describe, expect, it } from 'vitest';
import {
  captureWindowState,
  DEFAULT_WINDOW_SIZE,
  initialWindowBounds,
  MIN_WINDOW_SIZE,
} from '../../../main/window-state';

const laptop = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('initialWindowBounds', () => {
  it('uses the default size, centred, on first start', () => {
    expect(initialWindowBounds(undefined, [laptop])).toEqual(DEFAULT_WINDOW_SIZE);
  });

  it('restores the saved place when its title bar is on a display', () => {
    const saved = { x: 2000, y: 100, width: 1600, height: 1000, maximized: false };
    expect(initialWindowBounds(saved, [laptop, rightMonitor])).toEqual({ x: 2000, y: 100, width: 1600, height: 1000 });
  });

  it('drops the position when that display is gone', () => {
    const saved = { x: 2000, y: 100, width: 1600, height: 1000, maximized: false };
    expect(initialWindowBounds(saved, [laptop])).toEqual({ width: 1600, height: 1000 });
  });

  it('drops the position when only a sliver of the title bar would show', () => {
    expect(initialWindowBounds({ x: 1880, y: 0, width: 1000, height: 700, maximized: false }, [laptop])).toEqual({
      width: 1000,
      height: 700,
    });
    expect(initialWindowBounds({ x: 100, y: -30, width: 1000, height: 700, maximized: false }, [laptop])).toEqual({
      width: 1000,
      height: 700,
    });
  });

  it('shrinks to the largest display and never below the minimum', () => {
    expect(initialWindowBounds({ width: 5000, height: 3000, maximized: false }, [laptop, rightMonitor])).toEqual({
      width: 2560,
      height: 1400,
    });
    expect(initialWindowBounds({ width: 10, height: 10, maximized: false }, [laptop])).toEqual(MIN_WINDOW_SIZE);
  });
});

describe('captureWindowState', () => {
  it('keeps the un-maximized bounds in whole pixels', () => {
    const window = {
      getNormalBounds: () => ({ x: 10.4, y: 20.6, width: 1200.5, height: 800 }),
      isMaximized: () => true,
    };
    expect(captureWindowState(window)).toEqual({ x: 10, y: 21, width: 1201, height: 800, maximized: true });
  });
});
