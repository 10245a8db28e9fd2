import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, stopServer } from '../e2e/fixtures';
import { electronBinaryPath } from '../../scripts/electron-binary';

const binary = electronBinaryPath();

const SKIP_REASON =
  'Electron binary not installed on this machine (node_modules/electron/path.txt or its dist/ file missing); desktop tests skipped';
if (binary === null) console.log(SKIP_REASON);
test.skip(binary === null, SKIP_REASON);

test('desktop window loads the console', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'dispatch-electron-'));
  const server = await startServer(dataDir);
  try {
    const app = await electron.launch({
      executablePath: binary!,
      args: ['out/main/index.js'],
      env: { ...process.env, DISPATCH_SERVER_URL: server.url },
    });
    try {
      const page = await app.firstWindow();
      await expect(page).toHaveTitle('Dispatch Console');
      const api = await page.evaluate(() => window.dispatchDesktop);
      expect(api).toMatchObject({ platform: process.platform });
    } finally {
      await app.close();
    }
  } finally {
    await stopServer(server.process);
    await rm(dataDir, { recursive: true, force: true });
  }
});
