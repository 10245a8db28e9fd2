/**
 * Server throughput (docs/ARCHITECTURE.md §8): commands applied per second by the real sync server (SQLite,
 * synchronous=FULL, group commit) for 50 socket clients on loopback, beside a bare socket.io ack echo
 * driven the same way in the same run. Both servers run as child processes, so the clients (this
 * process) and the server each have a core of their own.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { isErrorAnswer, type Answer, type PushAnswer, type WireCommand } from '../domain/protocol';
import { startChild, type Child } from './support/child';
import { summarizeCpuProfiles } from './support/cpuProfile';
import type { Figure } from './support/figures';
import { measure, type Measurement, type PushResult, type Pusher } from './support/load';
import { median, percentile } from './support/stats';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 500);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 3_000);
/** Batch sizes to measure, e.g. BENCH_BATCHES=10 (the budget is on B=10). */
const BATCHES = (process.env.BENCH_BATCHES ?? '10,1').split(',').map(Number);
/** Set to a directory to record `--cpu-prof` of the sync server and print its top functions. */
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF;

const SYNC_SERVER = fileURLToPath(new URL('../server/main.ts', import.meta.url));
const ECHO_SERVER = fileURLToPath(new URL('./support/echoServer.ts', import.meta.url));

const ORGANIZATION = 'org-coolair';
const DISPATCHERS = ['dispatcher@demo.test', 'dispatcher2@demo.test'];
const PASSWORD = 'demo1234';
const TECHNICIANS = Array.from({ length: 8 }, (_, index) => `u-tech${index + 1}`);
/** The server's per-socket limit (server/socket.ts): 100 requests/s, bursts of 200. */
const RATE_PER_SOCKET = 100;
const ACK_TIMEOUT_MS = 30_000;
const BUDGET_COMMANDS_PER_SECOND = 3_000;
const BUDGET_RATIO = 0.5;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Command = WireCommand & { args: Record<string, unknown> };

/**
 * One dispatcher's console: its own clientId, gapless command ids, and one job whose two appointments
 * it creates and then keeps moving between two start times. The echo baseline uses the same generator,
 * so both servers receive payloads of the same shape and size.
 */
class Workload {
  private nextId = 1;
  private step = 0;
  readonly jobId: string;
  private readonly firstDay: number;

  constructor(
    readonly clientId: string,
    private readonly index: number,
    tag: string,
  ) {
    this.jobId = `bench-${tag}-job${index}`;
    const now = new Date();
    const tomorrow = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    this.firstDay = tomorrow + (index % 5) * DAY;
  }

  private command(name: string, args: Record<string, unknown>): Command {
    return { id: this.nextId++, name, args, createdAt: Date.now() };
  }

  /** The setup command: an accepted, unscheduled job of this client's own. */
  createJob(): Command {
    return this.command('job.create', {
      jobId: this.jobId,
      organizationId: ORGANIZATION,
      title: `Bench job ${this.index}`,
      address: { street1: `${100 + this.index} Bench Street`, city: 'Springfield' },
      customer: { id: `${this.jobId}-customer`, firstName: `Customer${this.index}` },
    });
  }

  /** Two `appointment.create`s, then `appointment.move`s alternating the two appointments' start times. */
  next(): Command {
    const step = this.step++;
    const which = step % 2;
    const appointmentId = `${this.jobId}-a${which}`;
    const round = Math.floor(step / 2);
    const start = this.firstDay + (round % 2 ? 13 * HOUR : 9 * HOUR) + which * 3 * HOUR;
    if (step < 2) {
      return this.command('appointment.create', {
        id: appointmentId,
        jobId: this.jobId,
        technicianId: TECHNICIANS[(this.index + which) % TECHNICIANS.length],
        start,
        durationMinutes: 60 + ((this.index + which) % 3) * 30,
      });
    }
    return this.command('appointment.move', { appointmentId, start });
  }

  batch(size: number): { clientId: string; commands: Command[] } {
    return { clientId: this.clientId, commands: Array.from({ length: size }, () => this.next()) };
  }

