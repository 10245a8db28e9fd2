import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './app-origin';
import { APP_VERSION_ARGUMENT } from '../preload/contract';
import type { WindowState } from './settings';
import {
  captureWindowState,
  initialWindowBounds,
  MIN_WINDOW_SIZE,
  type Rectangle,
  type TrackedWindow,
} from './window-state';
import { secureWebPreferences } from './web-preferences';

export interface ConsoleWindow extends TrackedWindow {
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  loadURL(url: string): Promise<void>;
  show(): void;
  maximize(): void;
}

export interface ConsoleWindowOptions<W extends ConsoleWindow> {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W;
  preload: string;
  appVersion: string;
  /** Work areas of today's displays (screen.getAllDisplays()). */
  workAreas: Rectangle[];
  windowState: WindowState | undefined;
  saveWindowState(state: WindowState): void;
}

/** The console window: hardened preferences, the saved size and place, and only the local app:// files. */
export function createConsoleWindow<W extends ConsoleWindow>(options: ConsoleWindowOptions<W>): W {
  const window = new options.BrowserWindow({
    ...initialWindowBounds(options.windowState, options.workAreas),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Dispatch Console',
    show: false,
    webPreferences: secureWebPreferences(options.preload, [`${APP_VERSION_ARGUMENT}${options.appVersion}`]),
  });
  window.once('ready-to-show', () => (options.windowState?.maximized ? window.maximize() : window.show()));
  window.on('close', () => {
    try {
      options.saveWindowState(captureWindowState(window));
    } catch (error) {
      // Losing the window position is not worth keeping the dispatcher from closing the app.
      console.warn((error as Error).message);
    }
  });
  window
    .loadURL(APP_ENTRY_URL)
    .catch((error: Error) => console.error(`The console could not be loaded: ${error.message}`));
  return window;
}
