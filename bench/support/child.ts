import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

const READY_TIMEOUT_MS = 60_000;
const KILL_GRACE_MS = 5_000;
const TAIL_CHARS = 8_000;

export interface Child {
  url: string;
  pid: number;
  process: ChildProcess;
  /** The last few KB of stdout and stderr, for error messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after a grace period; resolves once it has exited. */
  stop(): Promise<void>;
}

/** Children still running; killed when this process exits however it exits (a failed bench leaves none behind). */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of running) child.kill('SIGKILL');
    process.exit(130);
  });
}

/**
 * Starts a TypeScript entry point as `node --import tsx <script> …` (so the pid is the node process
 * itself, not an npx wrapper) and resolves with the first `http://127.0.0.1:<port>` it prints.
 * Its output is drained continuously so a chatty child never blocks on a full pipe.
 */
export async function startChild(
  script: string,
  args: string[],
  nodeArgs: string[] = [],
  env: Record<string, string | undefined> = {},
  options: { ipc?: boolean } = {},
): Promise<Child> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], {
    // With `ipc`, a channel for the child's process.send and 'message' (serverChild.ts).
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    // `env` overrides this process's variables; an undefined value leaves the variable out.
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', ...env },
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let tail = '';
  const append = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-TAIL_CHARS);
  };
  child.stderr!.on('data', append);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} not ready after ${READY_TIMEOUT_MS} ms:\n${tail}`)),
      READY_TIMEOUT_MS,
    );
    const onExit = (code: number | null, signal: string | null) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited early (code ${code}, signal ${signal}):\n${tail}`));
    };
    child.once('exit', onExit);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      append(chunk);
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(tail);
      if (match) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(match[0]);
      }
    });
  });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    }));

  return { url, pid: child.pid!, process: child, output: () => tail, stop };
}

/** Clock ticks per second of /proc/<pid>/stat times; 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;

/** User + system CPU seconds a process has used so far, from /proc (Linux); undefined elsewhere. */
export function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, i.e. 11 and 12 after "(comm) ".
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** This process's CPU seconds (user + system). */
export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}
