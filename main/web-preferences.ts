import type { WebPreferences } from 'electron';

/**
 * The settings that must hold for the window to count as hardened; the window's preferences are built from
 * them, and tests and the running app check them. Spelled out in full (even where Electron's defaults agree)
 * so a future default change or a careless override shows up in review and in the tests.
 */
export const REQUIRED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
} as const satisfies WebPreferences;

/**
 * The console window's webPreferences: the renderer gets no Node, runs in Chromium's sandbox, and sees the
 * preload's bridge only through an isolated world (the required settings above), plus a few more that are
 * safer than Electron's defaults but not checked at run time.
 */
export function secureWebPreferences(preload: string, additionalArguments: string[] = []): WebPreferences {
  return {
    preload,
    additionalArguments,
    ...REQUIRED_WEB_PREFERENCES,
    experimentalFeatures: false,
    // Dropping a file on the board must not replace the console with that file.
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}