  get lastId(): number {
    return this.nextId - 1;
  }

  /** A RATE_LIMITED push consumed nothing: hand its ids out again. */
  rewind(commands: readonly Command[]): void {
    this.nextId -= commands.length;
    this.step -= commands.length;
  }
}

/** Bytes of `changes` broadcasts the clients received (and dropped unparsed), for the fan-out figure. */
let broadcastChars = 0;

/**
 * One client socket. It drops the server's `changes` broadcasts before socket.io decodes them: the 50
 * clients stand in for 50 machines, and parsing 50 copies of every change in this one process would
 * measure the bench, not the server. The frames still cross the wire and are counted.
 */
function connect(url: string, token?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      auth: token ? { token } : {},
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      autoConnect: false,
    });
    const manager = socket.io as unknown as { ondata(data: unknown): void };
    const decode = manager.ondata.bind(manager);
    manager.ondata = (data: unknown) => {
      if (typeof data === 'string' && data.startsWith('2["changes"')) broadcastChars += data.length;
      else decode(data);
    };
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error: Error & { data?: unknown }) =>
      reject(new Error(`connect to ${url} failed: ${error.message} ${JSON.stringify(error.data ?? '')}`)),
    );
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect')
        process.stderr.write(`[bench/server] a client lost its connection: ${reason}\n`);
    });
    socket.connect();
  });
}

async function login(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/v3/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username, password: PASSWORD }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!response.ok || !body.access_token)
    throw new Error(`login as ${username} failed (${response.status}): ${JSON.stringify(body)}`);
  return body.access_token;
}

/** Sends a push to the sync server; counts applied commands; any rejection is a bench bug. */
async function pushToServer(
  socket: Socket,
  workload: Workload,
  payload: { clientId: string; commands: Command[] },
): Promise<PushResult> {
  const answer = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('push', payload)) as Answer<PushAnswer>;
  if (isErrorAnswer(answer)) {
    if (answer.error.code === 'RATE_LIMITED') {
      workload.rewind(payload.commands);
      return { rateLimitedMs: answer.error.retryAfterMs ?? 10 };
    }
    throw new Error(`push refused: ${answer.error.code} ${answer.error.message}`);
  }
  const { results } = answer;
  const refused = results.find((result) => result.status !== 'applied');
  if (refused)
    throw new Error(`command ${refused.id} of ${payload.clientId} not applied: ${refused.code} ${refused.message}`);
  const lastId = payload.commands[payload.commands.length - 1].id;
  if (results.length !== payload.commands.length || answer.lastProcessedId !== lastId) {
    throw new Error(`unexpected push answer for ${payload.clientId}: ${JSON.stringify(answer).slice(0, 300)}`);
  }
  return { counted: results.length };
}

async function connectAll(url: string, tokens: (string | undefined)[], cleanup: Cleanup): Promise<Socket[]> {
  const sockets = await Promise.all(
    Array.from({ length: CLIENTS }, async (_, index) => {
      const socket = await connect(url, tokens[index % tokens.length]);
      cleanup(() => socket.disconnect());
      return socket;
    }),
  );
  return sockets;
}

interface Side {
  name: string;
  child: Child;
  pushers(batch: number): Pusher[];
}

/** Undone in reverse order when the module finishes or fails: sockets closed, children stopped. */
type Cleanup = (undo: () => unknown) => void;

async function startSyncServer(
  dataDir: string,
  tag: string,
  profileDir: string | undefined,
  cleanup: Cleanup,
): Promise<Side> {
  const nodeArgs = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const child = await startChild(SYNC_SERVER, ['--port', '0', '--data', dataDir, '--demo'], nodeArgs);
  cleanup(() => child.stop());
  const tokens = await Promise.all(DISPATCHERS.map((email) => login(child.url, email)));
  const sockets = await connectAll(child.url, tokens, cleanup);
  const workloads = sockets.map((_, index) => new Workload(`bench-${tag}-c${index}`, index, tag));
  // Setup, not timed: one accepted, unscheduled job per client.
  await Promise.all(
    sockets.map(async (socket, index) => {
      const workload = workloads[index];
      const payload = { clientId: workload.clientId, commands: [workload.createJob()] };
      const result = await pushToServer(socket, workload, payload);
      if (!('counted' in result)) throw new Error('setup push was rate limited');
    }),
  );
  return {
    name: 'sync server',
    child,
    pushers: (batch) =>
      sockets.map((socket, index) => ({
        push: () => pushToServer(socket, workloads[index], workloads[index].batch(batch)),
      })),
  };
}

