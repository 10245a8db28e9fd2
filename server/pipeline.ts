import {
  applyCommand,
  canSeeCustomer,
  deriveJobStatus,
  parseCommand,
  type ActivityEvent,
  type Actor,
  type Appointment,
  type CommandEffect,
  type CommandTarget,
  type Customer,
  type CustomerNotification,
  type Job,
  type JobState,
  type Refusal,
} from '../domain';
import type { Directory } from './directory';
import type { Change, CommandOutcome, Store, Tx } from './store/types';

/** A command from a client's outbox, already checked for shape by the transport. */
export interface ClientCommand {
  id: number;
  name: string;
  args: unknown;
  createdAt: number;
  /** The client knows it queued this while offline. */
  offline?: boolean;
}

export interface Applied {
  status: 'applied';
  seq: number;
  job: Job;
  appointments: Appointment[];
  customer?: Customer;
}

export type Outcome = Applied | ({ status: 'rejected' } & Refusal);

export interface SubmitOptions {
  occurredAt?: number;
  offline?: boolean;
}

export interface RenderedResponse {
  statusCode: number;
  body: unknown;
}

/** Changes committed for one organization, in sequence order; what the transport broadcasts. */
export type Publish = (organizationId: string, changes: Change[]) => void;

/** A replay older than this is marked offline even when the client did not say so. */
const OFFLINE_AFTER_MS = 60_000;
/** How many queued submissions share one transaction (and one fsync). */
const GROUP_COMMIT_LIMIT = 256;

interface Task<T> {
  run(tx: Tx, published: Map<string, Change[]>): Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

/**
 * The one path every change takes, from the socket and from the REST API alike: validate, load the job,
 * apply the shared domain rules, write entities + change rows + outcome in one transaction, then publish.
 * Submissions queued while a transaction runs are committed together (group commit), so the fsync that
 * synchronous=FULL costs is paid once per group, not once per command.
 */
export class CommandPipeline {
  private readonly queue: Task<unknown>[] = [];
  private draining: Promise<void> | undefined;
  private drainScheduled = false;

  constructor(
    private readonly store: Store,
    private readonly directory: Directory,
    private readonly publish: Publish,
    private readonly clock: () => number = Date.now,
  ) {}

  /** A client's outbox batch: gapless ids, idempotent resends, each command its own outcome. */
  submitBatch(actor: Actor, clientId: string, commands: readonly ClientCommand[]): Promise<{ results: CommandOutcome[]; lastProcessedId: number }> {
    return this.enqueue(async (tx, published) => {
      const client = await tx.getClient(clientId);
      if (client && client.userId !== actor.userId) {
        const refusal = { status: 'rejected' as const, code: 'FORBIDDEN', message: 'This client id belongs to another user; sign in again.' };
        return { results: commands.map((command) => ({ id: command.id, ...refusal })), lastProcessedId: 0 };
      }
      let last = client?.lastProcessedId ?? 0;
      const results: CommandOutcome[] = [];
      for (const command of commands) {
        if (command.id <= last) {
          results.push((await tx.getCommandOutcome(clientId, command.id)) ?? { id: command.id, status: 'applied' });
          continue;
        }
        if (command.id !== last + 1) {
          results.push({
            id: command.id,
            status: 'rejected',
            code: 'OUT_OF_ORDER',
            message: `Command ${command.id} arrived before command ${last + 1}; send them in order.`,
          });
          continue;
        }
        const outcome = await this.execute(tx, published, actor, command.name, command.args, command.createdAt, command.offline || undefined, clientId);
        const stored: CommandOutcome =
          outcome.status === 'applied'
            ? { id: command.id, status: 'applied', seq: outcome.seq }
            : { id: command.id, status: 'rejected', code: outcome.code, message: outcome.message };
        await tx.saveCommandOutcome(clientId, stored);
        results.push(stored);
        last = command.id;
      }
      if (actor.userId && last !== (client?.lastProcessedId ?? 0)) await tx.setClientProgress(clientId, actor.userId, last);
      return { results, lastProcessedId: last };
    });
  }

  /**
   * One command from the REST API or the server itself. `occurredAt` backdates it (demo history, a
   * mobile app's queued action); `offline` overrides the guess that an old action was made offline.
   */
  submit(actor: Actor, name: string, args: unknown, options: SubmitOptions = {}): Promise<Outcome> {
    return this.enqueue((tx, published) => this.execute(tx, published, actor, name, args, options.occurredAt ?? this.clock(), options.offline));
  }

