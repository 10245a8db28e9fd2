import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import {
  DEFAULT_COMPLETE_REASONS,
  DEFAULT_DECLINE_REASONS,
  deriveJobStatus,
  fullName,
  isLive,
  roleFor,
  type Actor,
  type Appointment,
} from '../../../domain';
import { readJobView } from '../../../renderer/data/jobState';
import { CommandRejected, readMeta } from '../../../renderer/data/outbox';
import type { Conflict } from '../../../renderer/data/db';
import type { SyncClient } from '../../../renderer/sync/client';
import type { Change } from '../../../domain/protocol';
import { seededRandom } from '../support/fuzz';
import { ChildServer } from '../support/server';
import type { StoreLocation } from '../support/store';
import { FaultyProxy } from './faultyProxy';
import {
  confirmedState,
  describeSync,
  differences,
  eventually,
  FUTURE,
  HOUR,
  isSettled,
  MINUTE,
  openConsoleAs,
  rest,
  serverHead,
  serverState,
  sessionOf,
  startDemoServer,
  storedOutcomes,
  token,
  type Session,
} from './harness';

/**
 * The seeded randomized sync test (docs/ARCHITECTURE.md §7). Per seed: 3–4 consoles of CoolAir's dispatchers, each
 * with its own fake-indexeddb database and its own faulty proxy, make random valid commands while the
 * network and the server misbehave; technicians and the enterprise act through the REST API meanwhile.
 * Then everything quiets down, and:
 *   - every console's confirmed jobs and appointments equal the server's (a fresh pull of the log),
 *   - every command a console queued has exactly one outcome: applied on the server, or rejected there
 *     and in that console's conflicts list (once) with the server's code,
 *   - no outbox entry is left, and the server's log grew by exactly one commit per applied command.
 *
 * `npm test` runs 200 seeds, most on a small in-process server with cheap faults (a stop and restart of
 * that server among them); every 100th (50, 150…) runs the server as a child process and kills it with
 * SIGKILL. SYNC_SEEDS=N runs more; SYNC_SEED=n replays one. A seed fixes every decision (who does what,
 * which fault, when); timing still varies, so a replay runs the same script, not always the same interleaving.
 */
const SEEDS = process.env.SYNC_SEED
  ? [Number(process.env.SYNC_SEED)]
  : Array.from({ length: Number(process.env.SYNC_SEEDS ?? 200) }, (_, index) => index + 1);
const isHeavy = (seed: number) => seed % 100 === 50;

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const chance = (random: Random, p: number) => random() < p;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const TECHNICIANS = Array.from({ length: 8 }, (_, index) => `u-tech${index + 1}`);
const EMAILS = ['dispatcher@demo.test', 'dispatcher2@demo.test'];

/** The server under test: in-process (cheap restarts) or a child process (kill -9). */
interface ServerUnderTest extends StoreLocation {
  url: string;
  session(email: string): Promise<Session>;
  /** CoolAir's head seq. */
  head(): Promise<number>;
  /** The seed's own jobs: `own` accepted ones (the first with a scheduled appointment) and `offers` from Acme. */
  createJobs(prefix: string, own: number, offers: number): Promise<{ jobIds: string[]; offerIds: string[] }>;
  /** A fault: the server goes away and comes back on the same port and data. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

const jobArgs = (jobId: string, title: string, street: string) => ({
  jobId,
  organizationId: 'org-coolair',
  title,
  address: { street1: street, city: 'Austin', state: 'TX', timezone: 'America/Chicago' },
  customer: {
    id: `${jobId}-customer`,
    firstName: 'Rita',
    lastName: 'Random',
    phoneNumbers: [{ number: 'tel:+1-555-0150', primary: true }],
  },
});

async function inProcessServer(): Promise<ServerUnderTest> {
  const demo = await startDemoServer({ demo: 'people' });
  /** Straight into the pipeline: the same commands the REST API would run, without HTTP around them. */
  const submit = async (email: string, name: string, args: unknown) => {
    const user = demo.server.context.directory.storedUserByEmail(email)!;
    const actor: Actor = {
      userId: user.id,
      name: fullName(user),
      role: roleFor(user, 'integration')!,
      organizationId: user.organizationId,
      source: 'integration',
    };
    const outcome = await demo.server.context.pipeline.submit(actor, name, args);
    if (outcome.status !== 'applied') throw new Error(`setting up: ${name} ${outcome.code} ${outcome.message}`);
  };
  return {
    async createJobs(prefix, own, offers) {
      const jobIds: string[] = [];
      const offerIds: string[] = [];
      for (let index = 0; index < own; index++) {
        const jobId = `${prefix}-job-${index}`;
        await submit(
          'dispatcher@demo.test',
          'job.create',
          jobArgs(jobId, `${prefix} job ${index}`, `${index} Random Road`),
        );
        if (index === 0)
          await submit('dispatcher@demo.test', 'appointment.create', {
            id: `${prefix}-apt-0`,
            jobId,
            technicianId: TECHNICIANS[0],
            start: FUTURE,
            durationMinutes: 60,
          });
        jobIds.push(jobId);
      }
      for (let index = 0; index < offers; index++) {
        const jobId = `${prefix}-offer-${index}`;
        await submit(
          'enterprise@demo.test',
          'job.offer',
          jobArgs(jobId, `${prefix} offer ${index}`, `${index} Offer Lane`),
        );
        offerIds.push(jobId);
      }
      return { jobIds, offerIds };
    },
    get url() {
      return demo.server.url;
    },
    dataDir: demo.dataDir,
    databaseUrl: demo.databaseUrl,
    session: async (email) => sessionOf(demo.server, email),
    head: () => demo.server.context.store.headSeq('org-coolair'),
    restart: () => demo.restart(),
    dispose: () => demo.stop(),
  };
}