async function startEchoServer(tag: string, cleanup: Cleanup): Promise<Side> {
  const child = await startChild(ECHO_SERVER, ['--port', '0']);
  cleanup(() => child.stop());
  const sockets = await connectAll(child.url, [undefined], cleanup);
  const workloads = sockets.map((_, index) => new Workload(`bench-${tag}-e${index}`, index, tag));
  workloads.forEach((workload) => workload.createJob());
  const pushers = (batch: number): Pusher[] =>
    sockets.map((socket, index) => ({
      push: async () => {
        const payload = workloads[index].batch(batch);
        const answer = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('push', payload)) as { ok?: boolean };
        if (answer.ok !== true) throw new Error(`echo answered ${JSON.stringify(answer)}`);
        return { counted: payload.commands.length };
      },
    }));
  return { name: 'echo', child, pushers };
}

const cpuPerCommand = (run: Measurement) => ((run.serverCpuPercent ?? Number.NaN) / 100 / run.perSecond) * 1e6;
const cpuOf = (runs: Measurement[], key: 'serverCpuPercent' | 'clientCpuPercent') =>
  runs.map((run) => run[key] ?? Number.NaN);

function figuresFor(batch: number, server: Measurement[], echo: Measurement[]): Figure[] {
  const label = `B=${batch}`;
  const applied = server.map((run) => run.perSecond);
  const echoed = echo.map((run) => run.perSecond);
  const rateLimited = server.reduce((sum, run) => sum + run.rateLimited, 0);
  const cap = CLIENTS * RATE_PER_SOCKET * batch;
  const capNote = `rate limit caps this at ${CLIENTS} × ${RATE_PER_SOCKET} pushes/s × ${batch} = ${cap.toLocaleString('en-US')} cmd/s (after a burst of 200 pushes per socket); ${rateLimited} push(es) answered RATE_LIMITED in the windows and were retried.`;
  const note =
    batch === 10
      ? `heading for ≥ 25,000 cmd/s and ≥ 0.7× the echo (docs/ARCHITECTURE.md §8)${rateLimited ? `; ${capNote}` : '.'}`
      : capNote;
  const figures: Figure[] = [
    {
      name: `server: commands applied/s, ${CLIENTS} clients, ${label}`,
      unit: 'cmd/s',
      median: median(applied),
      runs: applied,
      baseline: median(echoed),
      baselineName: 'socket.io echo',
      budget: batch === 10 ? { atLeast: BUDGET_COMMANDS_PER_SECOND, ratioAtLeast: BUDGET_RATIO } : undefined,
      note,
    },
    {
      name: `echo: acknowledged messages/s, ${label}`,
      unit: 'msg/s',
      median: median(echo.map((run) => run.pushesPerSecond)),
      runs: echo.map((run) => run.pushesPerSecond),
    },
  ];
  for (const p of [50, 95]) {
    const serverLatency = server.map((run) => percentile(run.latencies, p));
    figures.push({
      name: `server: push ack latency p${p}, ${label}`,
      unit: 'ms',
      median: median(serverLatency),
      runs: serverLatency,
      baseline: median(echo.map((run) => percentile(run.latencies, p))),
      baselineName: 'echo',
    });
  }
  figures.push(
    {
      name: `server process CPU, ${label}`,
      unit: '%',
      median: median(cpuOf(server, 'serverCpuPercent')),
      runs: cpuOf(server, 'serverCpuPercent'),
      baseline: median(cpuOf(echo, 'serverCpuPercent')),
      baselineName: 'echo process',
    },
    {
      // CPU time is what other load on a shared machine disturbs least: the steadiest figure here.
      name: `server CPU per applied command, ${label}`,
      unit: 'µs',
      median: median(server.map(cpuPerCommand)),
      runs: server.map(cpuPerCommand),
      baseline: median(echo.map(cpuPerCommand)),
      baselineName: 'echo, per command',
    },
    {
      name: `server: changes broadcast to the clients, ${label}`,
      unit: 'MB/s',
      median: median(server.map((run) => run.rates.broadcastChars / 1e6)),
      runs: server.map((run) => run.rates.broadcastChars / 1e6),
    },
    {
      name: `bench clients' CPU (this process), ${label}`,
      unit: '%',
      median: median(cpuOf(server, 'clientCpuPercent')),
      runs: cpuOf(server, 'clientCpuPercent'),
      baseline: median(cpuOf(echo, 'clientCpuPercent')),
      baselineName: 'driving echo',
    },
  );
  return figures;
}

