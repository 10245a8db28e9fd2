import { METHODS } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isErrorAnswer } from '../../domain/protocol';
import { startServer } from '../../server/app';
import { createLogger } from '../../server/log';
import { HandshakeRefused, login, SyncClient } from './support/client';
import { snapshotOf, ORG_ENTERPRISE, ORG_OTHER_PROVIDER, ORG_PROVIDER, type Snapshot } from './support/data';
import { Fuzzer, parseRoutes, seededRandom } from './support/fuzz';
import { ChildServer } from './support/server';
import { testStorage } from './support/store';

const randomSeed = () => Math.floor(Math.random() * 2 ** 31);
/**
 * `FUZZ_REPEAT=50` runs the whole file 50 times in a row, each round on a fresh server with a new seed
 * (the first one `FUZZ_SEED` when given): the way to show a rare failure is gone. Not part of `npm test`.
 */
const REPEAT = Math.max(1, Number(process.env.FUZZ_REPEAT ?? 1));
const SEEDS = Array.from({ length: REPEAT }, (_, round) =>
  round === 0 && process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : randomSeed(),
);
const SOCKET_CASES = 1_400;
const REST_CASES = 700;
const HANDSHAKES = 40;
const OVERSIZED = 6;
const ANSWER_TIMEOUT_MS = 5_000;
/** Stay a little under the server's bucket (200, 100/s) so most payloads reach validation. */
const BUCKET = { capacity: 180, perSecond: 90 };

const LOGINS = {
  dispatcher: 'dispatcher@demo.test',
  dispatcher2: 'dispatcher2@demo.test',
  enterprise: 'enterprise@demo.test',
  other: 'other@demo.test',
  tech: 'tech1@demo.test',
} as const;
type Who = keyof typeof LOGINS;

let server: ChildServer;
let routes: { path: string; methods: string[] }[];
const tokens = {} as Record<Who, string>;

/** The routes that exist, read from Fastify itself so new endpoints are fuzzed without editing this file. */
async function enumerateRoutes() {
  const storage = await testStorage('routes');
  const { dataDir, databaseUrl } = storage;
  const probe = await startServer({ port: 0, dataDir, databaseUrl, log: createLogger('silent') });
  try {
    return parseRoutes(probe.http.printRoutes({ commonPrefix: false })).filter((route) => route.path !== '*');
  } finally {
    await probe.close();
    await storage.remove();
  }
}

beforeAll(async () => {
  routes = await enumerateRoutes();
}, 60_000);

/**
 * Password checks at a test cost: the fuzz is about what the server answers to garbage, not about
 * scrypt, and at the operator's cost (about 128 MB and a good part of a second each) the wrong passwords
 * it sends queue past ANSWER_TIMEOUT_MS on a busy machine. tests/integration/security-login.test.ts
 * covers hashing under load.
 */
const PASSWORD_COST = 'N=1024,r=8,p=1';

/** Each round on a fresh server, as on a clean clone. */
function freshServer() {
  beforeAll(async () => {
    server = await ChildServer.start({ demo: true, env: { DISPATCH_PASSWORD_COST: PASSWORD_COST } });
    for (const who of Object.keys(LOGINS) as Who[]) tokens[who] = (await login(server.url, LOGINS[who])).access_token;
  }, 120_000);

  afterAll(async () => {
    await server?.dispose();
  });
}

class Pacer {
  private tokens = BUCKET.capacity;
  private at = Date.now();
  async take(): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(BUCKET.capacity, this.tokens + ((now - this.at) / 1000) * BUCKET.perSecond);
      this.at = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  }
}

const describeValue = (value: unknown) => {
  try {
    const text = JSON.stringify(value, (_key, item: unknown) =>
      typeof item === 'string' && item.length > 80 ? `${item.slice(0, 40)}…(${item.length} chars)` : item,
    );
    return text === undefined ? String(value) : text.length > 300 ? `${text.slice(0, 300)}…` : text;
  } catch {
    return String(value);
  }
};

