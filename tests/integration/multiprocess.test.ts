import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { isErrorAnswer, type Change, type CommandResult, type WireCommand } from '../../domain/protocol';
import { login, SyncClient } from './support/client';
import { newJobArgs, ORG_PROVIDER } from './support/data';
import { freshDatabase, withoutPostgres, type FreshDatabase } from './support/postgres';
import { ChildServer, REPO_ROOT } from './support/server';

/**
 * Two real server processes (`server/main.ts` as children) on one PostgreSQL database, consoles on each:
 * a process killed with kill -9 (its dispatchers leave the other's presence roster; consoles pushing
 * through it reconnect to the other and nothing is lost or applied twice) and PostgreSQL restarted under
 * load (errors meanwhile, nothing acknowledged that was not committed, recovery without help). The
 * restart runs on a cluster of this file's own, so it disturbs no other test file.
 */

const execFileAsync = promisify(execFile);
const CLUSTER_SCRIPT = join(REPO_ROOT, 'scripts/postgres-cluster.sh');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function within(timeoutMs: number, what: string, probe: () => boolean | Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await probe())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(25);
  }
  return Date.now() - started;
}

const opened: SyncClient[] = [];
afterEach(() => {
  for (const console_ of opened.splice(0)) console_.close();
});

async function connect(url: string, email: string): Promise<SyncClient> {
  const console_ = await SyncClient.login(url, email);
  opened.push(console_);
  return console_;
}

/**
 * A console's outbox as the real one keeps it: commands get gapless ids, stay until the server answers
 * them (an envelope error or a lost connection leaves them to be sent again, same ids), and what the server
 * acknowledged is recorded to be checked against the database at the end.
 */
class Outbox {
  readonly clientId = `mp-${randomBytes(6).toString('hex')}`;
  readonly acknowledged = new Map<number, CommandResult>();
  readonly jobOf = new Map<number, string>();
  private pending: WireCommand[] = [];
  private nextId = 1;
  private console_: SyncClient | undefined;
  errors = 0;
  reconnects = 0;
  /** Pushes of commands already sent once (their answer lost with the connection or refused). */
  resent = 0;
  private sentOnce = new Set<number>();
  lastError = '';

  constructor(
    /** The server to (re)connect to: the one still standing. */
    private readonly target: () => string,
    /** One sign-in serves every process: sessions and the signing key live in the shared database. */
    private readonly token: string,
  ) {}

  private async connection(): Promise<SyncClient> {
    if (this.console_?.socket.connected) return this.console_;
    this.console_?.close();
    this.console_ = undefined;
    const url = this.target();
    const console_ = await SyncClient.connect(url, this.token, { clientId: this.clientId });
    opened.push(console_);
    this.reconnects++;
    return (this.console_ = console_);
  }

  /** Queues `count` new jobs (when nothing waits) and pushes what waits once; false when it must be retried. */
  async step(count = 2): Promise<boolean> {
    if (!this.pending.length)
      for (let index = 0; index < count; index++) {
        const args = newJobArgs(ORG_PROVIDER);
        const id = this.nextId++;
        this.jobOf.set(id, args.jobId);
        this.pending.push({ id, name: 'job.create', args, createdAt: Date.now() });
      }
    try {
      const console_ = await this.connection();
      for (const command of this.pending)
        if (this.sentOnce.has(command.id)) this.resent++;
        else this.sentOnce.add(command.id);
      const answer = await console_.pushRaw(this.pending, this.clientId, 5_000);
      if (isErrorAnswer(answer)) {
        this.errors++;
        this.lastError = `${answer.error.code}: ${answer.error.message}`;
        return false;
      }
      for (const result of answer.results) this.acknowledged.set(result.id, result);
      this.pending = this.pending.filter((command) => !this.acknowledged.has(command.id));
      return true;
    } catch (error) {
      this.lastError = (error as Error).message;
      // The connection was lost (or refused while the server is gone): the same commands go again.
      this.errors++;
      this.console_?.close();
      this.console_ = undefined;
      return false;
    }
  }

  /** Pushes until nothing waits. */
  async drain(timeoutMs = 20_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.pending.length) {
      if (Date.now() > until)
        throw new Error(`outbox ${this.clientId}: ${this.pending.length} commands never answered (${this.lastError})`);
      if (!(await this.step())) await sleep(100);
    }
  }

  get sent(): number {
    return this.nextId - 1;
  }

  close(): void {
    this.console_?.close();
  }
}