async function childServer(): Promise<ServerUnderTest> {
  const child = await ChildServer.start({ demo: true });
  const sessions = new Map<string, Promise<Session>>();
  const session = (email: string) => {
    if (!sessions.has(email)) sessions.set(email, token(child.url, email));
    return sessions.get(email)!;
  };
  return {
    url: child.url,
    dataDir: child.dataDir,
    databaseUrl: child.databaseUrl,
    session,
    async createJobs(prefix, own, offers) {
      const dispatcher = await session('dispatcher@demo.test');
      const enterprise = await session('enterprise@demo.test');
      const create = async (bearer: string, status: string, jobId: string, title: string, street: string) => {
        const created = await rest(child.url, bearer, 'POST', '/jobs', {
          job: {
            id: jobId,
            title,
            organization_id: 'org-coolair',
            status,
            address: { street_1: street, city: 'Austin', state: 'TX', timezone: 'America/Chicago' },
            customer: { first_name: 'Rita', last_name: 'Random' },
          },
        });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
      };
      const jobIds: string[] = [];
      const offerIds: string[] = [];
      for (let index = 0; index < own; index++) {
        const jobId = `${prefix}-job-${index}`;
        await create(dispatcher.token, 'unscheduled', jobId, `${prefix} job ${index}`, `${index} Random Road`);
        if (index === 0) {
          const scheduled = await rest(child.url, dispatcher.token, 'POST', '/appointments', {
            appointment: {
              id: `${prefix}-apt-0`,
              job_id: jobId,
              time: new Date(FUTURE).toISOString(),
              duration: 3600,
              user_id: TECHNICIANS[0],
            },
          });
          expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(201);
        }
        jobIds.push(jobId);
      }
      for (let index = 0; index < offers; index++) {
        const jobId = `${prefix}-offer-${index}`;
        await create(enterprise.token, 'offered', jobId, `${prefix} offer ${index}`, `${index} Offer Lane`);
        offerIds.push(jobId);
      }
      return { jobIds, offerIds };
    },
    head: async () => serverHead(child.url, (await session('dispatcher@demo.test')).token),
    async restart() {
      await child.crash();
      await child.restart();
    },
    dispose: () => child.dispose(),
  };
}

/**
 * The first commits of a broadcast (a group commit carries several): what a delivery could hold if the
 * server had published them separately. Never part of a commit: the server never splits one.
 */
function firstCommits(batch: Change[], random: Random): Change[] {
  const seqs = [...new Set(batch.map((change) => change.seq))];
  const keep = new Set(seqs.slice(0, 1 + Math.floor(random() * seqs.length)));
  return batch.filter((change) => keep.has(change.seq));
}

/** Every broadcast the organization's room gets, on its own socket that reconnects across restarts. */
function recordBroadcasts(url: string, bearer: string): { batches: Change[][]; close(): void } {
  const socket: Socket = io(url, {
    auth: { token: bearer },
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
  });
  const batches: Change[][] = [];
  socket.on('changes', (message: { changes: Change[] }) => batches.push(message.changes));
  return { batches, close: () => socket.close() };
}

