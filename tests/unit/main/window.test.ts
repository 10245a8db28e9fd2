import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL } from '../../../main/app-origin';
import { REQUIRED_WEB_PREFERENCES } from '../../../main/web-preferences';
import { createConsoleWindow } from '../../../main/window';

class FakeWindow {
  static created: FakeWindow[] = [];
  readonly listeners = new Map<string, () => void>();
  readonly loadURL = vi.fn(async () => undefined);
  readonly show = vi.fn();
  readonly maximize = vi.fn();
  constructor(readonly options: BrowserWindowConstructorOptions) {
    FakeWindow.created.push(this);
  }
  once(event: string, listener: () => void) {
    this.listeners.set(event, listener);
  }
  on(event: string, listener: () => void) {
    this.listeners.set(event, listener);
  }
  getNormalBounds() {
    return { x: 5, y: 6, width: 1300, height: 850 };
  }
  isMaximized() {
    return false;
  }
}

function open(overrides: Partial<Parameters<typeof createConsoleWindow<FakeWindow>>[0]> = {}) {
  const saveWindowState = vi.fn();
  const window = createConsoleWindow({
    BrowserWindow: FakeWindow,
    preload: '/app/out/preload/index.cjs',
    appVersion: '0.1.0',
    workAreas: [{ x: 0, y: 0, width: 1920, height: 1040 }],
    windowState: undefined,
    saveWindowState,
    ...overrides,
  });
  return { window, saveWindowState };
}

describe('createConsoleWindow', () => {
  it('loads only the local console, never a remote page', () => {
    const { window } = open();
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith(APP_ENTRY_URL);
    expect(APP_ENTRY_URL).toBe('app://dispatch/index.html');
  });

  it('uses the hardened web preferences and hands the version to the preload', () => {
    const { window } = open();
    expect(window.options.webPreferences).toMatchObject(REQUIRED_WEB_PREFERENCES);
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      additionalArguments: ['--dispatch-app-version=0.1.0'],
    });
    expect(window.options.show).toBe(false);
  });

  it('opens where it was closed, maximized if it was', () => {
    const { window } = open({ windowState: { x: 100, y: 50, width: 1200, height: 800, maximized: true } });
    expect(window.options).toMatchObject({ x: 100, y: 50, width: 1200, height: 800 });
    window.listeners.get('ready-to-show')!();
    expect(window.maximize).toHaveBeenCalledOnce();
    expect(window.show).not.toHaveBeenCalled();
  });

  it('shows itself once painted and saves its bounds as it closes', () => {
    const { window, saveWindowState } = open();
    window.listeners.get('ready-to-show')!();
    expect(window.show).toHaveBeenCalledOnce();
    window.listeners.get('close')!();
    expect(saveWindowState).toHaveBeenCalledExactlyOnceWith({ x: 5, y: 6, width: 1300, height: 850, maximized: false });
  });

  it('still closes when the state cannot be saved', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { window } = open({
      saveWindowState: () => {
        throw new Error('disk full');
      },
    });
    expect(() => window.listeners.get('close')!()).not.toThrow();
    expect(warn).toHaveBeenCalledWith('disk full');
    warn.mockRestore();
  });
});