/** Every job.create change in the log, by job id, with the seqs it appears at (each must appear once). */
function jobCreations(changes: readonly Change[]): Map<string, number[]> {
  const seen = new Map<string, number[]>();
  for (const change of changes)
    if (change.kind === 'job') seen.set(change.id, [...(seen.get(change.id) ?? []), change.seq]);
  return seen;
}

/** The server's state against what the outboxes were told: each acknowledged command in the log exactly once. */
async function expectExactlyOnce(reader: SyncClient, outboxes: Outbox[]): Promise<void> {
  const jobs = jobCreations((await reader.pullAll()).changes);
  for (const outbox of outboxes) {
    expect(outbox.acknowledged.size, `${outbox.clientId}: every command answered`).toBe(outbox.sent);
    for (const [id, result] of outbox.acknowledged) {
      expect(result, `${outbox.clientId} #${id}`).toMatchObject({ status: 'applied' });
      // Acknowledged at seq N means committed at seq N, once.
      expect(jobs.get(outbox.jobOf.get(id)!), `${outbox.clientId} #${id}`).toEqual([result.seq]);
    }
  }
}

describe.skipIf(withoutPostgres('two server processes on one database (kill -9)'))('two server processes', () => {
  let database: FreshDatabase;
  let a: ChildServer;
  let b: ChildServer;

  beforeAll(async () => {
    database = await freshDatabase();
    const env = { DATABASE_URL: database.url };
    // The demo is loaded once, by A; B starts after it on the same database.
    a = await ChildServer.start({ env });
    b = await ChildServer.start({ env, demo: false });
  }, 120_000);

  // Each test that stops B starts it again; one that failed half-way must not leave it down for the next.
  afterEach(async () => {
    if (b && !b.running) await b.restart();
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.dispose(), b?.dispose()]);
    await database?.drop();
  });

  test("a process stopped with SIGTERM says goodbye: it exits at once and its dispatchers leave the other's roster", async () => {
    const marcus = await connect(a.url, 'dispatcher2@demo.test');
    await connect(b.url, 'dispatcher@demo.test');
    await within(3_000, 'Marcus sees Dana', () => marcus.rosters.at(-1)?.online.length === 2);
    const stopping = Date.now();
    await b.stop();
    // stop() would kill -9 after 5 s; the fan-out's connections must not hold the process up.
    expect(Date.now() - stopping).toBeLessThan(4_000);
    // Well before the 6 s a silent process is given: the adapter's goodbye removed B at once.
    const gone = await within(2_000, "Dana leaves Marcus's roster", () => marcus.rosters.at(-1)?.online.length === 1);
    console.log(
      `SIGTERM: exited in ${Date.now() - stopping - gone} ms, its dispatcher left the roster ${gone} ms later`,
    );
  }, 30_000);

  test("a process killed with kill -9: its dispatchers leave the other process's roster within seconds", async () => {
    const marcus = await connect(a.url, 'dispatcher2@demo.test');
    const dana = await connect(b.url, 'dispatcher@demo.test');
    await within(3_000, 'Marcus sees Dana', () => marcus.rosters.at(-1)?.online.length === 2);
    expect(await dana.emitRaw('presence', { viewing: 'job-17', moving: null })).toEqual({ ok: true });
    await within(3_000, 'Marcus sees what Dana has open', () =>
      (marcus.rosters.at(-1)?.online ?? []).some((entry) => entry.viewing.includes('job-17')),
    );

    await b.crash();
    const gone = await within(12_000, "Dana leaves Marcus's roster", () => {
      const online = marcus.rosters.at(-1)?.online ?? [];
      return online.length === 1 && online[0].userId === 'u-dispatcher2';
    });
    console.log(`kill -9: the dead process's dispatcher left the roster after ${gone} ms`);
    // A is unharmed: it still answers and commits.
    const args = newJobArgs(ORG_PROVIDER);
    expect((await marcus.push([marcus.command('job.create', args)])).results[0].status).toBe('applied');
  }, 30_000);

  test('kill -9 of a process while its consoles push: they reconnect to the other, nothing lost, nothing applied twice', async () => {
    let target = b.url;
    // Signed in through B; after B dies the same token (the same session) is good on A.
    const { access_token } = await login(b.url, 'dispatcher@demo.test');
    const outboxes = Array.from({ length: 4 }, () => new Outbox(() => target, access_token));
    const watcher = await connect(a.url, 'dispatcher2@demo.test');

    let stop = false;
    const pushing = outboxes.map(async (outbox) => {
      while (!stop) if (!(await outbox.step())) await sleep(50);
    });
    await within(10_000, 'pushes committed through B', () =>
      outboxes.every((outbox) => outbox.acknowledged.size >= 4),
    ).catch((error: Error) => {
      throw new Error(`${error.message}: ${outboxes.map((outbox) => outbox.lastError).join('; ')}\n${b.log()}`);
    });
    await b.crash();
    target = a.url;
    await sleep(500);
    stop = true;
    await Promise.all(pushing);
    await Promise.all(outboxes.map((outbox) => outbox.drain()));
    expect(outboxes.every((outbox) => outbox.reconnects >= 2)).toBe(true);
    // Some commands were in flight when B died (sent, no answer): they went again through A.
    expect(outboxes.reduce((sum, outbox) => sum + outbox.resent, 0)).toBeGreaterThan(0);

    await expectExactlyOnce(watcher, outboxes);
    for (const outbox of outboxes) outbox.close();
  }, 60_000);
});

