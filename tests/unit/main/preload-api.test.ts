import { describe, expect, it, vi } from 'vitest';
import { IPC } from '../../../preload/contract';
import { appVersionFrom, createDesktopApi, type IpcRendererLike } from '../../../preload/api';

function mockIpcRenderer() {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipc = {
    invoke: vi.fn(async (channel: string, ..._args: unknown[]) =>
      channel === IPC.getServerUrl ? 'http://127.0.0.1:4820' : undefined,
    ),
    on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    }),
    removeListener: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      listeners.get(channel)?.delete(listener);
    }),
  };
  const emit = (channel: string, ...args: unknown[]) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipcRenderer itself' }, ...args);
  };
  return { ipc: ipc satisfies IpcRendererLike, emit };
}

describe('createDesktopApi', () => {
  it('exposes the platform and the version main passed on the command line', () => {
    const { ipc } = mockIpcRenderer();
    const api = createDesktopApi(ipc, 'linux', ['electron', '--dispatch-app-version=0.1.0']);
    expect(api.platform).toBe('linux');
    expect(api.appVersion).toBe('0.1.0');
    expect(appVersionFrom([])).toBe('unknown');
  });

  it('calls named channels only', async () => {
    const { ipc } = mockIpcRenderer();
    const api = createDesktopApi(ipc, 'linux', []);
    await expect(api.getServerUrl()).resolves.toBe('http://127.0.0.1:4820');
    await api.setServerUrl('https://dispatch.example.com');
    await api.savePdf('day-2026-03-03.pdf');
    expect(ipc.invoke.mock.calls).toEqual([
      [IPC.getServerUrl],
      [IPC.setServerUrl, 'https://dispatch.example.com'],
      [IPC.savePdf, 'day-2026-03-03.pdf'],
    ]);
  });

  it('delivers menu commands without the IPC event, and unsubscribes', () => {
    const { ipc, emit } = mockIpcRenderer();
    const api = createDesktopApi(ipc, 'linux', []);
    const listener = vi.fn();
    const stop = api.onMenuCommand(listener);
    emit(IPC.menuCommand, 'find');
    expect(listener).toHaveBeenCalledExactlyOnceWith('find');
    stop();
    emit(IPC.menuCommand, 'undo');
    expect(listener).toHaveBeenCalledOnce();
  });

  it('hands the page plain functions and values, never ipcRenderer', () => {
    const { ipc } = mockIpcRenderer();
    const api = createDesktopApi(ipc, 'linux', []);
    expect(Object.keys(api).sort()).toEqual([
      'appVersion',
      'getServerUrl',
      'onMenuCommand',
      'platform',
      'savePdf',
      'setServerUrl',
    ]);
    expect(Object.values(api)).not.toContain(ipc);
  });
});