function isCodedError(answer: unknown): boolean {
  return (
    isErrorAnswer(answer) &&
    typeof answer.error.code === 'string' &&
    /^[A-Z_]+$/.test(answer.error.code) &&
    typeof answer.error.message === 'string' &&
    answer.error.message.length > 0
  );
}

/** Every per-command result of a garbage push is a refusal with a code and a message. */
function isRefusedPush(answer: unknown): boolean {
  if (isCodedError(answer)) return true;
  const push = answer as { results?: unknown; lastProcessedId?: unknown };
  return (
    Array.isArray(push.results) &&
    typeof push.lastProcessedId === 'number' &&
    push.results.every(
      (result: { status?: unknown; code?: unknown; message?: unknown }) =>
        result.status === 'rejected' && typeof result.code === 'string' && typeof result.message === 'string',
    )
  );
}

function isPullAnswer(answer: unknown): boolean {
  if (isCodedError(answer)) return true;
  const pull = answer as {
    serverId?: unknown;
    head?: unknown;
    reset?: unknown;
    changes?: unknown;
    cursor?: unknown;
    more?: unknown;
  };
  if (typeof pull.serverId !== 'string' || typeof pull.head !== 'number') return false;
  if (pull.reset === true) return true;
  return Array.isArray(pull.changes) && typeof pull.cursor === 'number' && typeof pull.more === 'boolean';
}

interface SocketCase {
  event: string;
  args: unknown[];
  ack: boolean;
  check(answer: unknown): boolean;
}

/** Real ids, for commands that name them with an actor who may not touch them. */
interface Targets {
  coolairOwnJobs: string[];
  coolairAppointments: string[];
  northstarJobs: string[];
}