/**
 * PostgreSQL restarted under load, on a cluster of this test's own (restarting the shared one would cut
 * every other test file's connections).
 */
async function ownCluster(): Promise<{ folder: string; url: string } | string> {
  try {
    await execFileAsync(CLUSTER_SCRIPT, ['bindir']);
  } catch {
    return 'PostgreSQL is not installed (scripts/postgres-cluster.sh bindir found no initdb)';
  }
  const { stdout } = await execFileAsync(CLUSTER_SCRIPT, ['start'], { timeout: 60_000 });
  const [folder, url] = stdout.trim().split('\n');
  return { folder, url };
}

describe.skipIf(withoutPostgres('PostgreSQL restarted under load'))('PostgreSQL restarted under load', () => {
  let cluster: { folder: string; url: string } | undefined;
  let skipReason: string | undefined;
  let a: ChildServer;
  let b: ChildServer;

  beforeAll(async () => {
    const started = await ownCluster();
    if (typeof started === 'string') {
      skipReason = started;
      console.warn(`Skipped: PostgreSQL restarted under load (${started}).`);
      return;
    }
    cluster = started;
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE dispatch_restart');
    await admin.end();
    const url = new URL(cluster.url);
    url.pathname = '/dispatch_restart';
    const env = { DATABASE_URL: url.toString() };
    a = await ChildServer.start({ env });
    b = await ChildServer.start({ env, demo: false });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.dispose(), b?.dispose()]);
    if (cluster) await execFileAsync(CLUSTER_SCRIPT, ['stop', cluster.folder]);
  });

  test('the servers answer errors meanwhile, acknowledge nothing they did not commit, and recover by themselves', async (context) => {
    if (skipReason) return context.skip();
    const { access_token } = await login(a.url, 'dispatcher@demo.test');
    const outboxes = [a, a, b, b].map((server) => new Outbox(() => server.url, access_token));
    let stop = false;
    const pushing = outboxes.map(async (outbox) => {
      while (!stop) if (!(await outbox.step())) await sleep(50);
    });
    await within(10_000, 'pushes committed', () => outboxes.every((outbox) => outbox.acknowledged.size >= 4));
    await execFileAsync(CLUSTER_SCRIPT, ['restart', cluster!.folder], { timeout: 60_000 });
    const sentBefore = outboxes.map((outbox) => outbox.sent);
    // Load goes on after the restart until every outbox has committed more.
    await within(20_000, 'pushes committed again after the restart', () =>
      outboxes.every((outbox, index) => outbox.acknowledged.size > sentBefore[index]),
    );
    stop = true;
    await Promise.all(pushing);
    await Promise.all(outboxes.map((outbox) => outbox.drain()));
    expect(a.running && b.running, `a server died:\n${a.log()}\n${b.log()}`).toBe(true);
    const refused = outboxes.reduce((sum, outbox) => sum + outbox.errors, 0);
    console.log(`PostgreSQL restart: ${refused} pushes refused meanwhile, then sent again`);
    expect(refused).toBeGreaterThan(0);

    const watcher = await connect(a.url, 'dispatcher2@demo.test');
    await expectExactlyOnce(watcher, outboxes);

    // Fan-out recovered too: a change pushed through B reaches a console on A (the adapter listens again).
    const pusher = await connect(b.url, 'dispatcher@demo.test');
    await within(15_000, 'a broadcast crosses from B to A again', async () => {
      const args = newJobArgs(ORG_PROVIDER);
      expect((await pusher.push([pusher.command('job.create', args)])).results[0].status).toBe('applied');
      return watcher
        .waitForBroadcast((changes) => changes.some((change) => change.id === args.jobId), 1_000)
        .then(
          () => true,
          () => false,
        );
    });
  }, 90_000);
});
