import type { Figure } from './figures';
import type { Measurement } from './load';
import { median, percentile } from './stats';

/** The server's per-socket limit (server/socket.ts): 100 requests/s, bursts of 200. */
const RATE_PER_SOCKET = 100;
/** Issue 14 (docs/ARCHITECTURE.md §8): ≥ 10,000 cmd/s and ≥ 0.5× the storage floor, at B = 10. */
const BUDGET_COMMANDS_PER_SECOND = 10_000;
const BUDGET_RATIO = 0.5;
export const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);

export const cpuPerCommand = (run: Measurement) => ((run.serverCpuPercent ?? Number.NaN) / 100 / run.perSecond) * 1e6;
const cpuOf = (runs: Measurement[], key: 'serverCpuPercent' | 'clientCpuPercent') =>
  runs.map((run) => run[key] ?? Number.NaN);

/** The storage floor's runs (support/storageFloor.ts): one transaction per push, and per 50 pushes. */
export interface FloorRuns {
  perPush: Measurement[];
  perGroup: Measurement[];
  /** Commands per transaction of `perGroup`. */
  groupCommands: number;
}

/**
 * The SQLite server beside its baselines: the storage floor (the budget's, issue 14), the floor with the server's
 * largest possible commit groups, and the bare socket.io echo (the baseline before issue 14).
 */
