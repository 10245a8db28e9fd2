import { fileURLToPath } from 'node:url';
import { startChild, type Child } from './child';

/** What the bench asks of its server process (serverChildMain.ts) over the IPC channel. */
type Ask =
  | { op: 'submit'; commands: { name: string; args: unknown }[] }
  | { op: 'head'; organizationId: string }
  | { op: 'changes'; organizationId: string }
  | { op: 'profileStart' }
  | { op: 'profileStop'; file: string };
export type ServerRequest = Ask & { id: number };
export type ServerReply = { id: number } & ({ ok: true; value: unknown } | { ok: false; error: string });

const MAIN = fileURLToPath(new URL('./serverChildMain.ts', import.meta.url));

/**
 * The benches' sync server in a process of its own (serverChildMain.ts; `client`, and through consoleSetup.ts
 * `board`, `cold-start`, `drop` and `soak`), with the set-up steps that
 * need its inside: commands straight into its command pipeline (never timed), the organization's head and
 * change count, and a CPU profile of it.
 */
export class ServerChild {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly child: Child) {
    child.process.on('message', (reply: ServerReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.ok) waiter?.resolve(reply.value);
      else waiter?.reject(new Error(`the bench's server: ${reply.error}`));
    });
    child.process.once('exit', (code, signal) => {
      for (const waiter of this.waiting.values())
        waiter.reject(new Error(`the bench's server exited (code ${code}, signal ${signal}):\n${child.output()}`));
      this.waiting.clear();
    });
  }

  /** Starts it on a fresh data folder, serving `rendererDir`, with the demo loaded. */
  static async start(dataDir: string, rendererDir: string): Promise<ServerChild> {
    return new ServerChild(
      await startChild(MAIN, ['--data', dataDir, '--renderer', rendererDir], [], {}, { ipc: true }),
    );
  }

  get url(): string {
    return this.child.url;
  }

  /** Commands written as one dispatcher, 500 a batch; rejects if any is refused. */
  submit(commands: { name: string; args: unknown }[]): Promise<void> {
    return this.ask({ op: 'submit', commands }) as Promise<void>;
  }

  headSeq(organizationId: string): Promise<number> {
    return this.ask({ op: 'head', organizationId }) as Promise<number>;
  }

  /** Changes in the organization's log so far (read incrementally). */
  changes(organizationId: string): Promise<number> {
    return this.ask({ op: 'changes', organizationId }) as Promise<number>;
  }

  startProfile(): Promise<void> {
    return this.ask({ op: 'profileStart' }) as Promise<void>;
  }

  /** Stops the profile started last and writes it to `file` (a `.cpuprofile`). */
  stopProfile(file: string): Promise<void> {
    return this.ask({ op: 'profileStop', file }) as Promise<void>;
  }

  stop(): Promise<void> {
    return this.child.stop();
  }

  private ask(request: Ask): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.process.send({ ...request, id } satisfies ServerRequest);
    });
  }
}
