import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance } from '../../../main/single-instance';

function mockApp(gotLock: boolean) {
  let secondInstance: (() => void) | undefined;
  const app = {
    requestSingleInstanceLock: vi.fn(() => gotLock),
    quit: vi.fn(),
    on: vi.fn((_event: 'second-instance', listener: () => void) => (secondInstance = listener)),
  };
  return { app, secondInstance: () => secondInstance?.() };
}

describe('claimSingleInstance', () => {
  it('quits a second copy', () => {
    const { app } = mockApp(false);
    expect(claimSingleInstance(app, () => undefined)).toBe(false);
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.on).not.toHaveBeenCalled();
  });

  it('brings the first copy forward, restoring it if minimized', () => {
    const { app, secondInstance } = mockApp(true);
    const window = { isMinimized: vi.fn(() => true), restore: vi.fn(), focus: vi.fn() };
    expect(claimSingleInstance(app, () => window)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    secondInstance();
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
  });

  it('copes with a second start before the window exists', () => {
    const { app, secondInstance } = mockApp(true);
    claimSingleInstance(app, () => undefined);
    expect(() => secondInstance()).not.toThrow();
  });
});
