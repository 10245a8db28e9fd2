import { handleTrusted, type IpcMainLike } from './ipc';
import { IPC } from '../preload/contract';
import { SettingsError, type SettingsStore } from './settings';

/** The main-process side of the preload's API. */
export function registerDesktopHandlers(
  ipcMain: IpcMainLike,
  settings: Pick<SettingsStore, 'serverUrl' | 'setServerUrl'>,
): void {
  handleTrusted(ipcMain, IPC.getServerUrl, () => settings.serverUrl);
  handleTrusted(ipcMain, IPC.setServerUrl, (url) => {
    if (typeof url !== 'string') throw new SettingsError('INVALID_SERVER_URL', 'The server address must be text.');
    settings.setServerUrl(url);
  });
}
