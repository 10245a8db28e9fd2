import {
  applyCommand,
  parseCommand,
  targetEntity,
  type Actor,
  type CommandState,
  type CommandTarget,
  type ErrorCode,
  type ParsedCommand,
} from '../../domain';
import { CONFIRMED_TABLES, type DispatchDb, type OutboxEntry, type SyncMeta } from './db';
import { entityKey, readPendingDirectory } from './directoryState';
import { readJobView } from './jobState';

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

/**
 * Validates an action against the job as the user sees it (confirmed + pending) and, if the rules allow
 * it, writes it to the outbox — one transaction, so the command and its on-screen effect appear
 * together, and the promise resolves only when that transaction is durable. `seen` reads, in that same
 * transaction, arguments the caller takes from the database (the version the dispatcher saw).
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
  seen?: () => Promise<Record<string, unknown>>,
): Promise<OutboxEntry> {
  const first = parseCommand(name, args);
  if (!first.ok) throw new CommandRejected(first.code, first.message);
  const { target } = first.value;
  const entity = targetEntity(target);
  return db.transaction('rw', [db.outbox, db.meta, ...CONFIRMED_TABLES.map((table) => db.table(table))], async () => {
    const createdAt = Date.now();
    const [meta, jobId, seenArgs] = await Promise.all([
      currentMeta(db),
      entity ? undefined : jobOfTarget(db, target),
      seen?.(),
    ]);
    // What was read joins the arguments, checked by the same schema (it names the same target).
    const parsed =
      seenArgs && Object.keys(seenArgs).length ? parseCommand(name, { ...(args as object), ...seenArgs }) : first;
    if (!parsed.ok) throw new CommandRejected(parsed.code, parsed.message);
    const command = { name, args: parsed.value.args, createdAt, offline };
    const entry: Omit<OutboxEntry, 'jobId' | 'appointmentIds'> = { id: meta.nextCommandId, ...command };
    const queued = entity
      ? await judgeDirectoryCommand(db, actor, { ...entry, entity: entityKey(entity) })
      : await judgeJobCommand(db, actor, meta.clientId, parsed.value, entry, target, jobId);
    await Promise.all([db.outbox.add(queued), db.meta.put({ ...meta, nextCommandId: meta.nextCommandId + 1 })]);
    return queued;
  });
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

/**
 * A job command, judged on the job as the dispatcher sees it (confirmed + pending). Judged as the server
 * will judge it: our own pending edits of an appointment do not make the version we saw before them stale.
 */
async function judgeJobCommand(
  db: DispatchDb,
  actor: Actor,
  clientId: string,
  command: ParsedCommand,
  entry: Omit<OutboxEntry, 'jobId' | 'appointmentIds'>,
  target: CommandTarget,
  jobId: string | undefined,
): Promise<OutboxEntry> {
  if (!jobId) throw new CommandRejected('NOT_FOUND', 'This appointment does not exist or is not yours.');
  const view = await readJobView(db, jobId, actor, 'customerId' in target ? target.customerId : undefined, [
    { args: entry.args },
  ]);
  const state: CommandState = {
    job: view.job,
    appointments: view.appointments,
    customer: view.customer,
    customerSeen: view.customer !== undefined,
    completeReasons: view.lookups.completeReasons,
    technician: (id) => view.lookups.technicians.get(id),
    organization: (id) => view.lookups.organizations.get(id),
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