export function figuresFor(batch: number, server: Measurement[], echo: Measurement[], floor: FloorRuns): Figure[] {
  const label = `B=${batch}`;
  const applied = server.map((run) => run.perSecond);
  const echoed = echo.map((run) => run.perSecond);
  const floorPerPush = floor.perPush.map((run) => run.perSecond);
  const floorPerGroup = floor.perGroup.map((run) => run.perSecond);
  const rateLimited = server.reduce((sum, run) => sum + run.rateLimited, 0);
  const cap = CLIENTS * RATE_PER_SOCKET * batch;
  const capNote = `rate limit caps this at ${CLIENTS} × ${RATE_PER_SOCKET} pushes/s × ${batch} = ${cap.toLocaleString('en-US')} cmd/s (after a burst of 200 pushes per socket); ${rateLimited} push(es) answered RATE_LIMITED in the windows and were retried.`;
  const floorNote =
    `Storage floor: the rows each applied move writes (appointment upsert, activity event, 2 change-log rows, outcome; ` +
    `per push the client's progress, per transaction the sequence) by bare prepared statements in a fresh SQLite file of ` +
    `the same schema and pragmas (WAL, synchronous=FULL) on the same disk, one transaction per ${batch} command(s); no ` +
    `validation, reads, savepoints or broadcast. Heading for ≥ 0.7× the floor (docs/ARCHITECTURE.md §8).`;
  const note = batch === 10 ? `${floorNote}${rateLimited ? ` ${capNote}` : ''}` : `${floorNote} ${capNote}`;
  const figures: Figure[] = [
    {
      name: `server: commands applied/s, ${CLIENTS} clients, ${label}`,
      unit: 'cmd/s',
      median: median(applied),
      runs: applied,
      baseline: median(floorPerPush),
      baselineName: `storage floor, ${batch} cmd/transaction`,
      budget: batch === 10 ? { atLeast: BUDGET_COMMANDS_PER_SECOND, ratioAtLeast: BUDGET_RATIO } : undefined,
      note,
    },
    {
      name: `storage floor: commands written/s, one transaction per push of ${batch}`,
      unit: 'cmd/s',
      median: median(floorPerPush),
      runs: floorPerPush,
    },
    {
      name: `server: commands applied/s beside the floor with commit groups of ${floor.groupCommands}, ${label}`,
      unit: 'cmd/s',
      median: median(applied),
      runs: applied,
      baseline: median(floorPerGroup),
      baselineName: `storage floor, ${floor.groupCommands} cmd/transaction`,
      note:
        `The same floor with ${CLIENTS} pushes of ${batch} in each transaction: the most the server's group commit can ` +
        `gather with ${CLIENTS} clients each keeping one push in flight (it commits whatever has queued meanwhile, so ` +
        `its groups lie between one push and this). Informational.`,
    },
    {
      name: `server: commands applied/s beside the socket.io echo, ${label}`,
      unit: 'cmd/s',
      median: median(applied),
      runs: applied,
      baseline: median(echoed),
      baselineName: 'socket.io echo (the baseline before issue 14)',
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
      name: `storage floor: CPU per command written, one transaction per push of ${batch}`,
      unit: 'µs',
      median: median(floor.perPush.map(cpuPerCommand)),
      runs: floor.perPush.map(cpuPerCommand),
      baseline: median(floor.perGroup.map(cpuPerCommand)),
      baselineName: `${floor.groupCommands} cmd/transaction`,
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

/** One store configuration's runs: "PostgreSQL, 1 process", "PostgreSQL, 2 processes". */
export interface StoreRuns {
  label: string;
  runs: Measurement[];
}

/**
 * The same load on PostgreSQL, beside SQLite's 1 process measured in the same run (informational: the issue
 * sets no target). PostgreSQL's own CPU (its backends) comes from the `postgresCpu` counter when the bench
 * started the cluster itself.
 */
export function storeFigures(batch: number, sqlite: Measurement[], stores: StoreRuns[]): Figure[] {
  const label = `B=${batch}`;
  const figures: Figure[] = [];
  const against = (values: (run: Measurement) => number) => ({
    baseline: median(sqlite.map(values)),
    baselineName: 'SQLite, 1 process',
  });
  for (const { label: store, runs } of stores) {
    const applied = runs.map((run) => run.perSecond);
    figures.push({
      name: `server on ${store}: commands applied/s, ${CLIENTS} clients, ${label}`,
      unit: 'cmd/s',
      median: median(applied),
      runs: applied,
      ...against((run) => run.perSecond),
    });
    for (const p of [50, 95]) {
      const latency = (run: Measurement) => percentile(run.latencies, p);
      figures.push({
        name: `server on ${store}: push ack latency p${p}, ${label}`,
        unit: 'ms',
        median: median(runs.map(latency)),
        runs: runs.map(latency),
        ...against(latency),
      });
    }
    figures.push({
      name: `server on ${store}: server processes' CPU per applied command, ${label}`,
      unit: 'µs',
      median: median(runs.map(cpuPerCommand)),
      runs: runs.map(cpuPerCommand),
      ...against(cpuPerCommand),
    });
    const postgresCpu = runs.map((run) => ((run.rates.postgresCpu ?? Number.NaN) / run.perSecond) * 1e6);
    if (postgresCpu.some((value) => !Number.isNaN(value)))
      figures.push({
        name: `server on ${store}: PostgreSQL's CPU per applied command, ${label}`,
        unit: 'µs',
        median: median(postgresCpu),
        runs: postgresCpu,
      });
  }
  return figures;
}

/** Fan-out latency runs: the pushes' broadcasts at a console on the other process, and on the same one. */
export interface FanOutRuns {
  across: number[][];
  same: number[][];
  samples: number;
}

export function fanOutFigures(fanOut: FanOutRuns): Figure[] {
  return [50, 95].map((p) => {
    const across = fanOut.across.map((run) => percentile(run, p));
    return {
      name: `fan-out on PostgreSQL: push on process B → broadcast at a console on process A, p${p}`,
      unit: 'ms',
      median: median(across),
      runs: across,
      baseline: median(fanOut.same.map((run) => percentile(run, p))),
      baselineName: 'console on process B',
      // Issue 13: a console on process A sees a change pushed through process B within a second.
      budget: p === 95 ? { atMost: 1_000 } : undefined,
      note:
        p === 50
          ? `at rest: ${fanOut.samples} one-command pushes a run, one at a time, a gap between them; the listening console decodes each broadcast.`
          : undefined,
    };
  });
}