function buildSocketCase(fuzz: Fuzzer, who: Who, targets: Targets, foreignClientId: string, head: number): SocketCase {
  const push = (payload: unknown, ...extra: unknown[]): SocketCase => ({
    event: 'push',
    args: [payload, ...extra],
    ack: true,
    check: isRefusedPush,
  });
  const command = (name: unknown, args: unknown, id: unknown = 1) => ({ id, name, args, createdAt: Date.now() });
  const fakeId = () => `fz-${fuzz.ascii(8).replace(/[^A-Za-z0-9]/g, 'q')}`;
  /** A command whose arguments have the right shape but name something this actor cannot change. */
  const unreachable = () => {
    const name = fuzz.commandName();
    const foreign =
      who === 'other'
        ? [...targets.coolairOwnJobs, ...targets.coolairAppointments]
        : who === 'enterprise'
          ? targets.coolairOwnJobs
          : targets.northstarJobs;
    const target = fuzz.chance(0.5) && foreign.length ? fuzz.pick(foreign) : fakeId();
    switch (name) {
      case 'job.offer':
      case 'job.create':
        return command(name, {
          jobId: fuzz.chance(0.5) ? target : fakeId(),
          organizationId: 'org-fuzz-nowhere',
          title: 'Fuzz',
          address: { street1: '1 Fuzz Way', city: 'Fuzz' },
          customer: { id: fakeId(), firstName: 'Fuzz' },
        });
      case 'appointment.create':
        return command(name, { id: fakeId(), jobId: target, technicianId: null, start: 2_000_000_000_000 });
      case 'appointment.move':
        return command(name, { appointmentId: target, start: 2_000_000_000_000 });
      case 'appointment.cancel':
        return command(name, { appointmentId: target });
      case 'appointment.setStatus':
        return command(name, { appointmentId: target, status: 'started' });
      case 'job.decline':
        return command(name, { jobId: target, reasonId: 'fuzz' });
      case 'job.update':
        return command(name, { jobId: target, title: 'Fuzzed' });
      default:
        return command(name, { jobId: target });
    }
  };

  switch (fuzz.int(0, 15)) {
    case 0:
      return push(fuzz.value(4));
    case 1:
      return push({ clientId: fuzz.badClientId(), commands: [unreachable()] });
    case 2: {
      const commands = fuzz.pick([
        () => fuzz.value(2),
        () => [],
        // Over the batch limit, even with well-formed commands: refused whole.
        () =>
          Array.from({ length: fuzz.int(501, 700) }, (_, index) =>
            command('appointment.move', { appointmentId: fakeId(), start: 2_000_000_000_000 }, index + 1),
          ),
      ])();
      return push({ clientId: fuzz.validClientId(), commands });
    }
    case 3: {
      const broken: Record<string, unknown> = { ...unreachable() };
      const field = fuzz.pick(['id', 'createdAt', 'name', 'offline', 'extra', 'missing']);
      if (field === 'id') broken.id = fuzz.badId();
      else if (field === 'createdAt')
        broken.createdAt = fuzz.pick([
          -1,
          1.5,
          Number.NaN,
          Number.POSITIVE_INFINITY,
          8_640_000_000_000_001,
          '2024-01-01',
          null,
        ]);
      else if (field === 'name') broken.name = fuzz.pick(['', 'x'.repeat(65), 7, null, {}]);
      else if (field === 'offline') broken.offline = fuzz.pick(['yes', 1, null, {}]);
      else if (field === 'extra') broken[fuzz.pick(['__fuzz', 'seq', 'userId', 'organizationId'])] = fuzz.value(1);
      else delete broken[fuzz.pick(['id', 'name', 'createdAt'])];
      return push({ clientId: fuzz.validClientId(), commands: [broken] });
    }
    case 4:
      return push({
        clientId: fuzz.validClientId(),
        commands: Array.from({ length: fuzz.int(1, 5) }, (_, index) =>
          command(fuzz.unknownCommandName(), fuzz.value(2), index + 1),
        ),
      });
    case 5: {
      const base = unreachable();
      const args = fuzz.chance(0.5) ? fuzz.value(3) : fuzz.strictViolation(base.args as Record<string, unknown>);
      return push({ clientId: fuzz.validClientId(), commands: [command(fuzz.commandName(), args)] });
    }
    case 6:
    case 7: {
      // Well-formed, so they reach the domain rules, which must refuse them (or report them out of order).
      const count = fuzz.int(1, 20);
      const start = fuzz.chance(0.8) ? 1 : fuzz.int(2, 1_000);
      return push({
        clientId: fuzz.validClientId(),
        commands: Array.from({ length: count }, (_, index) => ({ ...unreachable(), id: start + index })),
      });
    }
    case 8:
      return fuzz.chance(0.5)
        ? push({ clientId: fuzz.validClientId(), commands: [command(fuzz.commandName(), { __fuzz: fuzz.huge() })] })
        : push({
            clientId: fuzz.validClientId(),
            commands: [command(fuzz.commandName(), fuzz.strictViolation({ deep: fuzz.deep(fuzz.int(500, 1_000)) }))],
          });
    case 9:
      // Someone else's outbox: every command refused, nothing recorded under that client id.
      return push({
        clientId: foreignClientId,
        commands: [command('appointment.move', { appointmentId: fakeId(), start: 2_000_000_000_000 }, fuzz.int(1, 5))],
      });
    case 10:
      // Odd argument lists: no payload, or extra arguments before the ack.
      return fuzz.chance(0.5)
        ? { event: 'push', args: [], ack: true, check: isRefusedPush }
        : push(fuzz.value(2), fuzz.value(1), fuzz.value(1));
    case 11:
    case 12: {
      const payload = fuzz.pick([
        () => fuzz.value(3),
        () => ({
          cursor: fuzz.pick([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '0', null, fuzz.int(0, head + 50)]),
          limit: fuzz.pick([0, -5, 5_001, 1.5, Number.NaN, '10', undefined, fuzz.int(1, 5_000)]),
        }),
        () => ({
          cursor: fuzz.int(0, head + 5),
          serverId: fuzz.pick([fuzz.ascii(64), 'x'.repeat(65), fuzz.huge(), 42, null]),
        }),
        () => ({ cursor: fuzz.int(0, head), limit: fuzz.int(1, 50), [fuzz.key() || '__fuzz']: fuzz.value(1) }),
        () => ({ cursor: fuzz.int(head + 1, head + 1_000_000) }),
        () => fuzz.deep(fuzz.int(100, 1_000)),
      ])();
      return { event: 'pull', args: [payload], ack: true, check: isPullAnswer };
    }
    case 13:
      return {
        event: fuzz.eventName(),
        args: [fuzz.value(2)],
        ack: true,
        check: (answer) => isErrorAnswer(answer) && answer.error.code === 'UNKNOWN_COMMAND',
      };
    case 14:
      // No ack callback at all: nothing to answer, nothing to crash.
      return {
        event: fuzz.pick(['push', 'pull', fuzz.eventName()]),
        args: [fuzz.value(3)],
        ack: false,
        check: () => true,
      };
    default:
      return push({
        clientId: fuzz.validClientId(),
        commands: [command(fuzz.commandName(), fuzz.value(2), fuzz.badId())],
      });
  }
}

