import {
  applyCommand,
  parseCommand,
  targetEntity,
  type Actor,
  type CommandState,
  type CommandTarget,
  type Customer,
  type ErrorCode,
  type ParsedCommand,
} from '../../domain';
import { CONFIRMED_TABLES, type DispatchDb, type OutboxEntry, type SyncMeta } from './db';
import { directoryLookups } from './directoryCache';
import { entityKey, pendingEntityEntries, readPendingDirectory } from './directoryState';
import { overlayLookups, readJobRows, replay, type JobRows } from './jobState';

/** An action the rules refuse before it is queued: the same code and message the server would give. */
export class CommandRejected extends Error {
  constructor(
    readonly code: ErrorCode | string,
    message: string,
  ) {
    super(message);
    this.name = 'CommandRejected';
  }
}

function newClientId(): string {
  return `c_${crypto.randomUUID().replaceAll('-', '')}`;
}

/** The sync bookkeeping row, created on first use. */
export async function readMeta(db: DispatchDb): Promise<SyncMeta> {
  return db.transaction('rw', db.meta, async () => {
    const existing = (await db.meta.get('sync')) as SyncMeta | undefined;
    if (existing) return existing;
    const created: SyncMeta = {
      key: 'sync',
      clientId: newClientId(),
      nextCommandId: 1,
      cursor: 0,
      serverId: null,
      lastSyncedAt: null,
    };
    await db.meta.put(created);
    return created;
  });
}

/** What a caller may add to a command it queues (`enqueueCommand`). */
export interface QueueOptions {
  /**
   * Reads, in the queueing transaction, arguments the caller takes from the database (the version the
   * dispatcher saw).
   */
  seen?: () => Promise<Record<string, unknown>>;
  /**
   * The job the caller believes the command's appointment belongs to (the board has the block's job in
   * hand). An appointment never changes job, so when the job's rows hold the appointment the belief is
   * proven, and the job is read beside the first reads instead of after a lookup of the appointment: one
   * round trip fewer. A wrong or stale hint costs that round trip back, never a wrong verdict.
   */
  jobHint?: string;
}

/**
 * Validates an action against the job as the user sees it (confirmed + pending) and, if the rules allow
 * it, writes it to the outbox — one transaction, so the command and its on-screen effect appear
 * together, and the promise resolves only when that transaction is durable.
 *
 * Each await inside is a round trip to IndexedDB (in Chromium, to another process), and the transaction
 * waits behind any sync write over the same tables: reads that do not depend on each other leave together,
 * so a call costs few round trips (bench/README.md, `client`).
 */
export async function enqueueCommand(
  db: DispatchDb,
  actor: Actor,
  name: string,
  args: unknown,
  offline: boolean,
  { seen, jobHint }: QueueOptions = {},
): Promise<OutboxEntry> {
  const first = parseCommand(name, args);
  if (!first.ok) throw new CommandRejected(first.code, first.message);
  const { target } = first.value;
  const entity = targetEntity(target);
  return db.transaction('rw', [db.outbox, db.meta, ...CONFIRMED_TABLES.map((table) => db.table(table))], async () => {
    const createdAt = Date.now();
    // One wave of reads for what depends on nothing: the job itself when the command names it (or the
    // caller knows it), else the appointment that leads to it (a second wave reads the job then).
    const named = !entity && 'jobId' in target ? target.jobId : undefined;
    const appointmentId = !entity && 'appointmentId' in target ? target.appointmentId : undefined;
    const guessed = named ?? (appointmentId ? jobHint : undefined);
    const namedCustomerId = !entity && 'customerId' in target ? target.customerId : undefined;
    const [meta, foundJobId, seenArgs, guessedRows, directoryEntries, namedCustomer] = await Promise.all([
      currentMeta(db),
      entity || guessed ? undefined : jobOfTarget(db, target),
      seen?.(),
      guessed ? readJobRows(db, guessed) : undefined,
      entity ? undefined : pendingEntityEntries(db),
      namedCustomerId ? db.customers.get(namedCustomerId) : undefined,
    ]);
    // A hint is taken only once the job's rows prove it; else the appointment leads to its job after all.
    const proven = named || (guessedRows && appointmentId && holdsAppointment(guessedRows, appointmentId));
    const rows = proven ? guessedRows : undefined;
    const jobId = proven ? guessed : (foundJobId ?? (guessed ? await jobOfTarget(db, target) : undefined));
    // What was read joins the arguments, checked by the same schema (it names the same target).
    const parsed =
      seenArgs && Object.keys(seenArgs).length ? parseCommand(name, { ...(args as object), ...seenArgs }) : first;
    if (!parsed.ok) throw new CommandRejected(parsed.code, parsed.message);
    const command = { name, args: parsed.value.args, createdAt, offline };
    const entry: Omit<OutboxEntry, 'jobId' | 'appointmentIds'> = { id: meta.nextCommandId, ...command };
    const queued = entity
      ? await judgeDirectoryCommand(db, actor, { ...entry, entity: entityKey(entity) })
      : await judgeJobCommand(db, actor, meta.clientId, parsed.value, entry, jobId, {
          rows,
          directoryEntries: directoryEntries ?? [],
          customer: namedCustomer,
        });
    await Promise.all([db.outbox.add(queued), db.meta.put({ ...meta, nextCommandId: meta.nextCommandId + 1 })]);
    return queued;
  });
}