interface Console {
  name: string;
  session: Session;
  client: SyncClient;
  proxy: FaultyProxy;
  /** Commands this console queued (ids 1..queued). */
  queued: number;
  /** Commands whose conflict the dispatcher took off the list (applied again, or dismissed). */
  resolved: Set<number>;
}

class World {
  readonly log: string[] = [];
  readonly consoles: Console[] = [];
  jobIds: string[] = [];
  offerIds: string[] = [];
  /** Commits made outside the consoles (REST, setup) after the start line. */
  otherCommits = 0;
  headAtStart = 0;
  recorder!: { batches: Change[][]; close(): void };
  private readonly cleanups: (() => Promise<unknown>)[] = [];

  constructor(
    readonly seed: number,
    readonly random: Random,
    readonly server: ServerUnderTest,
  ) {}

  note(line: string) {
    this.log.push(line);
  }

  async setUp(consoleCount: number) {
    const dispatcher = await this.server.session('dispatcher@demo.test');
    ({ jobIds: this.jobIds, offerIds: this.offerIds } = await this.server.createJobs(`s${this.seed}`, 2, 1));
    this.headAtStart = await this.server.head();
    this.recorder = recordBroadcasts(this.server.url, dispatcher.token);
    this.cleanups.push(async () => this.recorder.close());
    const pushBatches = Array.from({ length: consoleCount }, () => 1 + Math.floor(this.random() * 4));
    const opened = await Promise.all(
      pushBatches.map(async (pushBatch, index) => {
        const email = EMAILS[index % EMAILS.length];
        const session = await this.server.session(email);
        const proxy = await FaultyProxy.start(this.server.url);
        this.cleanups.push(() => proxy.close());
        const client = await openConsoleAs(proxy.url, session, { engine: { pushBatch, ackTimeoutMs: 5_000 } });
        this.cleanups.push(() => client.close());
        return { name: `console ${index} (${email})`, session, client, proxy, queued: 0, resolved: new Set<number>() };
      }),
    );
    this.consoles.push(...opened);
    // Each console starts from the seed's jobs: the first sync is done before anyone acts.
    await Promise.all(
      this.consoles.map((console) =>
        eventually(async () => isSettled(console.client, this.headAtStart), `${console.name} to sync`),
      ),
    );
  }

  async dispose() {
    while (this.cleanups.length) await this.cleanups.pop()!().catch(() => undefined);
  }

  /** One random action a dispatcher could take on what this console shows now. */
  async dispatcherActs(target: Console) {
    const { random } = this;
    const conflicts = await target.client.db.conflicts.toArray();
    if (conflicts.length && chance(random, 0.4)) return this.resolveConflict(target, pick(random, conflicts));
    const jobId = pick(random, [...this.jobIds, ...this.offerIds]);
    const view = await readJobView(target.client.db, jobId, target.session.actor);
    const job = view.job;
    if (!job) return;
    const commands = target.client.commands;
    const live = view.appointments.filter(isLive);
    const options: [string, () => Promise<unknown>][] = [];
    if (job.lifecycle === 'offered') {
      options.push(['accept', () => commands.accept(jobId)]);
      options.push([
        'acceptAndSchedule',
        () =>
          commands.acceptAndSchedule(jobId, {
            technicianId: pick(random, TECHNICIANS),
            start: FUTURE + Math.floor(random() * 48) * HOUR,
            durationMinutes: 60,
          }),
      ]);
      options.push(['decline', () => commands.decline(jobId, pick(random, DEFAULT_DECLINE_REASONS).id)]);
    }
    if (job.lifecycle === 'open' || job.lifecycle === 'complete') {
      options.push([
        'schedule',
        () =>
          commands.schedule(jobId, {
            technicianId: pick(random, [...TECHNICIANS, null]),
            start: FUTURE + Math.floor(random() * 48) * HOUR,
            durationMinutes: 30 + 15 * Math.floor(random() * 6),
          }),
      ]);
    }
    if (job.lifecycle === 'open' && chance(random, 0.15))
      options.push(['cancelJob', () => commands.cancelJob(jobId, 'Customer called to cancel')]);
    const paused =
      deriveJobStatus(job, view.appointments, (id) => DEFAULT_COMPLETE_REASONS.find((reason) => reason.id === id)) ===
      'paused';
    if (paused) options.push(['completeJob', () => commands.completeJob(jobId)]);
    for (const appointment of live) options.push(...this.appointmentActions(target, appointment));
    if (!options.length) return;
    const [what, act] = pick(random, options);
    try {
      await act();
      target.queued++;
      this.note(`${target.name}: ${what} on ${jobId} → command ${target.queued}`);
    } catch (error) {
      // The console itself refused (the state changed under the pick): nothing may have been queued.
      if (!(error instanceof CommandRejected)) throw error;
      this.note(`${target.name}: ${what} on ${jobId} refused locally (${error.code})`);
    }
  }