/** Sends one case; resolves with a failure description, or undefined when the answer was acceptable. */
async function runSocketCase(
  client: SyncClient,
  item: SocketCase,
  seen: (answer: unknown) => void = () => undefined,
): Promise<string | undefined> {
  if (!item.ack) {
    client.socket.emit(item.event, ...item.args);
    return undefined;
  }
  let disconnected: (reason: string) => void = () => undefined;
  const onDisconnect = new Promise<string>((resolve) => (disconnected = resolve));
  client.socket.once('disconnect', disconnected);
  try {
    const answer = await Promise.race([
      client.socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck(item.event, ...item.args),
      onDisconnect.then((reason) => Promise.reject(new Error(`disconnected: ${reason}`))),
    ]);
    seen(answer);
    return item.check(answer) ? undefined : `unexpected answer ${describeValue(answer)}`;
  } catch (error) {
    return `no answer (${(error as Error).message})`;
  } finally {
    client.socket.off('disconnect', disconnected);
  }
}

async function heads(clients: Record<string, SyncClient>) {
  return {
    [ORG_PROVIDER]: await clients.dispatcher.head(),
    [ORG_ENTERPRISE]: await clients.enterprise.head(),
    [ORG_OTHER_PROVIDER]: await clients.other.head(),
  };
}

/** Percent-encodes; a lone surrogate (not encodable as UTF-8) goes out as the invalid UTF-8 it would be. */
function encodeQuery(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return `${encodeURIComponent(text.replace(/[\ud800-\udfff]/g, ''))}%ED%A0%80`;
  }
}

interface RestCase {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** A real id of another tenant: whatever the request, it must not succeed. */
  foreign: boolean;
}

