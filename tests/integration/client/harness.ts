import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll } from 'vitest';
import pino from 'pino';
import { DEFAULT_COMPLETE_REASONS, fullName, type Actor, type Appointment, type Job } from '../../../domain';
import { startServer, type RunningServer } from '../../../server/app';
import { loadDemo } from '../../../server/demo';
import type { ServerSettings } from '../../../server/settings';
import { ACME_AUTHORIZATION_REASON, DEMO_ORGANIZATIONS, DEMO_USERS } from '../../../server/demoData/people';
import { writeCompleteReason, writeOrganization, writeUser } from '../../../server/referenceData';
import type { WireAppointment, WireJob, WireTokenAnswer } from '../../../server/rest/wire';
import type { SyncMeta } from '../../../renderer/data/db';
import { readMeta } from '../../../renderer/data/outbox';
import { openSyncClient, type SyncClient, type SyncClientOptions } from '../../../renderer/sync/client';
import { SyncClient as RawSocket } from '../support/client';
import { snapshotOf } from '../support/data';
import { testStorage, type StoreLocation } from '../support/store';

export { storedOutcomes } from '../support/store';
export { eventually } from '../support/eventually';

export interface DemoServer extends StoreLocation {
  /** The running server; replaced by `restart()`. */
  server: RunningServer;
  /** Closes the server (clients see it go away) and starts it again on the same port and data folder. */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

const silent = pino({ level: 'silent' });

/**
 * The real sync server, in this process, on 127.0.0.1, on a fresh store (SQLite file, or a PostgreSQL
 * database under the `postgres` project: support/store.ts) with the demo loaded.
 */
export async function startDemoServer(
  options: { demo?: 'full' | 'people'; settings?: Partial<ServerSettings> } = {},
): Promise<DemoServer> {
  const storage = await testStorage('client');
  const { dataDir, databaseUrl } = storage;
  const { settings } = options;
  const start = (port: number) => startServer({ port, dataDir, databaseUrl, log: silent, settings });
  let server = await start(0).catch(async (error: unknown) => {
    await storage.remove();
    throw error;
  });
  try {
    if ((options.demo ?? 'full') === 'full') await loadDemo(server.context);
    else await loadDemoPeople(server);
  } catch (error) {
    await server.close();
    await storage.remove();
    throw error;
  }
  const port = Number(new URL(server.url).port);
  return {
    get server() {
      return server;
    },
    dataDir,
    databaseUrl,
    async restart(whileDown) {
      await server.close();
      await whileDown?.();
      server = await start(port);
    },
    async stop() {
      await server.close();
      await storage.remove();
    },
  };
}

let demoPasswordHash: Promise<string> | undefined;

/**
 * Only the demo's organizations, people and complete reasons — no jobs. A few milliseconds instead of the
 * demo's story, for tests that start many servers and make their own jobs.
 */
async function loadDemoPeople(server: RunningServer): Promise<void> {
  const { directory, pipeline } = server.context;
  const passwordHash = await (demoPasswordHash ??= server.context.passwords.hash('demo1234'));
  await pipeline.write(async (tx) => {
    for (const organization of DEMO_ORGANIZATIONS) await writeOrganization(tx, directory, organization);
    for (const reason of [...DEFAULT_COMPLETE_REASONS, ACME_AUTHORIZATION_REASON])
      await writeCompleteReason(tx, directory, reason);
    for (const { description: _printed, ...user } of DEMO_USERS)
      await writeUser(tx, directory, { ...user, version: 0, passwordHash });
  });
}

/** One demo server for a test file, its two dispatchers, and what each test leaves open. */
export interface DemoOffice {
  readonly demo: DemoServer;
  readonly dispatcher: Session;
  readonly marcus: Session;
  /** Closed after each test, last first, whatever the test left open (consoles, proxies). */
  readonly cleanups: (() => Promise<unknown>)[];
  /** The demo provider's head of the change log. */
  head(): Promise<number>;
}

/** Registers the file's hooks: the demo server started once, the two dispatchers signed in, clean-ups after each test. */
export function demoOfficeForFile(): DemoOffice {
  let demo: DemoServer | undefined;
  let dispatcher: Session | undefined;
  let marcus: Session | undefined;
  const cleanups: (() => Promise<unknown>)[] = [];
  beforeAll(async () => {
    demo = await startDemoServer();
    dispatcher = sessionOf(demo.server, 'dispatcher@demo.test');
    marcus = sessionOf(demo.server, 'dispatcher2@demo.test');
  });
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
  });
  afterAll(async () => demo?.stop());
  return {
    get demo() {
      return demo!;
    },
    get dispatcher() {
      return dispatcher!;
    },
    get marcus() {
      return marcus!;
    },
    cleanups,
    head: async () => demo!.server.context.store.headSeq('org-coolair'),
  };
}