  /**
   * A REST write with an `Idempotency-Key`: the stored response is returned for a repeated key, and the
   * check, the command and the stored response share one transaction, so two racing retries apply once.
   */
  submitIdempotent(
    actor: Actor,
    idempotency: { key: string; fingerprint: string },
    name: string,
    args: unknown,
    render: (outcome: Outcome, tx: Tx) => Promise<RenderedResponse>,
    options: SubmitOptions = {},
  ): Promise<RenderedResponse & { replayed: boolean }> {
    return this.enqueue(async (tx, published) => {
      const owner = actor.userId ?? 'system';
      const stored = await tx.getIdempotentResponse(owner, idempotency.key);
      if (stored) {
        if (stored.fingerprint !== idempotency.fingerprint) {
          return {
            statusCode: 422,
            body: { error: { code: 'IDEMPOTENCY_KEY_REUSED', message: 'This Idempotency-Key was already used for a different request.' } },
            replayed: true,
          };
        }
        return { statusCode: stored.statusCode, body: stored.body, replayed: true };
      }
      const outcome = await this.execute(tx, published, actor, name, args, options.occurredAt ?? this.clock(), options.offline);
      const response = await render(outcome, tx);
      await tx.saveIdempotentResponse(owner, idempotency.key, idempotency.fingerprint, response.statusCode, response.body);
      return { ...response, replayed: false };
    });
  }

  /** Runs arbitrary writes in the group-commit queue (reference data, idempotency records). */
  write<T>(fn: (tx: Tx, published: Map<string, Change[]>) => Promise<T>): Promise<T> {
    return this.enqueue(fn);
  }