function buildRestCase(fuzz: Fuzzer, snapshot: Snapshot): RestCase {
  const route = fuzz.pick(routes);
  const method = fuzz.chance(0.75) ? fuzz.pick(route.methods) : fuzz.method();
  const foreign = route.path.includes(':id') && fuzz.chance(0.25);
  const realIds = route.path.startsWith('/v3/appointments')
    ? [...snapshot.appointments.keys()]
    : route.path.startsWith('/v3/customers')
      ? [...(snapshot.byKind.get('customer')?.keys() ?? [])]
      : [...snapshot.jobs.keys()];
  const param = () =>
    foreign && realIds.length
      ? fuzz.pick(realIds)
      : fuzz.pick([
          () => `fz-${fuzz.int(0, 1e9)}`,
          () => encodeQuery(fuzz.string()),
          () => '..%2F..%2Fetc%2Fpasswd',
          () => '%00',
          () => 'x'.repeat(fuzz.int(65, 5_000)),
          () => '%E0%A4%A',
          () => '__proto__',
        ])();
  let path = route.path.replace(/:[A-Za-z_]+/g, param);
  if (fuzz.chance(0.3)) {
    const query = Array.from({ length: fuzz.int(1, 4) }, () => {
      const key = fuzz.pick([
        'limit',
        'offset',
        'page',
        'status',
        'status_in',
        'technician_id',
        'job_id',
        'time_gte',
        'external_id',
        fuzz.ascii(8),
      ]);
      return `${encodeQuery(key)}=${encodeQuery(String(fuzz.chance(0.5) ? fuzz.number() : fuzz.string()))}`;
    });
    path += `?${query.join('&')}`;
  }
  if (fuzz.chance(0.05))
    path = fuzz.pick([`${path}/`, `${path}//`, `${path}/../health`, `${path}%2F..`, `${path}.json`]);

  const headers: Record<string, string> = {};
  const who = foreign ? 'other' : fuzz.pick(['dispatcher', 'enterprise', 'other', 'tech', 'none', 'garbage'] as const);
  if (who === 'garbage')
    headers.authorization = fuzz.pick([
      'Bearer',
      'Bearer ',
      'Basic Zm9vOmJhcg==',
      `Bearer ${fuzz.ascii(60)}`,
      `Bearer ${'a'.repeat(3_000)}.${'b'.repeat(40)}`,
      'bearer x.y.z',
    ]);
  else if (who !== 'none') headers.authorization = `Bearer ${tokens[who]}`;
  if (fuzz.chance(0.1)) headers['idempotency-key'] = fuzz.pick([fuzz.ascii(30) || 'k', 'x'.repeat(300), 'has space']);
  if (fuzz.chance(0.05)) headers['x-forwarded-for'] = fuzz.ascii(40);

  let body: string | undefined;
  if (method !== 'GET' && method !== 'HEAD' && fuzz.chance(0.85)) {
    const kind = fuzz.pick(['json', 'json', 'json', 'broken-json', 'form', 'text', 'huge', 'deep', 'proto']);
    headers['content-type'] =
      kind === 'form'
        ? 'application/x-www-form-urlencoded'
        : kind === 'text'
          ? fuzz.pick([
              'text/plain',
              'application/xml',
              'multipart/form-data; boundary=x',
              'application/json; charset=latin1',
            ])
          : 'application/json';
    body =
      kind === 'json'
        ? (JSON.stringify(
            route.path.includes('oauth') && fuzz.chance(0.3)
              ? fuzz.pick([
                  { grant_type: 'password', username: 'dispatcher@demo.test', password: fuzz.ascii(10) || 'x' },
                  { grant_type: 'refresh_token', refresh_token: fuzz.ascii(50) || 'x' },
                  { grant_type: fuzz.string() },
                ])
              : fuzz.value(3),
          ) ?? 'null')
        : kind === 'broken-json'
          ? fuzz.pick(['{', '{"a":', '[1,2', '{"a":1}}', "{'a':1}", 'NaN', '\u0000', '{"__proto__":{"x":1}}'])
          : kind === 'form'
            ? `${encodeQuery(fuzz.key())}=${encodeQuery(fuzz.string())}&grant_type=${encodeQuery(fuzz.string())}`
            : kind === 'text'
              ? fuzz.string()
              : kind === 'huge'
                ? JSON.stringify({ __fuzz: 'x'.repeat(fuzz.pick([300_000, 1_200_000])) })
                : kind === 'deep'
                  ? `${'['.repeat(5_000)}${']'.repeat(5_000)}`
                  : '{"constructor":{"prototype":{"polluted":true}},"__proto__":{"polluted":true}}';
  }
  return { method, path, headers, body, foreign };
}