export interface Session {
  token: string;
  actor: Actor;
}

export async function token(url: string, email: string): Promise<Session> {
  const response = await fetch(`${url}/v3/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username: email, password: 'demo1234' }),
  });
  const body = (await response.json()) as WireTokenAnswer;
  if (!response.ok) throw new Error(`login failed: ${JSON.stringify(body)}`);
  const role = body.user.roles.includes('dispatcher')
    ? 'dispatcher'
    : body.user.roles.includes('enterprise')
      ? 'enterprise'
      : 'technician';
  return {
    token: body.access_token,
    actor: {
      userId: body.user.id,
      name: fullName({ firstName: body.user.first_name, lastName: body.user.last_name }),
      role,
      organizationId: body.user.organization_id,
      source: 'console',
    },
  };
}

/** A session without the password round trip (scrypt costs ~50 ms), for an in-process server. */
export function sessionOf(server: RunningServer, email: string): Session {
  const user = server.context.directory.storedUserByEmail(email);
  if (!user) throw new Error(`no user ${email}`);
  return {
    token: server.context.tokens.issue(user.id, 'access').token,
    actor: {
      userId: user.id,
      name: fullName(user),
      role: 'dispatcher',
      organizationId: user.organizationId,
      source: 'console',
    },
  };
}

let databaseCounter = 0;

export function newDatabaseName(): string {
  return `test-${process.pid}-${++databaseCounter}`;
}

/** A console's data layer (Dexie on fake-indexeddb + the sync engine) signed in as `email`. */
export async function openConsole(
  url: string,
  email: string,
  overrides: Partial<SyncClientOptions> = {},
): Promise<SyncClient> {
  return openConsoleAs(url, await token(url, email), overrides);
}

/**
 * A console for a session already signed in. Pass the `databaseName` of an earlier console to reopen its
 * database after a restart (a new Dexie instance on the same IndexedDB database).
 */
export function openConsoleAs(
  url: string,
  session: Session,
  overrides: Partial<SyncClientOptions> = {},
): Promise<SyncClient> {
  return openSyncClient({
    serverUrl: url,
    actor: session.actor,
    getToken: async () => session.token,
    databaseName: newDatabaseName(),
    ...overrides,
    engine: { socketOptions: { reconnectionDelay: 50, reconnectionDelayMax: 200 }, ...overrides.engine },
  });
}

/** The console has sent everything and applied the log up to `head`. */
export async function isSettled(client: SyncClient, head: number): Promise<boolean> {
  // Read-only (readMeta's read-write transaction would queue behind the engine's writes).
  const [pending, meta] = await Promise.all([
    client.db.outbox.count(),
    client.db.meta.get('sync') as Promise<SyncMeta | undefined>,
  ]);
  return pending === 0 && meta?.cursor === head && (client.engine()?.connected ?? false);
}

export async function describeSync(client: SyncClient): Promise<string> {
  const meta = await readMeta(client.db);
  const status = client.status.get();
  return `outbox ${await client.db.outbox.count()}, cursor ${meta.cursor}, head ${status.head}, ${status.state}${status.error ? ` (${status.error})` : ''}`;
}

// The server's side, read as the other parties see it.

export interface RestAnswer<T> {
  status: number;
  body: T;
}

/** One call of the integration REST API (`/v3/...`) with a bearer token. */
export async function rest<T = Record<string, unknown>>(
  url: string,
  bearer: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<RestAnswer<T>> {
  const response = await fetch(`${url}/v3${path}`, {
    method,
    headers: {
      authorization: `Bearer ${bearer}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** A job's appointments as the server holds them (`GET /v3/appointments?filter[job_id_eq]=…`). */
export async function serverAppointments(url: string, bearer: string, jobId: string): Promise<WireAppointment[]> {
  const answer = await rest<{ appointments: WireAppointment[] }>(
    url,
    bearer,
    'GET',
    `/appointments?filter[job_id_eq]=${encodeURIComponent(jobId)}&limit=100`,
  );
  if (answer.status !== 200)
    throw new Error(`listing appointments failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.appointments;
}

export interface ServerState {
  head: number;
  serverId: string;
  jobs: Map<string, Job>;
  appointments: Map<string, Appointment>;
}

/** The organization's whole state from a fresh pull of its log over a new socket, as a new console would get it. */
export async function serverState(url: string, bearer: string): Promise<ServerState> {
  const socket = await RawSocket.connect(url, bearer);
  try {
    const pulled = await socket.pullAll(0, 5_000);
    const snapshot = snapshotOf(pulled.changes);
    return {
      head: pulled.head,
      serverId: socket.hello.serverId,
      jobs: snapshot.jobs,
      appointments: snapshot.appointments,
    };
  } finally {
    socket.close();
  }
}

/** The organization's latest seq, from a one-change pull over a new socket. */
export async function serverHead(url: string, bearer: string): Promise<number> {
  const socket = await RawSocket.connect(url, bearer);
  try {
    return await socket.head();
  } finally {
    socket.close();
  }
}

/** Confirmed jobs and appointments of a console, keyed by id, to compare with `serverState`. */
export async function confirmedState(
  client: SyncClient,
): Promise<{ jobs: Map<string, Job>; appointments: Map<string, Appointment> }> {
  const [jobs, appointments] = await Promise.all([client.db.jobs.toArray(), client.db.appointments.toArray()]);
  return {
    jobs: new Map(jobs.map((job) => [job.id, job])),
    appointments: new Map(appointments.map((appointment) => [appointment.id, appointment])),
  };
}

/** Whatever differs between two id→entity maps, described briefly (empty when equal). */
export function differences<T>(label: string, actual: Map<string, T>, expected: Map<string, T>, limit = 5): string[] {
  const found: string[] = [];
  for (const [id, value] of expected) {
    if (!actual.has(id)) found.push(`${label} ${id} missing`);
    else if (JSON.stringify(sortKeys(actual.get(id))) !== JSON.stringify(sortKeys(value))) {
      found.push(`${label} ${id} differs: have ${JSON.stringify(actual.get(id))}, server ${JSON.stringify(value)}`);
    }
    if (found.length >= limit) return found;
  }
  for (const id of actual.keys()) if (!expected.has(id)) found.push(`${label} ${id} unknown to the server`);
  return found.slice(0, limit);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, inner]) => inner !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, inner]) => [key, sortKeys(inner)]),
    );
  }
  return value;
}

/** A job for CoolAir created through the REST API; `what` names it in the error when the server refuses. */
async function createCoolAirJob(
  url: string,
  bearer: string,
  what: string,
  job: Record<string, unknown>,
): Promise<string> {
  const answer = await rest<{ job: WireJob }>(url, bearer, 'POST', '/jobs', {
    job: { ...job, organization_id: 'org-coolair' },
  });
  if (answer.status !== 201)
    throw new Error(`creating ${what} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.job.id;
}

/** A provider job of one's own (accepted, unscheduled), created through the REST API as a dispatcher. */
export function createOwnJob(url: string, bearer: string, title: string): Promise<string> {
  return createCoolAirJob(url, bearer, 'a job', {
    title,
    status: 'unscheduled',
    address: { street_1: '1 Test Street', city: 'Austin', state: 'TX', timezone: 'America/Chicago' },
    customer: {
      first_name: 'Casey',
      last_name: 'Tester',
      phone_numbers: [{ number: 'tel:+1-555-0100', primary: true }],
    },
  });
}

/** An offer from the enterprise to CoolAir, created through the REST API as an enterprise user. */
export function createOffer(url: string, enterpriseBearer: string, title: string): Promise<string> {
  return createCoolAirJob(url, enterpriseBearer, 'an offer', {
    title,
    status: 'offered',
    address: { street_1: '2 Offer Lane', city: 'Austin', state: 'TX', timezone: 'America/Chicago' },
    customer: {
      first_name: 'Olive',
      last_name: 'Offered',
      phone_numbers: [{ number: 'tel:+1-555-0101', primary: true }],
    },
  });
}

/** A fixed weekday morning in 2031 (UTC), far from the demo's appointments around today. */
export const FUTURE = Date.UTC(2031, 2, 3, 14, 0, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
