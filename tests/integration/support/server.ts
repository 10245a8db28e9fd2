import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type RunningServer, type ServerOptions } from '../../../server/app';
import { loadDemo } from '../../../server/demo';
import { createLogger } from '../../../server/log';
import { testStorage, type StoreLocation, type TestStorage } from './store';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const READY_TIMEOUT_MS = 60_000;
const OUTPUT_KEPT = 64 * 1024;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
}

export function tempDataDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `dispatch-${label}-`));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

/**
 * The real server as a child process (`node --import tsx server/main.ts`), killable and restartable, on the
 * store the suites run on (support/store.ts).
 */
export class ChildServer implements StoreLocation {
  private child: ChildProcess | undefined;
  private output = '';
  url = '';

  private constructor(
    private readonly storage: TestStorage,
    readonly port: number,
    private readonly env: Record<string, string> = {},
  ) {}

  /**
   * Starts on a fresh data folder (or `dataDir`), on PostgreSQL a fresh database, and a free port; `demo`
   * loads the demo organizations; `env` adds variables (operator settings such as DISPATCH_PASSWORD_COST).
   */
  static async start(
    options: { dataDir?: string; demo?: boolean; env?: Record<string, string> } = {},
  ): Promise<ChildServer> {
    const storage = await testStorage('child', options.dataDir);
    const server = new ChildServer(storage, await freePort(), options.env);
    try {
      await server.launch(options.demo ?? true);
    } catch (error) {
      await storage.remove();
      throw error;
    }
    return server;
  }

  get dataDir(): string {
    return this.storage.dataDir;
  }

  get databaseUrl(): string | undefined {
    return this.storage.databaseUrl;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines the process printed (stdout and stderr), for failure messages. */
  log(): string {
    return this.output;
  }

  private append(chunk: Buffer | string) {
    this.output = (this.output + chunk.toString()).slice(-OUTPUT_KEPT);
  }

  private async launch(demo: boolean): Promise<void> {
    const args = [
      '--import',
      'tsx',
      'server/main.ts',
      '--port',
      String(this.port),
      '--data',
      this.dataDir,
      ...(this.databaseUrl ? ['--database-url', this.databaseUrl] : []),
      ...(demo ? ['--demo'] : []),
    ];
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: process.env.SERVER_LOG_LEVEL ?? 'warn', ...this.env },
    });
    this.child = child;
    this.output = '';
    // A test that times out (or a worker that dies) must not leave a server running behind it.
    const orphanGuard = () => child.kill('SIGKILL');
    process.once('exit', orphanGuard);
    child.once('exit', () => process.off('exit', orphanGuard));
    this.url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(
        () => reject(new Error(`server not ready after ${READY_TIMEOUT_MS} ms:\n${this.output}`)),
        READY_TIMEOUT_MS,
      );
      const onExit = (code: number | null, signal: string | null) => {
        clearTimeout(timer);
        reject(new Error(`server exited before it was ready (code ${code}, signal ${signal}):\n${this.output}`));
      };
      child.stdout!.on('data', (chunk: Buffer) => {
        this.append(chunk);
        stdout += chunk.toString();
        const match = /http:\/\/127\.0\.0\.1:\d+/.exec(stdout);
        if (match) {
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve(match[0]);
        }
      });
      // Both pipes are drained for the life of the process, or a chatty server would block on a full pipe.
      child.stderr!.on('data', (chunk: Buffer) => this.append(chunk));
      child.once('exit', onExit);
    });
  }

  /** kill -9: no shutdown hook runs, nothing is flushed that was not already on disk. */
  async crash(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async restart(): Promise<void> {
    if (this.running) throw new Error('restart() needs the server stopped first');
    await this.launch(false);
  }

  async stop(): Promise<void> {
    await this.signal('SIGTERM', 5_000);
  }

  /** Stops the process and removes its data folder (and database). */
  async dispose(): Promise<void> {
    await this.stop();
    await this.storage.remove();
  }

  private async signal(signal: NodeJS.Signals, escalateAfterMs?: number): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = escalateAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), escalateAfterMs);
    await exited;
    clearTimeout(timer);
  }
}

export interface InProcessServer extends RunningServer, StoreLocation {
  dispose(): Promise<void>;
}

/**
 * The server in the test's own process, on the store the suites run on: faster to start, and its store and
 * directory can be inspected. `server` overrides options (a test's own shared database, for instance).
 */
export async function startInProcess(
  options: { demo?: boolean; server?: Partial<ServerOptions> } = {},
): Promise<InProcessServer> {
  const storage = await testStorage('inproc');
  const { dataDir, databaseUrl } = storage;
  const log = createLogger(process.env.SERVER_LOG_LEVEL ?? 'silent');
  const server = await startServer({ port: 0, dataDir, databaseUrl, log, ...options.server }).catch(
    async (error: unknown) => {
      await storage.remove();
      throw error;
    },
  );
  const dispose = async () => {
    await server.close();
    await storage.remove();
  };
  try {
    if (options.demo ?? true) await loadDemo(server.context);
  } catch (error) {
    await dispose();
    throw error;
  }
  const where = {
    dataDir: options.server?.dataDir ?? dataDir,
    databaseUrl: options.server?.databaseUrl ?? databaseUrl,
  };
  return { ...server, ...where, dispose };
}
