import { test as base } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_BUNDLE } from './serverBundle';

const READY_TIMEOUT_MS = 60_000;
const KILL_GRACE_MS = 5_000;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not determine a free port'));
      });
    });
  });
}

/*
 * A run at another office hour is `scripts/e2e-at.sh HH:MM`: it moves every clock of the run, the specs' own
 * included. `DISPATCH_DEMO_NOW` alone would move only the servers' (a page's clock could follow through
 * Playwright's `clock.install`, but that replaces `performance` with one that records no marks, which the specs
 * wait on, while the specs' own `Date.now()` would stay the machine's), so it is refused here rather than half-applied.
 */
if (process.env.DISPATCH_DEMO_NOW)
  throw new Error(
    "DISPATCH_DEMO_NOW moves only the servers' clock: run the browser suite at an office hour with scripts/e2e-at.sh HH:MM.",
  );

export interface RunningServer {
  url: string;
  process: ChildProcess;
  output: () => string;
}

/** Starts `server/main.ts` in web mode and resolves once it prints its URL. `fixedPort` restarts a server where it was. */
export async function startServer(
  dataDir: string,
  extraArgs: string[] = ['--demo'],
  fixedPort?: number,
): Promise<RunningServer> {
  const port = fixedPort ?? (await freePort());
  // Node on the run's bundle of the server (serverBundle.ts, made by the global setup): neither `npx tsx` (its
  // resolution and wrapper process cost ~1.5 s a start here) nor tsx's loader (compiling server/ each start).
  const args = ['--enable-source-maps', SERVER_BUNDLE, '--port', String(port), '--data', dataDir, ...extraArgs];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group, so stopping it stops whatever the server started too.
    detached: true,
  });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server not ready after ${READY_TIMEOUT_MS} ms:\n${log}`)),
      READY_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (code ${code}, signal ${signal}):\n${log}`));
    });
  });
  return { url, process: child, output: () => log };
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), KILL_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

export const test = base.extend<{ serverUrl: string }>({
  // Playwright reads a fixture's dependencies from its first parameter, which must be a pattern.
  // eslint-disable-next-line no-empty-pattern
  serverUrl: async ({}, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'dispatch-e2e-'));
    const server = await startServer(dataDir);
    try {
      await use(server.url);
    } finally {
      await stopServer(server.process);
      await rm(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';