  /** Each console resolves about half of its conflicts; returns whether any was. */
  async workThroughConflicts(): Promise<boolean> {
    let any = false;
    for (const target of this.consoles) {
      for (const conflict of await target.client.db.conflicts.toArray()) {
        if (!chance(this.random, 0.5)) continue;
        await this.resolveConflict(target, conflict);
        any = true;
      }
    }
    return any;
  }

  /** "Apply again" (sometimes clicked twice) or "Dismiss" on a conflict of the list. */
  private async resolveConflict(target: Console, conflict: Conflict) {
    const { commands } = target.client;
    if (chance(this.random, 0.25)) {
      await commands.dismissConflict(conflict.key!);
      target.resolved.add(conflict.commandId);
      this.note(`${target.name}: dismisses the conflict of command ${conflict.commandId}`);
      return;
    }
    const clicks = chance(this.random, 0.3) ? 2 : 1;
    const outcomes = await Promise.allSettled(Array.from({ length: clicks }, () => commands.applyAgain(conflict.key!)));
    for (const outcome of outcomes) {
      if (outcome.status === 'fulfilled') {
        target.queued++;
        target.resolved.add(conflict.commandId);
      } else if (!(outcome.reason instanceof CommandRejected)) {
        throw outcome.reason;
      }
    }
    const codes = outcomes.map((outcome) =>
      outcome.status === 'fulfilled' ? `command ${outcome.value.id}` : (outcome.reason as CommandRejected).code,
    );
    this.note(
      `${target.name}: applies again the conflict of command ${conflict.commandId} (${clicks} click${clicks > 1 ? 's' : ''}) → ${codes.join(', ')}`,
    );
  }

  private appointmentActions(target: Console, appointment: Appointment): [string, () => Promise<unknown>][] {
    const { random } = this;
    const commands = target.client.commands;
    const reason = () => pick(random, DEFAULT_COMPLETE_REASONS).id;
    const id = appointment.id;
    switch (appointment.status) {
      case 'scheduled':
        return [
          ['move', () => commands.move(id, { start: FUTURE + Math.floor(random() * 96) * 30 * MINUTE })],
          [
            'move',
            () =>
              commands.move(id, {
                technicianId: pick(random, TECHNICIANS),
                start: FUTURE + Math.floor(random() * 96) * 30 * MINUTE,
              }),
          ],
          ['resize', () => commands.move(id, { durationMinutes: 30 + 15 * Math.floor(random() * 8) })],
          ['cancelAppointment', () => commands.cancelAppointment(id)],
          ['onMyWay', () => commands.setStatus(id, 'enroute', { etaMinutes: 20 })],
          ['start', () => commands.setStatus(id, 'started')],
        ];
      case 'enroute':
        return [
          ['undoOnMyWay', () => commands.setStatus(id, 'scheduled')],
          ['start', () => commands.setStatus(id, 'started')],
        ];
      case 'started':
        return [['complete', () => commands.complete(id, reason())]];
      default:
        return [];
    }
  }

  /** A technician (REST, mobile) or the enterprise acts on the server directly. */
  async otherPartyActs() {
    const { random } = this;
    const dispatcher = await this.server.session('dispatcher@demo.test');
    if (chance(random, 0.25) && this.offerIds.length) {
      const enterprise = await this.server.session('enterprise@demo.test');
      const offerId = pick(random, this.offerIds);
      const answer = await rest(this.server.url, enterprise.token, 'PATCH', `/jobs/${offerId}`, {
        job: { status: 'canceled' },
      });
      if (answer.status === 200) this.otherCommits++;
      this.note(`enterprise withdraws ${offerId}: ${answer.status}`);
      return;
    }
    const jobId = pick(random, this.jobIds);
    const listed = await rest<{ appointments: { id: string; user_id: string | null; status: string }[] }>(
      this.server.url,
      dispatcher.token,
      'GET',
      `/appointments?filter[job_id_eq]=${jobId}`,
    );
    const mine = listed.body.appointments.filter(
      (appointment) => appointment.user_id && ['scheduled', 'enroute', 'started'].includes(appointment.status),
    );
    if (!mine.length) return;
    const appointment = pick(random, mine);
    const next =
      appointment.status === 'scheduled'
        ? pick(random, ['enroute', 'started'])
        : appointment.status === 'enroute'
          ? 'started'
          : 'complete';
    const technician = await this.server.session(`tech${appointment.user_id!.replace('u-tech', '')}@demo.test`);
    const body =
      next === 'complete'
        ? { status: next, complete_reason_id: pick(random, DEFAULT_COMPLETE_REASONS).id }
        : next === 'enroute'
          ? { status: next, eta_minutes: 25 }
          : { status: next };
    const answer = await rest(this.server.url, technician.token, 'PATCH', `/appointments/${appointment.id}`, {
      appointment: body,
    });
    if (answer.status === 200) this.otherCommits++;
    this.note(`technician ${appointment.user_id} sets ${appointment.id} ${next}: ${answer.status}`);
  }

