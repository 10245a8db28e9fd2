// Runs Electron's own installer (node_modules/electron/install.js) in a child process, so everything it honours
// stays honoured: ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR, its cache (electron_config_cache) and a proxy where
// ELECTRON_GET_USE_PROXY is set. The child carries a probe (electron-install-probe.ts) that reports progress
// and the real cause of a failed fetch; the time limits here keep a dead network from holding `npm start`.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What the probe inside the installer's process sends back over IPC. */
export type InstallerReport =
  { type: 'progress'; received: number; total: number | null } | { type: 'failed'; cause: string };

export type InstallOutcome = { ok: true } | { ok: false; cause: string };

export interface InstallerOptions {
  /** The installer script; Electron's own unless a test says otherwise. */
  installer?: string;
  env?: NodeJS.ProcessEnv;
  /** Gives up when nothing arrives for this long (connecting included). */
  stallLimitMs?: number;
  /** Gives up when the whole download takes longer than this. */
  timeLimitMs?: number;
  onProgress?(received: number, total: number | null): void;
}

export const DEFAULT_STALL_LIMIT_MS = 30_000;
export const DEFAULT_TIME_LIMIT_MS = 10 * 60_000;

const probeUrl = pathToFileURL(fileURLToPath(new URL('./electron-install-probe.ts', import.meta.url))).href;

export function defaultInstallerPath(root = process.cwd()): string {
  return join(root, 'node_modules', 'electron', 'install.js');
}

function duration(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 100) / 10} s`;
}

/** The first line of what the installer printed last (it prints `err.stack`), for when the probe saw nothing. */
function lastError(output: string): string | null {
  const line = output
    .split('\n')
    .map((text) => text.trim())
    .find((text) => text !== '' && !text.startsWith('at '));
  return line ?? null;
}

export function runElectronInstaller(options: InstallerOptions = {}): Promise<InstallOutcome> {
  const stallLimitMs = options.stallLimitMs ?? DEFAULT_STALL_LIMIT_MS;
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const installer = options.installer ?? defaultInstallerPath();
  // @electron/get's own bar would only start after 30 s and draw over ours.
  const env = { ...(options.env ?? process.env), ELECTRON_GET_NO_PROGRESS: '1' };

  return new Promise((resolve) => {
    let reportedCause: string | null = null;
    let output = '';
    let settled = false;
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', probeUrl, installer], {
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const finish = (outcome: InstallOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(stall);
      clearTimeout(overall);
      resolve(outcome);
    };
    const giveUp = (cause: string) => {
      child.kill('SIGTERM');
      finish({ ok: false, cause });
    };
    let stall = setTimeout(() => giveUp(`no progress for ${duration(stallLimitMs)}`), stallLimitMs);
    const overall = setTimeout(() => giveUp(`not finished within ${duration(timeLimitMs)}`), timeLimitMs);

    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('message', (message: InstallerReport) => {
      if (message.type === 'failed') {
        reportedCause ??= message.cause;
        return;
      }
      clearTimeout(stall);
      stall = setTimeout(() => giveUp(`no progress for ${duration(stallLimitMs)}`), stallLimitMs);
      options.onProgress?.(message.received, message.total);
    });
    child.on('error', (error) => finish({ ok: false, cause: error.message }));
    child.on('exit', (code, signal) => {
      if (code === 0) return finish({ ok: true });
      finish({
        ok: false,
        cause: reportedCause ?? lastError(output) ?? `the installer stopped (${signal ?? `exit code ${code}`})`,
      });
    });
  });
}

export interface ProgressPrinter {
  update(received: number, total: number | null): void;
  /** Ends a line left open on a terminal (a download that stopped part-way), so the next message starts clean. */
  end(): void;
}

/** A progress printer: one line rewritten in place on a terminal, a line per tenth elsewhere (logs, CI). */
export function progressPrinter(stream: NodeJS.WriteStream, label: string): ProgressPrinter {
  let lastTenth = -1;
  let lineOpen = false;
  const megabytes = (bytes: number) => (bytes / 1_048_576).toFixed(0);
  return {
    update(received, total) {
      const text = total
        ? `${label}: ${Math.floor((received / total) * 100)}% (${megabytes(received)} of ${megabytes(total)} MB)`
        : `${label}: ${megabytes(received)} MB`;
      if (stream.isTTY) {
        lineOpen = received !== total;
        stream.write(`\r${text}${lineOpen ? '' : '\n'}`);
        return;
      }
      const tenth = total ? Math.floor((received / total) * 10) : Math.floor(received / 10_485_760);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        stream.write(`${text}\n`);
      }
    },
    end() {
      if (lineOpen) stream.write('\n');
      lineOpen = false;
    },
  };
}