async function runRestCase(item: RestCase, seen: (status: number) => void): Promise<string | undefined> {
  let response: Response;
  try {
    response = await fetch(`${server.url}${item.path}`, {
      method: item.method,
      headers: item.headers,
      body: item.body,
      signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
    });
  } catch (error) {
    // Node's HTTP parser refuses a method it does not know at the request line, before any body is read:
    // the server answers 400 and closes, and a client still sending a large body may see the connection
    // reset instead of the answer (seen with FOO and 1.2 MB). Refused either way; nothing reached a route.
    const refusedBeforeBody = !METHODS.includes(item.method.toUpperCase()) && (item.body?.length ?? 0) > 64_000;
    return refusedBeforeBody ? undefined : `no response (${(error as Error).message})`;
  }
  const text = await response.text();
  seen(response.status);
  if (response.status >= 500) return `server error ${response.status} ${text.slice(0, 200)}`;
  // A CORS preflight (OPTIONS → 204, no body) is answered for any path and reveals nothing.
  const preflight = item.method === 'OPTIONS' && response.status === 204 && text === '';
  if (item.foreign && response.status < 400 && !preflight)
    return `another tenant's id answered ${response.status} ${text.slice(0, 200)}`;
  if (item.method === 'HEAD' || response.status === 204 || response.status < 400) return undefined;
  try {
    return isCodedError(JSON.parse(text))
      ? undefined
      : `error without a code: ${response.status} ${text.slice(0, 200)}`;
  } catch {
    return `error body is not JSON: ${response.status} ${text.slice(0, 200)}`;
  }
}

async function inPool<T>(items: T[], concurrency: number, run: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        await run(items[index], index);
      }
    }),
  );
}

/** Failures grouped by what went wrong, with a count and the first example of each: readable at 2,000 cases. */
function summarize(failures: { kind: string; example: string }[]): string[] {
  const groups = new Map<string, { count: number; example: string }>();
  for (const failure of failures) {
    const group = groups.get(failure.kind);
    if (group) group.count++;
    else groups.set(failure.kind, { count: 1, example: failure.example });
  }
  return [...groups].map(([kind, group]) => `${group.count}× ${kind} — e.g. ${group.example.slice(0, 400)}`);
}

/** A failure's kind: its verdict, status and error code (or first words), without what differs per case. */
function kindOf(failure: string): string {
  const verdict = failure.split(':')[0];
  const status = /\b([1-5]\d\d)\b/.exec(failure)?.[1] ?? '';
  const code = /"code":"([A-Za-z_]+)"/.exec(failure)?.[1];
  return `${verdict} ${status} ${code ?? failure.slice(failure.indexOf(status) + status.length, failure.indexOf(status) + status.length + 40).trim()}`;
}

/** Rethrows with the seed in front, so any failure (or timeout) says how to reproduce it. */
async function withSeed(
  part: string,
  seed: number,
  roundSeed: number,
  run: (fuzz: Fuzzer) => Promise<void>,
): Promise<void> {
  try {
    await run(new Fuzzer(seededRandom(seed)));
  } catch (error) {
    const failure = error as Error;
    failure.message = `[fuzz ${part}, seed ${seed}; rerun with FUZZ_SEED=${roundSeed}] ${failure.message}\nserver output (tail):\n${server.log().slice(-1_500)}`;
    throw failure;
  }
}