  async fault(heavy: boolean) {
    const { random } = this;
    tally.faults++;
    const target = pick(random, this.consoles);
    const roll = random();
    if (roll < 0.2) {
      target.proxy.cutAll();
      this.note(`fault: ${target.name} connection dropped`);
    } else if (roll < 0.4) {
      if (target.proxy.isUp) target.proxy.down();
      else target.proxy.up();
      this.note(`fault: ${target.name} network ${target.proxy.isUp ? 'back' : 'down'}`);
    } else if (roll < 0.55) {
      void target.proxy.cutOnServerBytes('"results"');
      this.note(`fault: ${target.name} will lose its next push ack`);
    } else if (roll < 0.8) {
      const batches = this.recorder.batches;
      const engine = target.client.engine();
      if (!batches.length || !engine) return;
      const count = 1 + Math.floor(random() * 3);
      for (let index = 0; index < count; index++) {
        const batch = chance(random, 0.5) ? batches[batches.length - 1] : pick(random, batches);
        engine.receive(chance(random, 0.2) ? firstCommits(batch, random) : batch);
      }
      this.note(`fault: ${target.name} gets ${count} duplicate/late deliveries`);
    } else if (roll < 0.95) {
      if (target.proxy.dropBroadcasts) this.endLostBroadcasts(target);
      else target.proxy.dropBroadcasts = true;
      this.note(
        `fault: ${target.name} ${target.proxy.dropBroadcasts ? 'starts losing broadcasts' : 'lost its connection after losing broadcasts'}`,
      );
    } else {
      this.note(heavy ? 'fault: server killed with SIGKILL and restarted' : 'fault: server stopped and restarted');
      tally.restarts++;
      await this.server.restart();
    }
  }

  /**
   * Messages are lost only with the connection that carried them: a broadcast-losing spell ends with that
   * connection breaking (on a live connection socket.io delivers in order, and the engine finds a lost
   * broadcast only through the next gap, push ack or reconnect).
   */
  private endLostBroadcasts(target: Console) {
    target.proxy.dropBroadcasts = false;
    target.proxy.cutAll();
  }

  /** Everyone back online; waits until every console has sent everything and applied the whole log. */
  async quiet(timeoutMs: number) {
    for (const console of this.consoles) {
      console.proxy.up();
      if (console.proxy.dropBroadcasts) this.endLostBroadcasts(console);
    }
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const head = await this.server.head();
      const settled = await Promise.all(this.consoles.map((console) => isSettled(console.client, head)));
      if (settled.every(Boolean)) return head;
      if (Date.now() > deadline) {
        const states = await Promise.all(
          this.consoles.map(async (console) => `${console.name}: ${await describeSync(console.client)}`),
        );
        throw new Error(`the consoles did not settle at head ${head}:\n  ${states.join('\n  ')}`);
      }
      await sleep(40);
    }
  }

  async check(head: number) {
    const dispatcher = await this.server.session('dispatcher@demo.test');
    const server = await serverState(this.server.url, dispatcher.token);
    expect(server.head).toBe(head);
    let applied = 0;
    for (const console of this.consoles) {
      const mine = await confirmedState(console.client);
      expect(
        [
          ...differences('job', mine.jobs, server.jobs),
          ...differences('appointment', mine.appointments, server.appointments),
        ],
        console.name,
      ).toEqual([]);
      expect(await console.client.db.outbox.count(), `${console.name} outbox`).toBe(0);
      const meta = await readMeta(console.client.db);
      expect(meta.nextCommandId - 1, `${console.name} commands queued`).toBe(console.queued);
      const stored = await storedOutcomes(this.server, meta.clientId);
      expect(stored.lastProcessedId, `${console.name} commands processed by the server`).toBe(console.queued);
      const conflicts = await console.client.db.conflicts.toArray();
      for (const outcome of stored.results) {
        const mineForIt = conflicts.filter((conflict) => conflict.commandId === outcome.id);
        if (outcome.status === 'applied') {
          applied++;
          expect(mineForIt, `${console.name} command ${outcome.id} applied yet in conflicts`).toEqual([]);
        } else if (console.resolved.has(outcome.id)) {
          expect(mineForIt, `${console.name} command ${outcome.id} rejected, then resolved: off the list`).toEqual([]);
        } else {
          expect(
            mineForIt.map((conflict) => conflict.code),
            `${console.name} command ${outcome.id} rejected: one conflict`,
          ).toEqual([outcome.code]);
        }
      }
      expect(
        conflicts.filter((conflict) => conflict.commandId > console.queued),
        `${console.name} conflicts of unknown commands`,
      ).toEqual([]);
    }
    // One commit per applied command: none applied twice, none lost between ack and log.
    expect(head - this.headAtStart, 'commits since the start').toBe(applied + this.otherCommits);
  }
}

