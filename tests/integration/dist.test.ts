// The real `npm run dist` wrapper (scripts/dist.ts, after the build `npm test` has already done) where
// Electron's release files cannot be downloaded: one line, a non-zero exit, no installer. Mirrors point at a
// closed local port and the caches at empty folders, so no run downloads anything, here or in CI.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { closedPort } from './fixtures/closed-port';

let scratch: string | undefined;
afterAll(() => scratch && rm(scratch, { recursive: true, force: true }));

it('npm run dist says in one line that Electron cannot be downloaded, and fails', async () => {
  scratch = await mkdtemp(join(tmpdir(), 'dispatch-dist-'));
  const port = await closedPort();
  const mirror = `http://127.0.0.1:${port}/`;
  const dist = spawn(process.execPath, ['--import', 'tsx', 'scripts/dist.ts', '--output', join(scratch, 'out')], {
    env: {
      ...process.env,
      XDG_CACHE_HOME: join(scratch, 'cache'),
      ELECTRON_BUILDER_CACHE: join(scratch, 'builder-cache'),
      electron_config_cache: join(scratch, 'electron-cache'),
      ELECTRON_MIRROR: mirror,
      ELECTRON_BUILDER_BINARIES_MIRROR: mirror,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  dist.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  dist.stdout.resume();
  const code = await new Promise<number | null>((resolve) => dist.once('exit', resolve));

  expect(code).toBe(1);
  expect(stderr.trim()).toBe(
    `could not download Electron's release files (ECONNREFUSED 127.0.0.1:${port}): no installer was built; ` +
      'set ELECTRON_MIRROR and ELECTRON_BUILDER_BINARIES_MIRROR to reachable mirrors, or run npm run dist where GitHub can be reached',
  );
  const built = await readdir(join(scratch, 'out')).catch(() => []);
  expect(built.filter((name) => /\.(AppImage|deb|exe|dmg)$/.test(name))).toEqual([]);
}, 120_000);
