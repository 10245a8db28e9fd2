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
 * together, and the promise resolves only when that transaction is durable.
 */
export async function enqueueCommand(
  db: DispatchDb,
  actor: Actor,
  name: string,
  args: unknown,
  offline: boolean,
): Promise<OutboxEntry> {
  const parsed = parseCommand(name, args);
  if (!parsed.ok) throw new CommandRejected(parsed.code, parsed.message);
  const { target } = parsed.value;
  const entity = targetEntity(target);
  return db.transaction('rw', [db.outbox, db.meta, ...CONFIRMED_TABLES.map((table) => db.table(table))], async () => {
    const createdAt = Date.now();
    const meta = await readMeta(db);
    const command = { name, args: parsed.value.args, createdAt, offline };
    const entry: Omit<OutboxEntry, 'jobId' | 'appointmentIds'> = { id: meta.nextCommandId, ...command };
    const queued = entity
      ? await judgeDirectoryCommand(db, actor, { ...entry, entity: entityKey(entity) })
      : await judgeJobCommand(db, actor, meta.clientId, parsed.value, entry, target);
    await db.outbox.add(queued);
    await db.meta.put({ ...meta, nextCommandId: meta.nextCommandId + 1 });
    return queued;
  });
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
): Promise<OutboxEntry> {
  const jobId =
    'jobId' in target
      ? target.jobId
      : 'appointmentId' in target
        ? await jobOfAppointment(db, target.appointmentId)
        : undefined;
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

async function jobOfAppointment(db: DispatchDb, appointmentId: string): Promise<string | undefined> {
  const confirmed = await db.appointments.get(appointmentId);
  if (confirmed) return confirmed.jobId;
  return (await db.outbox.where('appointmentIds').equals(appointmentId).first())?.jobId;
}
