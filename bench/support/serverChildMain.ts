/**
 * The benches' sync server, in a process of its own as it runs in production (startServer, SQLite, demo
 * loaded), serving the bench's pages. In the bench's own process it would share an event loop with Playwright,
 * whose AsyncLocalStorage puts promise hooks on every promise the server makes once a Playwright call ran.
 *
 * Prints its URL when ready, then answers the bench's set-up requests over the IPC channel (serverChild.ts):
 * commands written straight into the command pipeline, the organization's head and log length, a CPU profile.
 * Usage: node --import tsx serverChildMain.ts --data <dir> --renderer <dir>
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import pino from 'pino';
import type { Actor } from '../../domain';
import { startServer, type RunningServer } from '../../server/app';
import { loadDemo } from '../../server/demo';
import { actorFromToken } from '../../server/session';
import type { ServerRequest, ServerReply } from './serverChild';
import { login } from './syncClients';

const SETUP_BATCH = 500;

/** The bench's set-up requests, answered from the server's inside. */
class Requests {
  /** Signed in on the first set-up command: only `client` writes any, the browser benches go without. */
  private setup?: Promise<SetupClient>;
  private readonly counters = new Map<string, LogCounter>();
  private readonly inspector = new Session();

  constructor(private readonly running: RunningServer) {}

  async answer(request: ServerRequest): Promise<unknown> {
    switch (request.op) {
      case 'submit':
        this.setup ??= signedInActor(this.running, 'dispatcher@demo.test').then(
          (actor) => new SetupClient(this.running, actor),
        );
        return (await this.setup).submit(request.commands);
      case 'head':
        return this.running.context.store.headSeq(request.organizationId);
      case 'changes': {
        let counter = this.counters.get(request.organizationId);
        if (!counter)
          this.counters.set(request.organizationId, (counter = new LogCounter(this.running, request.organizationId)));
        return counter.changes();
      }
      case 'profileStart':
        this.inspector.connect();
        await this.inspector.post('Profiler.enable');
        await this.inspector.post('Profiler.setSamplingInterval', { interval: 200 });
        await this.inspector.post('Profiler.start');
        return null;
      case 'profileStop': {
        const { profile } = await this.inspector.post('Profiler.stop');
        this.inspector.disconnect();
        await writeFile(request.file, JSON.stringify(profile));
        return null;
      }
    }
  }
}

async function signedInActor(running: RunningServer, email: string): Promise<Actor> {
  const { tokens, directory, sessions } = running.context;
  const session = await actorFromToken(await login(running.url, email), 'console', tokens, directory, sessions);
  if (!session.ok) throw new Error(session.message);
  return session.actor;
}

/**
 * Writes straight into the server's command pipeline (the path a socket push takes, minus the socket):
 * set-up only, never timed. Every command must be applied.
 */
class SetupClient {
  private nextId = 1;
  private readonly clientId = `bench-client-setup-${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly running: RunningServer,
    private readonly actor: Actor,
  ) {}

  async submit(commands: { name: string; args: unknown }[]): Promise<null> {
    for (let index = 0; index < commands.length; index += SETUP_BATCH) {
      const batch = commands
        .slice(index, index + SETUP_BATCH)
        .map((command) => ({ ...command, id: this.nextId++, createdAt: Date.now() }));
      const answer = await this.running.context.pipeline.submitBatch(this.actor, this.clientId, batch);
      const refused = answer.results.find((result) => result.status !== 'applied');
      if (refused) throw new Error(`setup command ${refused.id} refused: ${refused.code} ${refused.message}`);
    }
    return null;
  }
}

/** Counts an organization's change log as it grows, reading only what is new. */
class LogCounter {
  private cursor = 0;
  private count = 0;

  constructor(
    private readonly running: RunningServer,
    private readonly organizationId: string,
  ) {}

  async changes(): Promise<number> {
    for (;;) {
      const page = await this.running.context.store.changesAfter(this.organizationId, this.cursor, 5_000);
      if (!page.length) return this.count;
      this.count += page.length;
      this.cursor = page[page.length - 1].seq;
    }
  }
}

const { values } = parseArgs({ options: { data: { type: 'string' }, renderer: { type: 'string' } } });
if (!values.data || !values.renderer) throw new Error('usage: serverChildMain.ts --data <dir> --renderer <dir>');
const server = await startServer({
  port: 0,
  dataDir: values.data,
  rendererDir: values.renderer,
  log: pino({ level: 'silent' }),
});
await loadDemo(server.context);
const requests = new Requests(server);
process.on('message', (message: ServerRequest) => {
  requests.answer(message).then(
    (value) => process.send!({ id: message.id, ok: true, value } satisfies ServerReply),
    (error: unknown) => process.send!({ id: message.id, ok: false, error: String(error) } satisfies ServerReply),
  );
});
// A SIGTERM (the bench's stop) or the bench gone (the channel closed) closes the server first.
const close = () => void server.close().finally(() => process.exit(0));
process.once('SIGTERM', close);
process.once('disconnect', close);
process.stdout.write(`${server.url}\n`);