for (const [round, SEED] of SEEDS.entries())
  describe(`fuzz${REPEAT > 1 ? ` round ${round + 1}/${REPEAT}` : ''} (seed ${SEED}; rerun with FUZZ_SEED=${SEED})`, () => {
    freshServer();
    let clients: Record<'dispatcher' | 'enterprise' | 'other', SyncClient>;
    let before: Record<string, number>;
    let coolair: Snapshot;
    let targets: Targets;

    beforeAll(async () => {
      console.info(`fuzz seed ${SEED} (rerun with FUZZ_SEED=${SEED})`);
      clients = {
        dispatcher: await SyncClient.connect(server.url, tokens.dispatcher),
        enterprise: await SyncClient.connect(server.url, tokens.enterprise),
        other: await SyncClient.connect(server.url, tokens.other),
      };
      // The dispatcher's real outbox, which other users will try to push into.
      const owned = await clients.dispatcher.push([
        clients.dispatcher.command('job.accept', { jobId: 'fz-nothing-here' }),
      ]);
      expect(owned.results[0]).toMatchObject({ status: 'rejected', code: 'NOT_FOUND' });
      coolair = snapshotOf((await clients.dispatcher.pullAll()).changes);
      const northstar = snapshotOf((await clients.other.pullAll()).changes);
      targets = {
        coolairOwnJobs: [...coolair.jobs.values()].filter((job) => job.sourceId === null).map((job) => job.id),
        coolairAppointments: [...coolair.appointments.keys()],
        northstarJobs: [...northstar.jobs.keys()],
      };
      before = await heads(clients);
    }, 60_000);

    afterAll(() => {
      for (const client of Object.values(clients ?? {})) client.close();
    });

    test(
      `${SOCKET_CASES} random and malformed payloads on push, pull, unknown events and without acks`,
      () =>
        withSeed('socket', SEED, SEED, async (fuzz) => {
          const failures: { kind: string; example: string }[] = [];
          const codes = new Map<string, number>();
          const started = Date.now();
          // Two sockets per role, each paced under the server's rate limit.
          const roles: Who[] = ['dispatcher', 'dispatcher2', 'enterprise', 'other', 'dispatcher', 'other'];
          const workers = await Promise.all(
            roles.map(async (who) => ({
              who,
              client: await SyncClient.connect(server.url, tokens[who]),
              pacer: new Pacer(),
            })),
          );
          const cases = Array.from({ length: SOCKET_CASES }, (_, index) =>
            buildSocketCase(
              fuzz,
              roles[index % roles.length],
              targets,
              clients.dispatcher.clientId,
              before[ORG_PROVIDER],
            ),
          );
          await Promise.all(
            workers.map(async (worker, slot) => {
              for (let index = slot; index < cases.length; index += workers.length) {
                await worker.pacer.take();
                const item = cases[index];
                const failure = await runSocketCase(worker.client, item, (answer) => {
                  const code = isErrorAnswer(answer)
                    ? answer.error.code
                    : ((answer as { results?: { code?: string }[] }).results?.[0]?.code ?? 'answered');
                  codes.set(code, (codes.get(code) ?? 0) + 1);
                });
                if (failure)
                  failures.push({
                    kind: `${item.event}: ${failure.slice(0, 60)}`,
                    example: `#${index} ${worker.who} ${item.event} ${describeValue(item.args)}: ${failure}`,
                  });
                if (!worker.client.socket.connected) {
                  failures.push({
                    kind: 'connection dropped',
                    example: `#${index} ${worker.who} ${item.event} ${describeValue(item.args)}`,
                  });
                  worker.client = await SyncClient.connect(server.url, tokens[worker.who]);
                }
              }
            }),
          );
          for (const worker of workers) {
            const answer = await worker.client.pullRaw({ cursor: 0, limit: 1 });
            if (!isPullAnswer(answer) || isErrorAnswer(answer))
              failures.push({ kind: 'socket unusable afterwards', example: `${worker.who}: ${describeValue(answer)}` });
            worker.client.close();
          }
          console.info(
            `fuzz socket: ${SOCKET_CASES} cases in ${Date.now() - started} ms; answers ${describeValue(Object.fromEntries(codes))}`,
          );
          expect(summarize(failures)).toEqual([]);
        }),
      60_000,
    );

    test(
      `messages over 1 MB and ${HANDSHAKES} forged handshakes are refused without harm`,
      () =>
        withSeed('oversized+handshake', SEED + 1, SEED, async (fuzz) => {
          const failures: { kind: string; example: string }[] = [];
          // Over socket.io's 1 MB limit: the server may drop that connection, and nothing else.
          for (let index = 0; index < OVERSIZED; index++) {
            const sacrificial = await SyncClient.connect(server.url, tokens.dispatcher);
            const size = fuzz.int(1_050_000, 3_000_000);
            const payload = fuzz.pick([
              () => ({
                clientId: fuzz.validClientId(),
                commands: [
                  { id: 1, name: 'job.update', args: { jobId: 'fz', title: 'x'.repeat(size) }, createdAt: Date.now() },
                ],
              }),
              () => ({ cursor: 0, serverId: 'x'.repeat(size) }),
              () => Buffer.alloc(size, 1),
            ])();
            const failure = await runSocketCase(sacrificial, {
              event: fuzz.pick(['push', 'pull']),
              args: [payload],
              ack: true,
              check: isCodedError,
            });
            if (failure && !/^no answer \((disconnected|socket has been disconnected)/.test(failure))
              failures.push({ kind: `oversized: ${failure}`, example: `${size} bytes` });
            sacrificial.close();
          }
          for (let index = 0; index < HANDSHAKES; index++) {
            const token = fuzz.pick([
              () => fuzz.string(),
              () => `${tokens.dispatcher.split('.')[0]}.${fuzz.ascii(43)}`,
              () => tokens.tech,
              () => tokens.dispatcher.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A')),
              () => `${tokens.dispatcher}.extra`,
              () => 'x'.repeat(fuzz.int(2_000, 100_000)),
              () => fuzz.value(2),
            ])();
            const outcome = await SyncClient.connect(server.url, token as string).then(
              (client) => {
                client.close();
                return 'connected';
              },
              (error: unknown) => error,
            );
            const refused =
              outcome instanceof HandshakeRefused &&
              ['UNAUTHENTICATED', 'FORBIDDEN'].includes(outcome.data?.code ?? '') &&
              !!outcome.data?.message;
            if (!refused)
              failures.push({
                kind: 'handshake not refused with a code',
                example: `${describeValue(token)}: ${outcome instanceof Error ? `${outcome.message} ${describeValue((outcome as HandshakeRefused).data)}` : outcome}`,
              });
          }
          expect(summarize(failures)).toEqual([]);
        }),
      60_000,
    );

    test(
      `${REST_CASES} random requests on every REST route answer with a coded error or a valid answer`,
      () =>
        withSeed('rest', SEED + 2, SEED, async (fuzz) => {
          const failures: { kind: string; example: string }[] = [];
          const statuses = new Map<number, number>();
          const started = Date.now();
          expect(routes.length, 'routes enumerated from Fastify').toBeGreaterThan(5);
          const cases = Array.from({ length: REST_CASES }, () => buildRestCase(fuzz, coolair));
          await inPool(cases, 8, async (item, index) => {
            const failure = await runRestCase(item, (status) => statuses.set(status, (statuses.get(status) ?? 0) + 1));
            if (failure)
              failures.push({
                kind: kindOf(failure),
                example: `#${index} ${item.method} ${item.path.slice(0, 120)} ${describeValue(item.headers)} body ${describeValue(item.body)}: ${failure}`,
              });
          });
          console.info(
            `fuzz REST: ${REST_CASES} requests over ${routes.length} routes in ${Date.now() - started} ms; statuses ${describeValue(Object.fromEntries(statuses))}`,
          );
          expect(summarize(failures)).toEqual([]);
        }),
      60_000,
    );

    test('afterwards the server is up and no organization head moved', async () => {
      const health = await fetch(`${server.url}/health`);
      expect(health.status).toBe(200);
      expect(server.running).toBe(true);
      expect(await heads(clients), `garbage changed an organization head (seed ${SEED})`).toEqual(before);
    });
  });
