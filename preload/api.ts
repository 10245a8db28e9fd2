import {
  APP_VERSION_ARGUMENT,
  IPC,
  type DesktopApi,
  type EventChannels,
  type InvokeChannel,
  type InvokeChannels,
  type MenuCommand,
} from './contract';

/** The slice of ipcRenderer the bridge uses; never handed to the page itself. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function appVersionFrom(argv: readonly string[]): string {
  const argument = argv.find((arg) => arg.startsWith(APP_VERSION_ARGUMENT));
  return argument ? argument.slice(APP_VERSION_ARGUMENT.length) : 'unknown';
}

/**
 * The object behind `window.dispatchDesktop`: named channels only, and listeners receive the payload,
 * never the IPC event (whose `sender` is ipcRenderer itself).
 */
export function createDesktopApi(ipcRenderer: IpcRendererLike, platform: string, argv: readonly string[]) {
  const invoke = <C extends InvokeChannel>(channel: C, ...args: InvokeChannels[C]['args']) =>
    ipcRenderer.invoke(channel, ...args) as Promise<InvokeChannels[C]['result']>;

  return {
    platform,
    appVersion: appVersionFrom(argv),
    getServerUrl: () => invoke(IPC.getServerUrl),
    setServerUrl: (url: string) => invoke(IPC.setServerUrl, url),
    savePdf: (suggestedName: string) => invoke(IPC.savePdf, suggestedName),
    onMenuCommand(listener: (command: MenuCommand) => void) {
      const forward = (_event: unknown, ...[command]: unknown[]) =>
        listener(command as EventChannels[typeof IPC.menuCommand][0]);
      ipcRenderer.on(IPC.menuCommand, forward);
      return () => void ipcRenderer.removeListener(IPC.menuCommand, forward);
    },
  } satisfies DesktopApi;
}
