import type { WebPreferences } from 'electron';

/**
 * The console window's webPreferences: the renderer gets no Node, runs in Chromium's sandbox, and sees the
 * preload's bridge only through an isolated world. Spelled out in full (even where Electron's defaults
 * agree) so a future default change or a careless override shows up in review and in the tests.
 */
export function secureWebPreferences(preload: string, additionalArguments: string[] = []): WebPreferences {
  return {
    preload,
    additionalArguments,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // Dropping a file on the board must not replace the console with that file.
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

/** The settings that must hold for the window to count as hardened; tests and the running app check them. */
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
