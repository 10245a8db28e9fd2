import type { Actor } from '../../domain';
import type { Directory } from '../directory';
import type { Store, Tx } from '../store/types';
import { GroupCommit, type TaskRun } from './groupCommit';
import { IDEMPOTENCY_TTL_MS, PRUNE_EVERY_MS, respondIdempotently, type IdempotencyKey } from './idempotency';
import { OUTCOME_TTL_MS, processOutboxBatch, type BatchResult } from './outboxBatch';
import { processCommand, type CommandRequest } from './processCommand';
import type { ClientCommand, Outcome, Publish, PublishedChanges, RenderedResponse, SubmitOptions } from './types';

/**
 * The one path every change takes, from the socket and from the REST API alike: validate, load the job,
 * apply the shared domain rules, write entities + change rows + outcome in one transaction, then publish.
 * Every entry point queues its work on one group commit (groupCommit.ts).
 */
export class CommandPipeline {
  private readonly group: GroupCommit;
  private idempotencyPrunedAt = 0;
  private outcomesPrunedAt = 0;

  constructor(
    store: Store,
    private readonly directory: Directory,
    publish: Publish,
    private readonly clock: () => number = Date.now,
  ) {
    this.group = new GroupCommit(store, publish);
  }

  /** Submissions waiting; the transports refuse clients' new ones beyond the operator's cap. */
  get queued(): number {
    return this.group.queued;
  }

  /** A client's outbox batch: gapless ids, idempotent resends, each command its own outcome. */
  submitBatch(actor: Actor, clientId: string, commands: readonly ClientCommand[]): Promise<BatchResult> {
    return this.group.enqueue(async (tx, published) => {
      const now = this.clock();
      // Before the lookups, so an outcome past its time is never answered from a row not yet pruned.
      if (now - this.outcomesPrunedAt >= PRUNE_EVERY_MS || now < this.outcomesPrunedAt)
        await this.pruneOutcomes(tx, now);
      return processOutboxBatch(
        tx,
        actor,
        clientId,
        commands,
        (command) =>
          this.execute(tx, published, {
            actor,
            name: command.name,
            args: command.args,
            createdAt: command.createdAt,
            queuedOffline: command.offline || undefined,
            clientId,
          }),
        now,
      );
    });
  }

  /** Forgets command outcomes older than OUTCOME_TTL_MS (at start-up, then at most every PRUNE_EVERY_MS with a batch). */
  pruneExpiredOutcomes(): Promise<void> {
    return this.group.enqueue((tx) => this.pruneOutcomes(tx, this.clock()));
  }

  private async pruneOutcomes(tx: Tx, now: number): Promise<void> {
    this.outcomesPrunedAt = now;
    await tx.pruneCommandOutcomesBefore(now - OUTCOME_TTL_MS);
  }

  /**
   * One command from the REST API or the server itself. `occurredAt` backdates it (demo history, a
   * mobile app's queued action); `offline` overrides the guess that an old action was made offline.
   */
  submit(actor: Actor, name: string, args: unknown, options: SubmitOptions = {}): Promise<Outcome> {
    return this.group.enqueue((tx, published) =>
      this.execute(tx, published, this.serverRequest(actor, name, args, options)),
    );
  }

  /**
   * A REST write with an `Idempotency-Key`: the stored response is returned for a repeated key, and the
   * check, the command and the stored response share one transaction, so two racing retries apply once.
   */
  submitIdempotent(
    actor: Actor,
    idempotency: IdempotencyKey,
    name: string,
    args: unknown,
    render: (outcome: Outcome, tx: Tx) => Promise<RenderedResponse>,
    options: SubmitOptions = {},
  ): Promise<RenderedResponse & { replayed: boolean }> {
    return this.writeIdempotent(actor, idempotency, async (tx, published) =>
      render(await this.execute(tx, published, this.serverRequest(actor, name, args, options)), tx),
    );
  }

  /**
   * A REST write that is not a command (reference data such as complete reasons) under an
   * `Idempotency-Key`: `respond` runs at most once per key, in the transaction that stores its response.
   */
  writeIdempotent(
    actor: Actor,
    idempotency: IdempotencyKey,
    respond: TaskRun<RenderedResponse>,
  ): Promise<RenderedResponse & { replayed: boolean }> {
    return this.group.enqueue(async (tx, published) => {
      const now = this.clock();
      if (now - this.idempotencyPrunedAt >= PRUNE_EVERY_MS || now < this.idempotencyPrunedAt) {
        this.idempotencyPrunedAt = now;
        await tx.pruneIdempotency(now - IDEMPOTENCY_TTL_MS);
      }
      return respondIdempotently(tx, actor, idempotency, () => respond(tx, published), now);
    });
  }

  /** Runs arbitrary writes in the group-commit queue (reference data, idempotency records). */
  write<T>(fn: TaskRun<T>): Promise<T> {
    return this.group.enqueue(fn);
  }

  /** Resolves once every submission made so far is committed or refused (for a graceful shutdown). */
  idle(): Promise<void> {
    return this.group.idle();
  }

  /** A command from the REST API or the server: dated now unless backdated, from no client. */
  private serverRequest(actor: Actor, name: string, args: unknown, options: SubmitOptions): CommandRequest {
    return { actor, name, args, createdAt: options.occurredAt ?? this.clock(), queuedOffline: options.offline };
  }

  private execute(tx: Tx, published: PublishedChanges, request: CommandRequest): Promise<Outcome> {
    return processCommand(tx, published, this.directory, this.clock, request);
  }
}
