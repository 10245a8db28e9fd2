import { describe, expect, it, vi } from 'vitest';
import { registerDesktopHandlers } from '../../../main/desktop-handlers';
import { handleTrusted, IpcSenderRejected, isTrustedSender, sendEvent, type IpcSenderEvent } from '../../../main/ipc';
import { IPC } from '../../../preload/contract';
import { SettingsError } from '../../../main/settings';

type Listener = (event: IpcSenderEvent, ...args: unknown[]) => unknown;

function mockIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain = { handle: vi.fn((channel: string, listener: Listener) => void handlers.set(channel, listener)) };
  const invoke = async (channel: string, senderUrl: string | null, ...args: unknown[]) =>
    handlers.get(channel)!({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, ...args);
  return { ipcMain, handlers, invoke };
}

describe('isTrustedSender', () => {
  it('trusts only frames of app://dispatch', () => {
    expect(isTrustedSender({ senderFrame: { url: 'app://dispatch/index.html' } })).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'app://dispatch/board?day=1' } })).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'http://127.0.0.1:4820/' } })).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: 'https://evil.example/app://dispatch' } })).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: 'app://dispatch.evil.example/' } })).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: 'file:///tmp/index.html' } })).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: 'about:blank' } })).toBe(false);
    expect(isTrustedSender({ senderFrame: null })).toBe(false);
  });
});

describe('handleTrusted', () => {
  it('answers the console and refuses every other sender before running the handler', async () => {
    const { ipcMain, invoke } = mockIpcMain();
    const handler = vi.fn(() => 'http://127.0.0.1:4820');
    handleTrusted(ipcMain, IPC.getServerUrl, handler);

    await expect(invoke(IPC.getServerUrl, 'app://dispatch/index.html')).resolves.toBe('http://127.0.0.1:4820');
    await expect(invoke(IPC.getServerUrl, 'https://evil.example/')).rejects.toBeInstanceOf(IpcSenderRejected);
    await expect(invoke(IPC.getServerUrl, null)).rejects.toThrow(/only the console may ask/);
    expect(handler).toHaveBeenCalledOnce();
  });
});

describe('registerDesktopHandlers', () => {
  function setup() {
    const settings = {
      serverUrl: 'http://127.0.0.1:4820',
      setServerUrl: vi.fn((url: string) => {
        if (!url.startsWith('http')) throw new SettingsError('INVALID_SERVER_URL', 'bad');
        settings.serverUrl = url;
      }),
    };
    const ipc = mockIpcMain();
    registerDesktopHandlers(ipc.ipcMain, settings);
    return { settings, ...ipc };
  }

  it('registers exactly the invoke channels of the channel map', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual([IPC.getServerUrl, IPC.setServerUrl].sort());
  });

  it('reads and saves the server URL for the console', async () => {
    const { invoke, settings } = setup();
    await expect(invoke(IPC.getServerUrl, 'app://dispatch/index.html')).resolves.toBe('http://127.0.0.1:4820');
    await invoke(IPC.setServerUrl, 'app://dispatch/index.html', 'https://dispatch.example.com');
    expect(settings.setServerUrl).toHaveBeenCalledWith('https://dispatch.example.com');
  });

  it('refuses a server URL that is not text, or comes from elsewhere', async () => {
    const { invoke, settings } = setup();
    await expect(invoke(IPC.setServerUrl, 'app://dispatch/index.html', { url: 'x' })).rejects.toThrow(/must be text/);
    await expect(invoke(IPC.setServerUrl, 'https://evil.example/', 'https://evil.example')).rejects.toBeInstanceOf(
      IpcSenderRejected,
    );
    expect(settings.setServerUrl).not.toHaveBeenCalled();
  });
});

describe('sendEvent', () => {
  it('sends a menu command on its named channel', () => {
    const contents = { send: vi.fn() };
    sendEvent(contents, IPC.menuCommand, 'show-board');
    expect(contents.send).toHaveBeenCalledExactlyOnceWith('menu:command', 'show-board');
  });
});
