// The entry's wiring against a mocked `electron`: what is registered before `ready`, what after, and what
// the window loads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const state = { gotLock: true, ready: undefined as undefined | (() => void), userData: '' };
  const windows: { url?: string; options: Record<string, unknown>; on: ReturnType<typeof vi.fn> }[] = [];
  const appListeners = new Map<string, (...args: unknown[]) => void>();
  return {
    state,
    windows,
    appListeners,
    app: {
      enableSandbox: vi.fn(),
      setPath: vi.fn((_name: string, path: string) => (state.userData = path)),
      getPath: vi.fn(() => state.userData),
      getVersion: vi.fn(() => '0.1.0'),
      isPackaged: false,
      requestSingleInstanceLock: vi.fn(() => state.gotLock),
      quit: vi.fn(),
      on: vi.fn((event: string, listener: (...args: unknown[]) => void) => appListeners.set(event, listener)),
      whenReady: vi.fn(() => new Promise<void>((resolve) => (state.ready = resolve))),
    },
    BrowserWindow: vi.fn(function (this: Record<string, unknown>, options: Record<string, unknown>) {
      const window = {
        options,
        on: vi.fn(),
        once: vi.fn(),
        loadURL: vi.fn(async (url: string) => void (window.url = url)),
        webContents: { send: vi.fn() },
      } as { url?: string; options: Record<string, unknown>; on: ReturnType<typeof vi.fn> };
      windows.push(window);
      return window;
    }),
    ipcMain: { handle: vi.fn() },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((template: unknown) => ({ template })) },
    net: { fetch: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    screen: { getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }]) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onHeadersReceived: vi.fn() },
      },
    },
    shell: { openExternal: vi.fn(async () => undefined) },
  };
});

vi.mock('electron', () => electron);

const userData = mkdtempSync(join(tmpdir(), 'dispatch-main-'));
afterAll(() => rmSync(userData, { recursive: true, force: true }));

async function startMain(
  gotLock: boolean,
  env: { userData: string; serverUrl?: string } = { userData, serverUrl: 'http://127.0.0.1:5123' },
) {
  vi.resetModules();
  vi.clearAllMocks();
  electron.windows.length = 0;
  electron.appListeners.clear();
  electron.state.gotLock = gotLock;
  electron.state.ready = undefined;
  vi.stubEnv('DISPATCH_USER_DATA_DIR', env.userData);
  vi.stubEnv('DISPATCH_SERVER_URL', env.serverUrl ?? '');
  await import('../../../main/index');
}

async function becomeReady() {
  electron.state.ready!();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('main/index.ts', () => {
  beforeEach(() => vi.unstubAllEnvs());

  it('registers app:// as privileged and takes the single-instance lock before ready', async () => {
    await startMain(true);
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce();
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', userData);
    expect(electron.app.enableSandbox).toHaveBeenCalledOnce();
    expect(electron.app.enableSandbox.mock.invocationCallOrder[0]).toBeLessThan(
      electron.app.whenReady.mock.invocationCallOrder[0]!,
    );
    expect(electron.protocol.handle).not.toHaveBeenCalled();
    expect(electron.BrowserWindow).not.toHaveBeenCalled();
    expect([...electron.appListeners.keys()].sort()).toEqual([
      'second-instance',
      'web-contents-created',
      'window-all-closed',
    ]);
  });

  it('once ready, hardens the session, serves app://, answers IPC and opens the local console', async () => {
    await startMain(true);
    await becomeReady();
    const { defaultSession } = electron.session;
    expect(defaultSession.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(defaultSession.setPermissionCheckHandler).toHaveBeenCalledOnce();
    expect(defaultSession.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(electron.ipcMain.handle.mock.calls.map(([channel]) => channel).sort()).toEqual([
      'print:save-pdf',
      'settings:get-server-url',
      'settings:set-server-url',
    ]);
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledOnce();

    expect(electron.windows).toHaveLength(1);
    const [window] = electron.windows;
    expect(window!.url).toBe('app://dispatch/index.html');
    expect(window!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
  });

  it('hardens every webContents that is created', async () => {
    await startMain(true);
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    electron.appListeners.get('web-contents-created')!({}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
    expect(contents.on.mock.calls.map(([event]) => event)).toContain('will-navigate');
  });

  it('a second copy quits without touching anything else', async () => {
    await startMain(false);
    expect(electron.app.quit).toHaveBeenCalledOnce();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(electron.appListeners.size).toBe(0);
  });

  it('asks for the server on the first run and remembers the answer across restarts', async () => {
    const profile = mkdtempSync(join(userData, 'first-run-'));
    const consoleFrame = { senderFrame: { url: 'app://dispatch/index.html' } };
    const handler = (channel: string) =>
      electron.ipcMain.handle.mock.calls.find(([name]) => name === channel)![1] as (
        event: unknown,
        ...args: unknown[]
      ) => unknown;
    const connectSources = () => {
      const listener = electron.session.defaultSession.webRequest.onHeadersReceived.mock.calls[0]![0] as (
        details: { url: string },
        callback: (response: { responseHeaders: Record<string, string[]> }) => void,
      ) => void;
      let policy = '';
      listener(
        { url: 'app://dispatch/index.html' },
        ({ responseHeaders }) => (policy = responseHeaders['Content-Security-Policy']![0]!),
      );
      return /connect-src ([^;]+)/.exec(policy)![1];
    };

    await startMain(true, { userData: profile });
    await becomeReady();
    expect(await handler('settings:get-server-url')(consoleFrame)).toBeNull();
    expect(connectSources()).toBe("'self'");
    await handler('settings:set-server-url')(consoleFrame, 'https://dispatch.example.com/board');
    expect(connectSources()).toBe("'self' https://dispatch.example.com wss://dispatch.example.com");

    await startMain(true, { userData: profile });
    await becomeReady();
    expect(await handler('settings:get-server-url')(consoleFrame)).toBe('https://dispatch.example.com');
  });
});
