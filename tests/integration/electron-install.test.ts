// The installer runner against real child processes: a stand-in installer that downloads from a local server,
// one whose fetch is refused, one that hangs, and Electron's own installer pointed at a closed port.
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinaryPath } from '../../scripts/electron-binary';
import { runElectronInstaller } from '../../scripts/electron-install';
import { closedPort } from './fixtures/closed-port';

const FAKE_INSTALLER = join(import.meta.dirname, 'fixtures', 'fake-electron-installer.ts');
const SIZE = 3 * 1024 * 1024;

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url !== '/electron.zip') return void response.writeHead(404).end();
    response.writeHead(200, { 'content-length': String(SIZE) });
    // In pieces, so progress arrives more than once.
    let sent = 0;
    const next = () => {
      if (sent >= SIZE) return void response.end();
      sent += SIZE / 4;
      response.write(Buffer.alloc(SIZE / 4), () => setTimeout(next, 300));
    };
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('runElectronInstaller', () => {
  it('reports progress and success when the installer downloads and exits 0', async () => {
    const progress: [number, number | null][] = [];
    const outcome = await runElectronInstaller({
      installer: FAKE_INSTALLER,
      env: { ...process.env, FAKE_DOWNLOAD_URL: `${baseUrl}/electron.zip` },
      onProgress: (received, total) => progress.push([received, total]),
    });
    expect(outcome).toEqual({ ok: true });
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual([SIZE, SIZE]);
  });

  it('gives the refused host and port where the installer only says "fetch failed"', async () => {
    const port = await closedPort();
    const outcome = await runElectronInstaller({
      installer: FAKE_INSTALLER,
      env: { ...process.env, FAKE_DOWNLOAD_URL: `http://127.0.0.1:${port}/electron.zip` },
    });
    expect(outcome).toEqual({ ok: false, cause: `ECONNREFUSED 127.0.0.1:${port}` });
  });

  it('names the HTTP status of a mirror that does not have the file', async () => {
    const outcome = await runElectronInstaller({
      installer: FAKE_INSTALLER,
      env: { ...process.env, FAKE_DOWNLOAD_URL: `${baseUrl}/missing.zip` },
    });
    expect(outcome).toEqual({ ok: false, cause: `HTTP 404 from ${new URL(baseUrl).host}` });
  });

  it('gives up on an installer that makes no progress, within its limit', async () => {
    const started = Date.now();
    const outcome = await runElectronInstaller({
      installer: FAKE_INSTALLER,
      env: { ...process.env, FAKE_INSTALLER_MODE: 'hang' },
      stallLimitMs: 1_500,
    });
    expect(outcome).toEqual({ ok: false, cause: 'no progress for 1.5 s' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("runs Electron's own installer and reports why its download failed", async (context) => {
    if (electronBinaryPath() !== null) {
      console.log(
        'Electron is installed here, so its installer has nothing to download; real-installer failure test skipped',
      );
      context.skip();
    }
    const cache = await mkdtemp(join(tmpdir(), 'dispatch-electron-cache-'));
    try {
      const port = await closedPort();
      const outcome = await runElectronInstaller({
        env: { ...process.env, ELECTRON_MIRROR: `http://127.0.0.1:${port}/`, electron_config_cache: cache },
      });
      expect(outcome).toEqual({ ok: false, cause: `ECONNREFUSED 127.0.0.1:${port}` });
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });
});
