// `npm start`'s decision with a fake installer and a fake server: what opens, what is fetched, what is said.
import { describe, expect, it, vi } from 'vitest';
import type { InstallOutcome } from '../../../scripts/electron-install';
import { launchConsole, oldNodeFor, webModeLine, type LaunchDeps } from '../../../scripts/launch';

const SERVER_URL = 'http://127.0.0.1:4820';
const ELECTRON = '/project/node_modules/electron/dist/electron';

function fakeDeps(overrides: Partial<LaunchDeps> & { installed?: boolean; install?: InstallOutcome } = {}) {
  let installed = overrides.installed ?? false;
  const lines: string[] = [];
  const deps: LaunchDeps = {
    platform: 'linux',
    env: { DISPLAY: ':0' },
    nodeVersion: 'v22.12.0',
    electron: { version: '45.5.0', installerNode: '>= 22.12.0' },
    findElectron: () => (installed ? ELECTRON : null),
    installElectron: vi.fn(async () => {
      const outcome = overrides.install ?? { ok: true };
      if (outcome.ok) installed = true;
      return outcome;
    }),
    startServer: vi.fn(async () => SERVER_URL),
    openDesktop: vi.fn(),
    print: (line) => lines.push(line),
    ...overrides,
  };
  return { deps, lines };
}

describe('launchConsole', () => {
  it('opens an installed Electron on the server URL without fetching anything', async () => {
    const { deps } = fakeDeps({ installed: true });
    expect(await launchConsole(deps)).toEqual({ mode: 'desktop', binary: ELECTRON, serverUrl: SERVER_URL });
    expect(deps.installElectron).not.toHaveBeenCalled();
    expect(deps.openDesktop).toHaveBeenCalledWith(ELECTRON, SERVER_URL);
  });

  it('fetches a missing Electron with the installer, then opens it on the server URL', async () => {
    const { deps, lines } = fakeDeps();
    const outcome = await launchConsole(deps);
    expect(deps.installElectron).toHaveBeenCalledOnce();
    expect(outcome.mode).toBe('desktop');
    expect(deps.openDesktop).toHaveBeenCalledWith(ELECTRON, SERVER_URL);
    expect(lines).toEqual([
      'Electron 45.5.0 is not installed yet; downloading it with its own installer…',
      'Electron 45.5.0 is installed.',
    ]);
  });

  it('serves web mode with the cause and what to do when the download fails', async () => {
    const { deps, lines } = fakeDeps({ install: { ok: false, cause: 'ENOTFOUND github.com' } });
    const outcome = await launchConsole(deps);
    expect(outcome.mode).toBe('web');
    expect(deps.openDesktop).not.toHaveBeenCalled();
    expect(lines.at(-1)).toBe(
      'could not download Electron (ENOTFOUND github.com): the console is served at http://127.0.0.1:4820; ' +
        'set ELECTRON_MIRROR or install Electron to get the desktop app',
    );
  });

  it('says when Node is older than the installer asks for, and still tries', async () => {
    const { deps, lines } = fakeDeps({
      nodeVersion: 'v20.20.2',
      install: { ok: false, cause: 'TypeError: fetch failed' },
    });
    await launchConsole(deps);
    expect(deps.installElectron).toHaveBeenCalledOnce();
    expect(lines[0]).toContain('which asks for Node >= 22.12.0; this is 20.20.2, trying anyway');
    expect(lines.at(-1)).toBe(
      'could not download Electron (TypeError: fetch failed; its installer needs Node >= 22.12.0, this is 20.20.2): ' +
        'the console is served at http://127.0.0.1:4820; use Node >= 22.12.0, set ELECTRON_MIRROR or install Electron to get the desktop app',
    );
  });

  it('opens a fetched Electron on an old Node too, when the installer managed', async () => {
    const { deps } = fakeDeps({ nodeVersion: 'v20.19.0' });
    expect((await launchConsole(deps)).mode).toBe('desktop');
  });

  it('never fetches when ELECTRON_OVERRIDE_DIST_PATH is set', async () => {
    const present = fakeDeps({ installed: true, env: { DISPLAY: ':0', ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' } });
    expect((await launchConsole(present.deps)).mode).toBe('desktop');
    expect(present.deps.installElectron).not.toHaveBeenCalled();

    const absent = fakeDeps({ env: { DISPLAY: ':0', ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' } });
    const outcome = await launchConsole(absent.deps);
    expect(absent.deps.installElectron).not.toHaveBeenCalled();
    expect(outcome.mode).toBe('web');
    expect(absent.lines.at(-1)).toBe(
      'ELECTRON_OVERRIDE_DIST_PATH names /opt/electron, which holds no electron: the console is served at http://127.0.0.1:4820; ' +
        'point it at an Electron build folder or unset it to get the desktop app',
    );
  });

  it('serves web mode without fetching where there is no display', async () => {
    const { deps, lines } = fakeDeps({ env: {} });
    const outcome = await launchConsole(deps);
    expect(outcome.mode).toBe('web');
    expect(deps.installElectron).not.toHaveBeenCalled();
    expect(deps.openDesktop).not.toHaveBeenCalled();
    expect(lines).toEqual([
      'no display (DISPLAY and WAYLAND_DISPLAY are unset): the console is served at http://127.0.0.1:4820; ' +
        'open it in a browser, or run npm start in a desktop session to get the desktop app',
    ]);
  });

  it('reports an installer that succeeds without leaving an executable as a failed download', async () => {
    const { deps, lines } = fakeDeps({ findElectron: () => null });
    expect((await launchConsole(deps)).mode).toBe('web');
    expect(lines.at(-1)).toMatch(/^could not download Electron \(the installer finished but left no executable\)/);
  });

  it('downloads Electron while the server starts', async () => {
    let serverReady!: (url: string) => void;
    const { deps } = fakeDeps({ startServer: () => new Promise((resolve) => (serverReady = resolve)) });
    const launched = launchConsole(deps);
    await vi.waitFor(() => expect(deps.installElectron).toHaveBeenCalled());
    expect(deps.openDesktop).not.toHaveBeenCalled();
    serverReady(SERVER_URL);
    expect(await launched).toEqual({ mode: 'desktop', binary: ELECTRON, serverUrl: SERVER_URL });
  });
});

describe('webModeLine and oldNodeFor', () => {
  it('keeps every message on one line', () => {
    for (const line of [
      webModeLine({ kind: 'no-display', detail: 'no display' }, SERVER_URL),
      webModeLine({ kind: 'download-failed', cause: 'ECONNREFUSED 127.0.0.1:9' }, SERVER_URL),
    ]) {
      expect(line).not.toContain('\n');
      expect(line).toContain(`the console is served at ${SERVER_URL}`);
    }
  });

  it('reads the installer engines range', () => {
    expect(oldNodeFor('v22.12.0', '>= 22.12.0')).toBeUndefined();
    expect(oldNodeFor('v24.1.0', '>= 22.12.0')).toBeUndefined();
    expect(oldNodeFor('v22.11.0', '>= 22.12.0')).toEqual({ current: '22.11.0', required: '>= 22.12.0' });
  });
});
