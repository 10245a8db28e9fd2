/**
 * Server throughput (docs/ARCHITECTURE.md §8): commands applied per second by the real sync server (SQLite,
 * synchronous=FULL, group commit) for 50 socket clients on loopback, beside a bare socket.io ack echo
 * driven the same way in the same run. Both servers run as child processes, so the clients (this
 * process) and the server each have a core of their own.
 *
 * Issue 14: the budget's baseline is the storage floor (support/storageFloor.ts), the rows the commands write by bare
 * prepared statements on the same disk, measured in turn with the servers; the echo stays as an informational line.
 *
 * Issue 13: the same load, in the same run, on PostgreSQL with 1 and with 2 server processes on one database
 * (the clients split between them), and the fan-out latency from a push on one process to the broadcast at
 * a console on the other. PostgreSQL comes from DISPATCH_BENCH_DATABASE_URL, else a throwaway cluster
 * (support/postgres.ts); without either the table says why those figures are missing.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { startChild, type Child } from './support/child';
import { summarizeCpuProfiles } from './support/cpuProfile';
import { fanOutLatencies } from './support/fanout';
import type { Figure } from './support/figures';
import { measure, type Measurement, type Pusher } from './support/load';
import { openBenchCluster, type BenchCluster } from './support/postgres';
import {
  CLIENTS,
  cpuPerCommand,
  fanOutFigures,
  figuresFor,
  storeFigures,
  type FanOutRuns,
  type FloorRuns,
  type StoreRuns,
} from './support/serverFigures';
import { percentile } from './support/stats';
import { StorageFloor } from './support/storageFloor';
import {
  ACK_TIMEOUT_MS,
  broadcastCharsReceived,
  connect,
  login,
  ORGANIZATION,
  pushToServer,
  TECHNICIANS,
  Workload,
} from './support/syncClients';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 500);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 3_000);
/** Batch sizes to measure, e.g. BENCH_BATCHES=10 (the budget is on B=10). */
const BATCHES = (process.env.BENCH_BATCHES ?? '10,1').split(',').map(Number);
/** Set to a directory to record `--cpu-prof` of the sync server and print its top functions. */
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF;
/** Extra Node flags for the sync server processes (e.g. BENCH_SERVER_NODE_ARGS=--max-semi-space-size=32), to try V8 settings. */
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
/** BENCH_POSTGRES=0 leaves PostgreSQL out (SQLite and the echo only, as before issue 13). */
const POSTGRES = process.env.BENCH_POSTGRES !== '0';
/** One-command pushes per fan-out run. */
const FANOUT_SAMPLES = Number(process.env.BENCH_FANOUT_SAMPLES ?? 100);
const FANOUT_GAP_MS = 10;
const FANOUT_TIMEOUT_MS = 5_000;

const SYNC_SERVER = fileURLToPath(new URL('../server/main.ts', import.meta.url));
const ECHO_SERVER = fileURLToPath(new URL('./support/echoServer.ts', import.meta.url));
const DISPATCHERS = ['dispatcher@demo.test', 'dispatcher2@demo.test'];

interface Side {
  name: string;
  children: Child[];
  pushers(batch: number): Pusher[];
}

/** A sync server process of a side, with a token of each dispatcher signed in there. */
interface SyncProcess {
  child: Child;
  tokens: string[];
}

interface SyncSide extends Side {
  processes: SyncProcess[];
}

/** Undone in reverse order when the module finishes or fails: sockets closed, children stopped. */
type Cleanup = (undo: () => unknown) => void;

/**
 * One configuration of the real sync server: one or more processes, each with its own data folder (token
 * key, sessions) and, on PostgreSQL, the same database. The first loads the demo; the others find it there.
 * Client i connects to process i mod n, so the load splits evenly.
 */
async function startSyncSide(
  name: string,
  processes: { dataDir: string; databaseUrl?: string }[],
  tag: string,
  profileDir: string | undefined,
  cleanup: Cleanup,
): Promise<SyncSide> {
  const started: SyncProcess[] = [];
  for (const [index, { dataDir, databaseUrl }] of processes.entries()) {
    const nodeArgs = [...SERVER_NODE_ARGS, ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])];
    const args = ['--port', '0', '--data', dataDir, ...(databaseUrl ? ['--database-url', databaseUrl] : [])];
    // Never the operator's DATABASE_URL: the SQLite side must be on SQLite.
    const child = await startChild(SYNC_SERVER, index === 0 ? [...args, '--demo'] : args, nodeArgs, {
      DATABASE_URL: undefined,
    });
    cleanup(() => child.stop());
    started.push({ child, tokens: await Promise.all(DISPATCHERS.map((email) => login(child.url, email))) });
  }
  const sockets = await Promise.all(
    Array.from({ length: CLIENTS }, async (_, index) => {
      const { child, tokens } = started[index % started.length];
      const socket = await connect(child.url, tokens[Math.floor(index / started.length) % tokens.length]);
      cleanup(() => socket.disconnect());
      return socket;
    }),
  );
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
    name,
    processes: started,
    children: started.map((process) => process.child),
    pushers: (batch) =>
      sockets.map((socket, index) => ({
        push: () => pushToServer(socket, workloads[index], workloads[index].batch(batch)),
      })),
  };
}

