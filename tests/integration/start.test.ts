// The real `npm start` (scripts/start.ts, after the build `npm test` has already done) on a machine where
// Electron cannot be downloaded: it must end in web mode with the one line that says why, and serve the console.
// The mirror is a closed local port and the cache an empty folder, so no run ever downloads 100 MB, here or in CI.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { electronBinaryPath } from '../../scripts/electron-binary';
import { closedPort } from './fixtures/closed-port';

const WEB_MODE_LINE =
  /^could not download Electron \(ECONNREFUSED 127\.0\.0\.1:(\d+)(?:; its installer needs Node [^)]+)?\): the console is served at (http:\/\/127\.0\.0\.1:\d+); (?:use Node [^,]+, )?set ELECTRON_MIRROR or install Electron to get the desktop app$/m;

let start: ChildProcess | undefined;
const folders: string[] = [];

afterEach(async () => {
  if (start && start.exitCode === null) {
    const exited = new Promise((resolve) => start!.once('exit', resolve));
    start.kill('SIGTERM');
    await exited;
  }
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

it('npm start falls back to web mode with one line naming the cause when Electron cannot be downloaded', async (context) => {
  if (electronBinaryPath() !== null) {
    console.log(
      'Electron is installed here, so npm start opens the desktop app (npm run test:electron covers it); web-mode fallback test skipped',
    );
    context.skip();
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'dispatch-start-data-'));
  const cache = await mkdtemp(join(tmpdir(), 'dispatch-start-cache-'));
  folders.push(dataDir, cache);
  const mirrorPort = await closedPort();

  start = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: {
      ...process.env,
      DISPATCH_PORT: '0',
      DISPATCH_DATA_DIR: dataDir,
      // A display, so the download is what decides; no window can open without Electron anyway.
      DISPLAY: process.env.DISPLAY || ':99',
      ELECTRON_MIRROR: `http://127.0.0.1:${mirrorPort}/`,
      electron_config_cache: cache,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  start.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  start.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  await expect.poll(() => WEB_MODE_LINE.exec(output), { timeout: 60_000, interval: 200 }).not.toBeNull();
  const [, refusedPort, serverUrl] = WEB_MODE_LINE.exec(output)!;
  expect(Number(refusedPort)).toBe(mirrorPort);
  expect(output).toContain('Electron 45.5.0 is not installed yet; downloading it with its own installer');

  // Web mode means the server keeps serving the console.
  const page = await fetch(`${serverUrl}/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<title>Dispatch Console</title>');
  expect(start.exitCode).toBeNull();
}, 90_000);
