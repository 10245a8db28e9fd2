import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuSecondsOf, ownCpuSeconds } from './child';

/** What one acknowledged push counted for. */
export type PushResult = { counted: number } | { rateLimitedMs: number };

/** One simulated client: sends its next push and resolves once the ack arrives. */
export interface Pusher {
  push(): Promise<PushResult>;
}

export interface Window {
  /** Not counted: lets connections, JIT and group-commit batching settle. Starts once every pusher has had an ack. */
  warmupMs: number;
  /** Counted. */
  windowMs: number;
  /** Whose CPU to sample over the window (the server children: their sum). */
  serverPids?: number[];
  /** Monotonic counters sampled at the window's start and end; their rates per second are returned. */
  counters?: Record<string, () => number>;
}

export interface Measurement {
  /** Counted units (commands) acknowledged per second of the window. */
  perSecond: number;
  /** Acknowledged pushes per second of the window. */
  pushesPerSecond: number;
  /** Ack latency of each push acknowledged inside the window, ms. */
  latencies: number[];
  /** Pushes answered RATE_LIMITED inside the window (each is retried after `retryAfterMs`). */
  rateLimited: number;
  /** The server children's CPU over the window, % of one core (undefined off Linux). */
  serverCpuPercent?: number;
  /** This process's (the clients') CPU over the window, % of one core. */
  clientCpuPercent: number;
  /** Each of `window.counters`, per second of the window. */
  rates: Record<string, number>;
  windowMs: number;
}

/**
 * Every pusher keeps exactly one push in flight (send, await the ack, send the next) until the window
 * closes. Counts what is acknowledged between the end of the warm-up and the end of the window, as
 * seen by timers on this event loop; the rates divide by the window's actual length.
 */
export async function measure(pushers: readonly Pusher[], window: Window): Promise<Measurement> {
  let phase: 'warmup' | 'window' | 'done' = 'warmup';
  let counted = 0;
  let pushes = 0;
  let rateLimited = 0;
  const latencies: number[] = [];
  let failure: unknown;

  // The first round of pushes all leave at once; the warm-up starts once every pusher has had an ack.
  let firstAcks = 0;
  let allAcked: () => void = () => undefined;
  const everyoneAcked = new Promise<void>((resolve) => (allAcked = resolve));

  const loop = async (pusher: Pusher) => {
    for (let round = 0; phase !== 'done' && failure === undefined; round++) {
      const sentAt = performance.now();
      let result: PushResult;
      try {
        result = await pusher.push();
      } catch (error) {
        failure ??= error;
        allAcked();
        return;
      }
      if (round === 0 && ++firstAcks === pushers.length) allAcked();
      if ('rateLimitedMs' in result) {
        if (phase === 'window') rateLimited++;
        await sleep(result.rateLimitedMs);
        continue;
      }
      if (phase === 'window') {
        counted += result.counted;
        pushes++;
        // Every push acknowledged in the window, even one sent just before it opened.
        latencies.push(performance.now() - sentAt);
      }
    }
  };

  const loops = pushers.map(loop);
  await everyoneAcked;
  await sleep(window.warmupMs);
  const startedAt = performance.now();
  const serverCpu = () => sumOf((window.serverPids ?? []).map(cpuSecondsOf));
  const serverCpuAtStart = serverCpu();
  const clientCpuAtStart = ownCpuSeconds();
  const counters = Object.entries(window.counters ?? {});
  const countersAtStart = counters.map(([, read]) => read());
  phase = 'window';
  await sleep(window.windowMs);
  phase = 'done';
  const endedAt = performance.now();
  const serverCpuAtEnd = serverCpu();
  const clientCpuAtEnd = ownCpuSeconds();
  const countersAtEnd = counters.map(([, read]) => read());
  await Promise.all(loops);
  if (failure !== undefined) throw failure;

  const seconds = (endedAt - startedAt) / 1000;
  return {
    perSecond: counted / seconds,
    pushesPerSecond: pushes / seconds,
    latencies,
    rateLimited,
    serverCpuPercent:
      serverCpuAtStart !== undefined && serverCpuAtEnd !== undefined
        ? ((serverCpuAtEnd - serverCpuAtStart) / seconds) * 100
        : undefined,
    clientCpuPercent: ((clientCpuAtEnd - clientCpuAtStart) / seconds) * 100,
    rates: Object.fromEntries(
      counters.map(([name], index) => [name, (countersAtEnd[index] - countersAtStart[index]) / seconds]),
    ),
    windowMs: endedAt - startedAt,
  };
}

/** undefined when there is nothing to add or any part is unknown (off Linux). */
function sumOf(values: (number | undefined)[]): number | undefined {
  if (!values.length || values.some((value) => value === undefined)) return undefined;
  return values.reduce<number>((sum, value) => sum + value!, 0);
}
