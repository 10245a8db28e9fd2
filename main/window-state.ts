import type { WindowState } from './settings';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface InitialBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_SIZE = { width: 1400, height: 900 } as const;
export const MIN_WINDOW_SIZE = { width: 800, height: 500 } as const;
/** How much of the saved title bar must be on some display for the saved position to be reused. */
const GRAB_AREA = { width: 120, height: 40 } as const;

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Where to open the window: the saved size (shrunk to the largest display) and the saved position if the
 * title bar would still be reachable on one of today's displays; otherwise Electron centres it. Monitors
 * come and go between sessions, and a window restored off-screen looks like an app that did not start.
 */
export function initialWindowBounds(saved: WindowState | undefined, workAreas: Rectangle[]): InitialBounds {
  const largest = workAreas.reduce<Rectangle | undefined>(
    (best, area) => (!best || area.width * area.height > best.width * best.height ? area : best),
    undefined,
  );
  const fit = (size: number, min: number, max: number | undefined) => Math.max(min, max ? Math.min(size, max) : size);
  const width = fit(saved?.width ?? DEFAULT_WINDOW_SIZE.width, MIN_WINDOW_SIZE.width, largest?.width);
  const height = fit(saved?.height ?? DEFAULT_WINDOW_SIZE.height, MIN_WINDOW_SIZE.height, largest?.height);
  if (saved?.x === undefined || saved.y === undefined) return { width, height };
  const titleBar = { x: saved.x, y: saved.y, width, height: GRAB_AREA.height };
  const reachable = workAreas.some((area) => {
    const shared = overlap(titleBar, area);
    return shared.width >= GRAB_AREA.width && shared.height >= GRAB_AREA.height;
  });
  return reachable ? { x: saved.x, y: saved.y, width, height } : { width, height };
}

export interface TrackedWindow {
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
}

/** What to remember of a window as it closes: its un-maximized bounds and whether it was maximized. */
export function captureWindowState(window: TrackedWindow): WindowState {
  const { x, y, width, height } = window.getNormalBounds();
  // Fractional scale factors can report fractional DIPs; the saved state is whole pixels.
  return {
    x: Math.round(x),
    y: Math.round(y),
    width: Math.round(width),
    height: Math.round(height),
    maximized: window.isMaximized(),
  };
}