/** Whether a job's rows hold the appointment, confirmed or created by one of its pending commands. */
function holdsAppointment(rows: JobRows, appointmentId: string): boolean {
  return (
    rows.appointments.some((appointment) => appointment.id === appointmentId) ||
    rows.pending.some((entry) => entry.appointmentIds.includes(appointmentId))
  );
}

/** The sync row inside a transaction over the meta table (created on first use, as readMeta does). */
async function currentMeta(db: DispatchDb): Promise<SyncMeta> {
  const existing = (await db.meta.get('sync')) as SyncMeta | undefined;
  return existing ?? readMeta(db);
}

/** A command about an organization, a user or a customer, judged on the directory as the dispatcher sees it. */
async function judgeDirectoryCommand(
  db: DispatchDb,
  actor: Actor,
  entry: Omit<OutboxEntry, 'jobId' | 'appointmentIds'> & { entity: string },
): Promise<OutboxEntry> {
  const { extraResult } = await readPendingDirectory(db, actor, entry);
  if (extraResult && !extraResult.ok) throw new CommandRejected(extraResult.code, extraResult.message);
  return { ...entry, appointmentIds: [] };
}

/** What the first wave of a job command's reads brought in. */
interface FirstReads {
  rows: JobRows | undefined;
  directoryEntries: OutboxEntry[];
  /** The customer the command names (a new job's), when it names one. */
  customer: Customer | undefined;
}

/**
 * A job command, judged on the job as the dispatcher sees it (confirmed + pending). Judged as the server
 * will judge it: our own pending edits of an appointment do not make the version we saw before them stale.
 *
 * The same state as `readJobView`, but only what a verdict can depend on, in as few round trips as the
 * command allows: the technicians, organizations and reasons come from memory (directoryCache.ts), and the
 * job's customer is read only when the command names one (a new job's): no other verdict depends on it
 * (the texts a status change would send do, and those the server writes).
 */
async function judgeJobCommand(
  db: DispatchDb,
  actor: Actor,
  clientId: string,
  command: ParsedCommand,
  entry: Omit<OutboxEntry, 'jobId' | 'appointmentIds'>,
  jobId: string | undefined,
  first: FirstReads,
): Promise<OutboxEntry> {
  if (!jobId) throw new CommandRejected('NOT_FOUND', 'This appointment does not exist or is not yours.');
  const [rows, confirmedLookups, directory] = await Promise.all([
    first.rows ?? readJobRows(db, jobId),
    directoryLookups(db),
    first.directoryEntries.length ? readPendingDirectory(db, actor) : undefined,
  ]);
  const customer = (first.customer && directory?.customers.get(first.customer.id)) || first.customer;
  const lookups = directory ? overlayLookups(confirmedLookups, directory) : confirmedLookups;
  const view = replay({ ...rows, customer }, rows.pending, lookups, actor, clientId);
  const state: CommandState = {
    job: view.job,
    appointments: view.appointments,
    customer: view.customer,
    customerSeen: view.customer !== undefined,
    completeReasons: lookups.completeReasons,
    technician: (id) => lookups.technicians.get(id),
    organization: (id) => lookups.organizations.get(id),
  };
  const result = applyCommand(command, state, {
    actor,
    occurredAt: entry.createdAt,
    now: entry.createdAt,
    offline: entry.offline,
    clientId,
  });
  if (!result.ok) throw new CommandRejected(result.code, result.message);
  return {
    ...entry,
    jobId,
    appointmentIds: result.effect.appointments
      .filter((appointment) => !view.appointments.some((existing) => existing.id === appointment.id))
      .map((appointment) => appointment.id),
  };
}

/** The job a command targets: named, or the one of the appointment it names. */
async function jobOfTarget(db: DispatchDb, target: CommandTarget): Promise<string | undefined> {
  if ('jobId' in target) return target.jobId;
  return 'appointmentId' in target ? jobOfAppointment(db, target.appointmentId) : undefined;
}

async function jobOfAppointment(db: DispatchDb, appointmentId: string): Promise<string | undefined> {
  const confirmed = await db.appointments.get(appointmentId);
  if (confirmed) return confirmed.jobId;
  return (await db.outbox.where('appointmentIds').equals(appointmentId).first())?.jobId;
}