async function startEchoServer(tag: string, cleanup: Cleanup): Promise<Side> {
  const child = await startChild(ECHO_SERVER, ['--port', '0']);
  cleanup(() => child.stop());
  const sockets: Socket[] = await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const socket = await connect(child.url);
      cleanup(() => socket.disconnect());
      return socket;
    }),
  );
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
  return { name: 'echo', children: [child], pushers };
}

/** The PostgreSQL sides: 1 process on one database, 2 processes on another. */
async function startPostgresSides(cluster: BenchCluster, root: string, tag: string, cleanup: Cleanup) {
  const folder = async (name: string) => {
    const dataDir = join(root, name);
    await mkdir(dataDir, { recursive: true });
    return dataDir;
  };
  const single = await cluster.createDatabase();
  const pg1 = await startSyncSide(
    'PostgreSQL, 1 process',
    [{ dataDir: await folder('pg1'), databaseUrl: single }],
    `${tag}p1`,
    undefined,
    cleanup,
  );
  const shared = await cluster.createDatabase();
  const pg2 = await startSyncSide(
    'PostgreSQL, 2 processes',
    [
      { dataDir: await folder('pg2a'), databaseUrl: shared },
      { dataDir: await folder('pg2b'), databaseUrl: shared },
    ],
    `${tag}p2`,
    undefined,
    cleanup,
  );
  return [pg1, pg2];
}

/**
 * RUNS runs of the fan-out probe on the two-process side, alternating: pushes on process B heard by a console
 * on process A (through the adapter), and by a console on B itself (the same process's broadcast, the baseline).
 */
async function measureFanOut(side: SyncSide, tag: string, log: (text: string) => void): Promise<FanOutRuns> {
  const [a, b] = side.processes;
  const runs: FanOutRuns = { across: [], same: [], samples: FANOUT_SAMPLES };
  for (let index = 0; index < RUNS; index++) {
    const order = index % 2 ? (['same', 'across'] as const) : (['across', 'same'] as const);
    for (const where of order) {
      const listener = where === 'across' ? a : b;
      const latencies = await fanOutLatencies(
        {
          pushUrl: b.child.url,
          pushToken: b.tokens[0],
          listenUrl: listener.child.url,
          listenToken: listener.tokens[1],
        },
        {
          organizationId: ORGANIZATION,
          technicianId: TECHNICIANS[index % TECHNICIANS.length],
          samples: FANOUT_SAMPLES,
          gapMs: FANOUT_GAP_MS,
          timeoutMs: FANOUT_TIMEOUT_MS,
          tag: `${tag}-${where}-${index}`,
        },
      );
      runs[where].push(latencies);
      log(
        `fan-out run ${index + 1}/${RUNS} ${where === 'across' ? 'B → console on A' : 'B → console on B'}` +
          `  p50 ${percentile(latencies, 50).toFixed(1)} ms  p95 ${percentile(latencies, 95).toFixed(1)} ms`,
      );
    }
  }
  return runs;
}

/** A line in the table instead of figures that could not be measured, saying why. */
const missing = (name: string, why: string): Figure => ({ name, unit: '', median: Number.NaN, runs: [], note: why });

