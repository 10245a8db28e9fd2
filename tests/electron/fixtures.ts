// Playwright fixtures for the desktop app: a real sync server on demo data and the built app (out/) in
// Electron, each test with its own data folder and its own userData profile.
import { _electron as electron, test as base, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinaryPath } from '../../scripts/electron-binary';
import { test as webTest } from '../e2e/fixtures';

export const binary = electronBinaryPath();

export const SKIP_REASON =
  'Electron binary not installed on this machine (node_modules/electron/path.txt or its dist/ file missing, and no ' +
  'ELECTRON_OVERRIDE_DIST_PATH); desktop tests skipped. Run npm start once to fetch Electron, then npm run test:electron';

/** Call at the top of each spec: skips it, saying why, where there is no Electron to run. */
export function skipWithoutElectron(): void {
  if (binary === null) console.log(SKIP_REASON);
  base.skip(binary === null, SKIP_REASON);
}

export interface Desktop {
  app: ElectronApplication;
  page: Page;
  userData: string;
  serverUrl: string;
}

/**
 * Starts the built desktop app with the given profile folder: against `serverUrl` for this run (as npm start
 * does), or, with null, as an installed app does, on the server saved in the profile (none on a first run).
 */
export function launchDesktop(serverUrl: string | null, userData: string): Promise<ElectronApplication> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), DISPATCH_USER_DATA_DIR: userData };
  if (serverUrl === null) delete env.DISPATCH_SERVER_URL;
  else env.DISPATCH_SERVER_URL = serverUrl;
  return electron.launch({ executablePath: binary!, args: ['out/main/index.js'], env });
}

// The sync server fixture is the end-to-end suite's own; the desktop app is started on top of it.
export const test = webTest.extend<{ desktop: Desktop }>({
  desktop: async ({ serverUrl }, use) => {
    const userData = await mkdtemp(join(tmpdir(), 'dispatch-electron-profile-'));
    const app = await launchDesktop(serverUrl, userData);
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      await use({ app, page, userData, serverUrl });
    } finally {
      await app.close();
      await rm(userData, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';
