import { test as base, type BrowserContext } from '@playwright/test';
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

/**
 * `DISPATCH_DEMO_NOW` (server/demoClock.ts), passed on to every server the specs start, runs them from that
 * instant: the demo reads as at that office hour. Pages then run their clock from the same instant (as far
 * on as the newest server's), so a whole run can be checked at 7 AM or 9 PM. Choose an instant on the
 * office's real today: the specs' own `Date.now()` stays the machine's.
 */
const DEMO_NOW = process.env.DISPATCH_DEMO_NOW ? Date.parse(process.env.DISPATCH_DEMO_NOW) : undefined;
let serverStartedAt = Date.now();

/** Sets a new browser context's clock to the servers' when DISPATCH_DEMO_NOW is set; else leaves it be. */
export async function followDemoClock(context: BrowserContext): Promise<void> {
  if (DEMO_NOW !== undefined) await context.clock.install({ time: DEMO_NOW + (Date.now() - serverStartedAt) });
}

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
  serverStartedAt = Date.now();
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
  context: async ({ context }, use) => {
    await followDemoClock(context);
    await use(context);
  },
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