export async function run(): Promise<Figure[]> {
  const tag = Math.random().toString(36).slice(2, 8);
  const root = await mkdtemp(join(tmpdir(), 'dispatch-bench-'));
  const profileDir = CPU_PROF_DIR ? join(CPU_PROF_DIR, `server-${tag}`) : undefined;
  const undo: (() => unknown)[] = [];
  const cleanup: Cleanup = (step) => undo.push(step);
  const log = (text: string) => process.stderr.write(`[bench/server] ${text}\n`);
  const figures: Figure[] = [];
  /** Figures that could not be measured, at the end of the table. */
  const absent: Figure[] = [];
  try {
    const startedAt = performance.now();
    const sqliteDir = join(root, 'sqlite');
    const server = await startSyncSide('SQLite, 1 process', [{ dataDir: sqliteDir }], tag, profileDir, cleanup);
    const echo = await startEchoServer(tag, cleanup);
    const cluster = POSTGRES ? await openBenchCluster() : { missing: 'BENCH_POSTGRES=0 leaves PostgreSQL out.' };
    let postgres: SyncSide[] = [];
    if ('missing' in cluster) {
      log(`PostgreSQL figures left out: ${cluster.missing}`);
      absent.push(missing('server on PostgreSQL: not measured', cluster.missing));
    } else {
      cleanup(() => cluster.close());
      log(`PostgreSQL: ${cluster.origin}`);
      postgres = await startPostgresSides(cluster, root, tag, cleanup);
    }
    const sides: Side[] = [server, echo, ...postgres];
    log(
      `ready in ${Math.round(performance.now() - startedAt)} ms, ${CLIENTS} clients each: ` +
        sides.map((side) => `${side.name} ${side.children.map((child) => child.url).join(' + ')}`).join(', '),
    );
    const postgresCpu = 'missing' in cluster ? undefined : () => cluster.cpuSeconds() ?? Number.NaN;

    for (const batch of BATCHES) {
      const runs = new Map<Side, Measurement[]>(sides.map((side) => [side, []]));
      // The floors: fresh files for each batch size, on the same disk as the server's (the bench's temporary folder).
      const floors = [
        new StorageFloor(join(root, `floor-${batch}.sqlite`), CLIENTS, batch),
        new StorageFloor(join(root, `floor-${batch}x${CLIENTS}.sqlite`), CLIENTS, batch * CLIENTS),
      ];
      cleanup(() => floors.forEach((floor) => floor.close()));
      const floorRuns: FloorRuns = { perPush: [], perGroup: [], groupCommands: batch * CLIENTS };
      const measured: (Side | StorageFloor)[] = [sides[0], ...floors, ...sides.slice(1)];
      for (let index = 0; index < RUNS; index++) {
        // Alternate the order, so no side always follows the same other side's aftermath.
        const order = index % 2 ? [...measured].reverse() : measured;
        for (const side of order) {
          if (side instanceof StorageFloor) {
            const result = await side.measure(WARMUP_MS, WINDOW_MS);
            (side === floors[0] ? floorRuns.perPush : floorRuns.perGroup).push(result);
            log(
              `B=${batch} run ${index + 1}/${RUNS} ${`floor, ${side.groupSize} cmd/tx`.padEnd(23)} ${Math.round(result.perSecond).toLocaleString('en-US').padStart(8)} cmd/s` +
                `  transaction p50 ${percentile(result.latencies, 50).toFixed(1)} ms  p95 ${percentile(result.latencies, 95).toFixed(1)} ms` +
                `  cpu ${result.serverCpuPercent?.toFixed(0) ?? '?'}%  (${cpuPerCommand(result).toFixed(0)} µs/cmd)`,
            );
            continue;
          }
          const result = await measure(side.pushers(batch), {
            warmupMs: WARMUP_MS,
            windowMs: WINDOW_MS,
            serverPids: side.children.map((child) => child.pid),
            counters: { broadcastChars: broadcastCharsReceived, ...(postgresCpu ? { postgresCpu } : {}) },
          });
          runs.get(side)!.push(result);
          log(
            `B=${batch} run ${index + 1}/${RUNS} ${side.name.padEnd(23)} ${Math.round(result.perSecond).toLocaleString('en-US').padStart(8)} cmd/s` +
              `  p50 ${percentile(result.latencies, 50).toFixed(1)} ms  p95 ${percentile(result.latencies, 95).toFixed(1)} ms` +
              `  cpu server ${result.serverCpuPercent?.toFixed(0) ?? '?'}% clients ${result.clientCpuPercent.toFixed(0)}%` +
              (postgres.includes(side as SyncSide) && postgresCpu
                ? ` postgres ${((result.rates.postgresCpu ?? Number.NaN) * 100).toFixed(0)}%`
                : '') +
              `  (${cpuPerCommand(result).toFixed(0)} µs/cmd)` +
              `  broadcasts ${(result.rates.broadcastChars / 1e6).toFixed(1)} MB/s` +
              (result.rateLimited ? `  rate-limited ${result.rateLimited}` : ''),
          );
        }
      }
      figures.push(...figuresFor(batch, runs.get(server)!, runs.get(echo)!, floorRuns));
      const stores: StoreRuns[] = postgres.map((side) => ({ label: side.name, runs: runs.get(side)! }));
      figures.push(...storeFigures(batch, runs.get(server)!, stores));
    }

    const twoProcesses = postgres.find((side) => side.processes.length === 2);
    if (twoProcesses) {
      try {
        figures.push(...fanOutFigures(await measureFanOut(twoProcesses, tag, log)));
      } catch (error) {
        const why = `${(error as Error).message}: a change pushed on one process did not reach the other's consoles (no socket.io adapter across processes in this build?).`;
        log(`fan-out not measured: ${why}`);
        absent.push(missing('fan-out on PostgreSQL: not measured', why));
      }
    }
    return [...figures, ...absent];
  } finally {
    for (const step of undo.reverse()) await step();
    await rm(root, { recursive: true, force: true });
    if (profileDir) {
      log(`top self time in the sync server (${profileDir}; the whole life of the process, setup included):`);
      for (const line of await summarizeCpuProfiles(profileDir).catch((error: Error) => [
        `(no profile: ${error.message})`,
      ]))
        log(`  ${line}`);
    }
  }
}
