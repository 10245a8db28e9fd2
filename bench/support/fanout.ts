import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import { isErrorAnswer, type Answer, type ChangesBroadcast, type PushAnswer } from '../../domain/protocol';

/** Where the probe pushes (process B) and where a console listens (process A), each with a token of its own. */
export interface FanOutEnds {
  pushUrl: string;
  pushToken: string;
  listenUrl: string;
  listenToken: string;
}

export interface FanOutOptions {
  organizationId: string;
  technicianId: string;
  /** Pushes measured (one command each, one at a time). */
  samples: number;
  /** Pause between a broadcast's arrival and the next push, so the samples are at rest, not queued. */
  gapMs: number;
  /** A broadcast later than this counts as lost: the run stops and says so. */
  timeoutMs: number;
  /** Unique per run: the probe's job, appointment and client ids. */
  tag: string;
}

const connect = (url: string, token: string) =>
  new Promise<Socket>((resolve, reject) => {
    const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    // Nothing is sent before the server's hello (server/PROTOCOL.md).
    socket.once('hello', () => resolve(socket));
    socket.once('connect_error', (error) => reject(new Error(`connect to ${url} failed: ${error.message}`)));
  });

/**
 * Fan-out latency: from emitting a one-command push on one server process to the `changes` broadcast of that
 * commit arriving at a console connected to another process (through the socket.io adapter), in ms. Each
 * sample moves the probe's appointment to a new start time and waits for that change, so a broadcast is
 * matched to its own push. Throws when a broadcast does not arrive within `timeoutMs`.
 */
export async function fanOutLatencies(ends: FanOutEnds, options: FanOutOptions): Promise<number[]> {
  const pusher = await connect(ends.pushUrl, ends.pushToken);
  const listener = await connect(ends.listenUrl, ends.listenToken);
  const waiting = new Map<number, () => void>();
  const appointmentId = `fanout-${options.tag}-appointment`;
  listener.on('changes', (broadcast: ChangesBroadcast) => {
    for (const change of broadcast.changes) {
      if (change.kind !== 'appointment' || change.id !== appointmentId) continue;
      const start = (change.data as { start?: number }).start;
      if (start !== undefined) waiting.get(start)?.();
    }
  });
  const clientId = `fanout-${options.tag}`;
  let commandId = 0;
  const push = async (name: string, args: Record<string, unknown>) => {
    const answer = (await pusher.timeout(options.timeoutMs).emitWithAck('push', {
      clientId,
      commands: [{ id: ++commandId, name, args, createdAt: Date.now() }],
    })) as Answer<PushAnswer>;
    if (isErrorAnswer(answer))
      throw new Error(`fan-out probe: push refused: ${answer.error.code} ${answer.error.message}`);
    const result = answer.results[0];
    if (result?.status !== 'applied') throw new Error(`fan-out probe: ${name} not applied: ${JSON.stringify(result)}`);
  };
  try {
    const jobId = `fanout-${options.tag}-job`;
    const firstStart = Date.UTC(new Date().getUTCFullYear() + 1, 0, 5, 15);
    await push('job.create', {
      jobId,
      organizationId: options.organizationId,
      title: 'Fan-out probe',
      address: { street1: '1 Probe Street', city: 'Springfield' },
      customer: { id: `${jobId}-customer`, firstName: 'Probe' },
    });
    await push('appointment.create', {
      id: appointmentId,
      jobId,
      technicianId: options.technicianId,
      start: firstStart,
      durationMinutes: 60,
    });
    const latencies: number[] = [];
    for (let sample = 1; sample <= options.samples; sample++) {
      // A new start every sample (minutes apart), so each broadcast answers exactly one push.
      const start = firstStart + sample * 60_000;
      const sentAt = performance.now();
      const arrived = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(start);
          reject(new Error(`fan-out probe: no broadcast at ${ends.listenUrl} within ${options.timeoutMs} ms`));
        }, options.timeoutMs);
        waiting.set(start, () => {
          clearTimeout(timer);
          waiting.delete(start);
          resolve(performance.now() - sentAt);
        });
      });
      // Awaited below; if the push fails first, its timer's rejection must not go unhandled.
      arrived.catch(() => undefined);
      await push('appointment.move', { appointmentId, start });
      latencies.push(await arrived);
      await sleep(options.gapMs);
    }
    return latencies;
  } finally {
    pusher.disconnect();
    listener.disconnect();
  }
}
