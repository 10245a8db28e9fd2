// The typed channel map shared by main (handlers) and preload (callers). Plain constants and types, so the
// sandboxed preload bundle stays free of main-process code.
import type { DesktopApi, MenuCommand, SavedPdf } from './desktopApi';

/** How main hands the app version to the sandboxed preload, which cannot reach `app`. */
export const APP_VERSION_ARGUMENT = '--dispatch-app-version=';

export const IPC = {
  getServerUrl: 'settings:get-server-url',
  setServerUrl: 'settings:set-server-url',
  savePdf: 'print:save-pdf',
  menuCommand: 'menu:command',
} as const;

/** Renderer → main request/response channels (ipcRenderer.invoke / ipcMain.handle). */
export interface InvokeChannels {
  [IPC.getServerUrl]: { args: []; result: Awaited<ReturnType<DesktopApi['getServerUrl']>> };
  [IPC.setServerUrl]: {
    args: Parameters<DesktopApi['setServerUrl']>;
    result: Awaited<ReturnType<DesktopApi['setServerUrl']>>;
  };
  [IPC.savePdf]: { args: [suggestedName: string]; result: SavedPdf };
}

/** Main → renderer event channels (webContents.send / ipcRenderer.on). */
export interface EventChannels {
  [IPC.menuCommand]: [command: MenuCommand];
}

export type InvokeChannel = keyof InvokeChannels;