  private enqueue<T>(run: Task<T>['run']): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve, reject } as Task<unknown>);
      this.scheduleDrain();
    });
  }

  /** Resolves once every submission made so far is committed or refused (for a graceful shutdown). */
  async idle(): Promise<void> {
    while (this.draining || this.drainScheduled || this.queue.length) {
      await (this.draining ?? new Promise((resolve) => setImmediate(resolve)));
    }
  }

  /**
   * Starts the next group on the next turn of the event loop rather than at once: SQLite calls are
   * synchronous, so a drain started immediately would commit each submission alone before the socket
   * layer reads the next message — no grouping, one fsync and one broadcast per push.
   */
  private scheduleDrain(): void {
    if (this.draining || this.drainScheduled) return;
    this.drainScheduled = true;
    setImmediate(() => {
      this.drainScheduled = false;
      void this.drain();
    });
  }

  private drain(): Promise<void> {
    this.draining ??= this.drainQueue().finally(() => {
      this.draining = undefined;
      // A submission may have arrived between the loop's last check and this line.
      if (this.queue.length) this.scheduleDrain();
    });
    return this.draining;
  }

  private async drainQueue(): Promise<void> {
    while (this.queue.length) {
      const group = this.queue.splice(0, GROUP_COMMIT_LIMIT);
      const published = new Map<string, Change[]>();
      const settled: { ok: boolean; value: unknown }[] = [];
      try {
        await this.store.transaction(async (tx) => {
          for (const task of group) {
            // A task's changes are published only if all of its writes stand.
            const own = new Map<string, Change[]>();
            try {
              settled.push({ ok: true, value: await tx.savepoint(() => task.run(tx, own)) });
              for (const [organizationId, changes] of own) appendTo(published, organizationId, changes);
            } catch (error) {
              settled.push({ ok: false, value: error });
            }
          }
        });
      } catch (error) {
        // The commit itself failed: nothing of the group is durable, so nobody may be told it is.
        group.forEach((task) => task.reject(error));
        continue;
      }
      group.forEach((task, index) => (settled[index].ok ? task.resolve(settled[index].value) : task.reject(settled[index].value)));
      for (const [organizationId, changes] of published) this.publish(organizationId, changes);
    }
  }

  private async execute(
    tx: Tx,
    published: Map<string, Change[]>,
    actor: Actor,
    name: string,
    args: unknown,
    createdAt: number,
    /** undefined: guess from the delay between the action and its arrival. */
    queuedOffline: boolean | undefined,
    /** The pushing client, whose own earlier writes do not make its later edits stale; none for REST and the server. */
    clientId: string | null = null,
  ): Promise<Outcome> {
    const parsed = parseCommand(name, args);
    if (!parsed.ok) return { status: 'rejected', code: parsed.code, message: parsed.message };
    const receivedAt = this.clock();
    // A client clock running ahead must not date an action in the future.
    const occurredAt = Math.min(createdAt, receivedAt);
    const offline = queuedOffline ?? receivedAt - occurredAt > OFFLINE_AFTER_MS;
    const state = await this.loadState(tx, parsed.value.target, actor);
    const result = applyCommand(parsed.value, state, { actor, occurredAt, now: receivedAt, offline, clientId });
    if (!result.ok) return { status: 'rejected', code: result.code, message: result.message };
    // No savepoint of its own: the task's savepoint (drainQueue) already undoes a failed write.
    return this.writeEffect(tx, published, state, result.effect, actor, occurredAt, receivedAt, offline);
  }

  private async loadState(tx: Tx, target: CommandTarget, actor: Actor): Promise<JobState> {
    let jobId: string | undefined;
    let customerId: string | undefined;
    if ('appointmentId' in target) {
      jobId = (await tx.getAppointment(target.appointmentId))?.jobId;
    } else {
      jobId = target.jobId;
      customerId = target.customerId;
    }
    const job = jobId ? await tx.getJob(jobId) : undefined;
    const appointments = job ? await tx.appointmentsOfJob(job.id) : [];
    const customerKey = job?.customerId ?? customerId;
    const customer = customerKey ? await tx.getCustomer(customerKey) : undefined;
    const directory = this.directory;
    return {
      job,
      appointments,
      customer,
      customerSeen: !!customer && canSeeCustomer(actor, customer, actor.role === 'enterprise' && (await sentJobFor(tx, actor, customer.id))),
      completeReasons: directory.completeReasons(),
      technician: (id) => directory.user(id),
      organization: (id) => directory.organization(id),
    };
  }

  private async writeEffect(
    tx: Tx,
    published: Map<string, Change[]>,
    state: JobState,
    effect: CommandEffect,
    actor: Actor,
    occurredAt: number,
    receivedAt: number,
    offline: boolean,
  ): Promise<Applied> {
    const job = effect.job;
    // Enterprises follow the jobs they sent, so those changes also enter the source's log.
    const organizations = [job.organizationId, ...(job.sourceId ? [job.sourceId] : [])];
    const seqs = new Map<string, number>();
    for (const organizationId of organizations) seqs.set(organizationId, await tx.nextSeq(organizationId));
    const version = seqs.get(job.organizationId)!;
    const rows: Omit<Change, 'seq'>[] = [];
    const providerOnly: Omit<Change, 'seq'>[] = [];

    let customer: Customer | undefined;
    if (effect.customer) {
      customer = { ...effect.customer, version };
      await tx.putCustomer(customer);
      rows.push({ kind: 'customer', id: customer.id, data: customer });
    }
    const appointments = effect.appointments.map((appointment) => ({ ...appointment, version }));
    const merged = [...state.appointments.filter((existing) => !appointments.some((changed) => changed.id === existing.id)), ...appointments];
    const reasonOf = (id: string) => state.completeReasons.find((reason) => reason.id === id);
    const displayStatus = deriveJobStatus(job, merged, reasonOf);
    // Most appointment commands hand back the very job they were given: compare references before text.
    const jobChanged = !state.job || (job !== state.job && JSON.stringify(state.job) !== JSON.stringify(job));
    const writtenJob = jobChanged ? { ...job, version } : state.job!;
    // The row also carries the display-status index, which appointments alone can change.
    if (jobChanged || deriveJobStatus(state.job!, state.appointments, reasonOf) !== displayStatus) await tx.putJob(writtenJob, displayStatus);
    if (jobChanged) rows.push({ kind: 'job', id: job.id, data: writtenJob });
    for (const appointment of appointments) {
      await tx.putAppointment(appointment, job.sourceId);
      rows.push({ kind: 'appointment', id: appointment.id, data: appointment });
    }
    // Ids from the commit's seq sort in commit order and land at the end of the index, not at random.
    const idPrefix = `${job.organizationId}.${version}`;
    for (const [index, draft] of effect.activity.entries()) {
      const event: ActivityEvent = {
        ...draft,
        id: `act_${idPrefix}.${index}`,
        organizationId: job.organizationId,
        actorUserId: actor.userId,
        actorName: actor.name,
        actorRole: actor.role,
        source: actor.source,
        occurredAt,
        receivedAt,
        offline,
        version,
      };
      await tx.appendActivity(event);
      rows.push({ kind: 'activity', id: event.id, data: event });
    }
    for (const [index, draft] of effect.notifications.entries()) {
      const notification: CustomerNotification = { ...draft, id: `sms_${idPrefix}.${index}`, organizationId: job.organizationId, createdAt: receivedAt, version };
      await tx.appendNotification(notification);
      providerOnly.push({ kind: 'notification', id: notification.id, data: notification });
    }
    for (const [organizationId, seq] of seqs) {
      const changes = [...rows, ...(organizationId === job.organizationId ? providerOnly : [])].map((row) => ({ ...row, seq }));
      await tx.appendChanges(organizationId, changes);
      appendTo(published, organizationId, changes);
    }
    return { status: 'applied', seq: version, job: writtenJob, appointments, customer };
  }
}

/** Whether the acting job source sent a job for this customer (the only customers a source sees). */
async function sentJobFor(tx: Tx, actor: Actor, customerId: string): Promise<boolean> {
  const page = await tx.listJobs({ sourceId: actor.organizationId ?? '', customerIdIn: [customerId], limit: 1, offset: 0 });
  return page.total > 0;
}

function appendTo(published: Map<string, Change[]>, organizationId: string, changes: readonly Change[]): void {
  const list = published.get(organizationId);
  if (list) list.push(...changes);
  else published.set(organizationId, [...changes]);
}