async function runSeed(seed: number): Promise<void> {
  const random = seededRandom(seed);
  const heavy = isHeavy(seed);
  const server = heavy ? await childServer() : await inProcessServer();
  const world = new World(seed, random, server);
  try {
    await world.setUp(chance(random, 0.25) ? 4 : 3);
    const steps = heavy ? 30 : 4 + Math.floor(random() * 6);
    for (let step = 0; step < steps; step++) {
      if (heavy && step === steps >> 1) {
        // At least one kill -9 per heavy seed, whatever the dice say.
        world.note('fault: server killed with SIGKILL and restarted');
        tally.restarts++;
        await server.restart();
      }
      const roll = random();
      if (roll < 0.6) await world.dispatcherActs(pick(random, world.consoles));
      else if (roll < 0.72) await world.otherPartyActs();
      else await world.fault(heavy);
      if (chance(random, 0.4)) await sleep(Math.floor(random() * 15));
    }
    let head = await world.quiet(heavy ? 60_000 : 20_000);
    // Afterwards the dispatchers go through their conflicts lists, and things settle once more.
    if (await world.workThroughConflicts()) head = await world.quiet(heavy ? 60_000 : 20_000);
    await world.check(head);
    for (const console of world.consoles) {
      tally.commands += console.queued;
      tally.conflicts += (await console.client.db.conflicts.count()) + console.resolved.size;
      tally.resolved += console.resolved.size;
    }
  } catch (error) {
    const message = (error as Error).message;
    throw new Error(
      `seed ${seed} failed (replay with SYNC_SEED=${seed} npx vitest run tests/integration/client/randomized.test.ts): ${message}\nsteps:\n  ${world.log.join('\n  ')}`,
      { cause: error },
    );
  } finally {
    await world.dispose();
    await server.dispose();
  }
}

/** What the seeds exercised, printed with the run's time (a fuzz that never hits a fault proves little). */
const tally = { commands: 0, conflicts: 0, resolved: 0, faults: 0, restarts: 0 };

/** Seeds run this many at a time: one seed's waits (reconnect back-off, sleeps) overlap another's work. */
const CONCURRENCY = Number(process.env.SYNC_CONCURRENCY ?? 3);

describe('randomized sync', () => {
  test(
    `${SEEDS.length} seeds: every console converges on the server's state, every command has exactly one outcome`,
    async () => {
      const started = performance.now();
      const cpuAtStart = process.cpuUsage();
      const queue = [...SEEDS];
      const failures: Error[] = [];
      const worker = async () => {
        for (let seed = queue.shift(); seed !== undefined && !failures.length; seed = queue.shift()) {
          await runSeed(seed).catch((error: Error) => failures.push(error));
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      if (failures.length) throw failures[0];
      const cpu = process.cpuUsage(cpuAtStart);
      console.log(
        `[sync] ${SEEDS.length} randomized seeds in ${((performance.now() - started) / 1000).toFixed(1)} s (${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU here): ` +
          `${tally.commands} commands, ${tally.conflicts} refused into conflicts (${tally.resolved} applied again or dismissed), ${tally.faults} faults, ${tally.restarts} server restarts`,
      );
    },
    Math.max(120_000, SEEDS.length * 10_000),
  );
});