export async function run(): Promise<Figure[]> {
  const tag = Math.random().toString(36).slice(2, 8);
  const dataDir = await mkdtemp(join(tmpdir(), 'dispatch-bench-'));
  const profileDir = CPU_PROF_DIR ? join(CPU_PROF_DIR, `server-${tag}`) : undefined;
  const undo: (() => unknown)[] = [];
  const cleanup: Cleanup = (step) => undo.push(step);
  const log = (text: string) => process.stderr.write(`[bench/server] ${text}\n`);
  try {
    const startedAt = performance.now();
    const server = await startSyncServer(dataDir, tag, profileDir, cleanup);
    const echo = await startEchoServer(tag, cleanup);
    log(
      `ready in ${Math.round(performance.now() - startedAt)} ms: sync server ${server.child.url} (pid ${server.child.pid}), echo ${echo.child.url} (pid ${echo.child.pid}), ${CLIENTS} clients each`,
    );

    const figures: Figure[] = [];
    for (const batch of BATCHES) {
      const serverRuns: Measurement[] = [];
      const echoRuns: Measurement[] = [];
      for (let index = 0; index < RUNS; index++) {
        // Alternate which side goes first, so neither always follows the other's aftermath.
        const order = index % 2 ? [echo, server] : [server, echo];
        for (const side of order) {
          const result = await measure(side.pushers(batch), {
            warmupMs: WARMUP_MS,
            windowMs: WINDOW_MS,
            serverPid: side.child.pid,
            counters: { broadcastChars: () => broadcastChars },
          });
          (side === server ? serverRuns : echoRuns).push(result);
          log(
            `B=${batch} run ${index + 1}/${RUNS} ${side.name.padEnd(11)} ${Math.round(result.perSecond).toLocaleString('en-US').padStart(8)} cmd/s` +
              `  p50 ${percentile(result.latencies, 50).toFixed(1)} ms  p95 ${percentile(result.latencies, 95).toFixed(1)} ms` +
              `  cpu server ${result.serverCpuPercent?.toFixed(0) ?? '?'}% clients ${result.clientCpuPercent.toFixed(0)}%` +
              `  (${cpuPerCommand(result).toFixed(0)} µs/cmd)` +
              `  broadcasts ${(result.rates.broadcastChars / 1e6).toFixed(1)} MB/s` +
              (result.rateLimited ? `  rate-limited ${result.rateLimited}` : ''),
          );
        }
      }
      figures.push(...figuresFor(batch, serverRuns, echoRuns));
    }
    return figures;
  } finally {
    for (const step of undo.reverse()) await step();
    await rm(dataDir, { recursive: true, force: true });
    if (profileDir) {
      log(`top self time in the sync server (${profileDir}; the whole life of the process, setup included):`);
      for (const line of await summarizeCpuProfiles(profileDir).catch((error: Error) => [
        `(no profile: ${error.message})`,
      ]))
        log(`  ${line}`);
    }
  }
}
