import {
  applyCommand,
  parseCommand,
  targetEntity,
  type Actor,
  type CommandState,
  type CompleteReason,
  type Customer,
  type EntityRef,
  type Organization,
  type User,
} from '../../domain';
import type { DispatchDb, OutboxEntry } from './db';

/**
 * The directory as the console shows it: organizations, users and customers as confirmed, with the
 * pending commands that target them (`organization.update`, and any command whose target is a user or
 * a customer) replayed on top in outbox order, with the same domain code the server runs. Job commands
 * are replayed per job (jobState.ts); these are few, so the whole set is replayed at once.
 */
export interface PendingDirectory {
  organizations: Map<string, Organization>;
  users: Map<string, User>;
  customers: Map<string, Customer>;
  /** `entityKey`s of entities carrying an effect the server has not confirmed yet. */
  pending: Set<string>;
  /** Pending commands the fresh state now refuses (the server's answer will move them to conflicts). */
  refused: number[];
}

/** How an outbox entry names its entity (and the index it is found by): `organization:org_1`. */
export function entityKey(ref: EntityRef): string {
  return `${ref.kind}:${ref.id}`;
}

export function parseEntityKey(key: string): EntityRef | undefined {
  const at = key.indexOf(':');
  const kind = key.slice(0, at);
  return kind === 'organization' || kind === 'user' || kind === 'customer'
    ? { kind, id: key.slice(at + 1) }
    : undefined;
}

/** The outbox entries about directory entities, oldest first (entries of job commands are not in the index). */
export function pendingEntityEntries(db: DispatchDb): Promise<OutboxEntry[]> {
  return db.outbox.where('entity').above('').sortBy('id');
}

/** A command about to be queued: judged on top of the pending ones. */
export type DirectoryCommand = Pick<OutboxEntry, 'name' | 'args' | 'createdAt' | 'offline' | 'entity'>;

/**
 * Replays the directory's pending commands; `extra` is one more command to judge on top (the one being
 * queued), whose verdict is returned as `extraResult`. Call inside a transaction over the outbox and the
 * confirmed tables when the result decides a write.
 */
export async function readPendingDirectory(
  db: DispatchDb,
  actor: Actor,
  extra?: DirectoryCommand,
): Promise<PendingDirectory & { extraResult?: ReturnType<typeof applyCommand> }> {
  const entries = await pendingEntityEntries(db);
  const directory: PendingDirectory = {
    organizations: new Map(),
    users: new Map(),
    customers: new Map(),
    pending: new Set(),
    refused: [],
  };
  if (!entries.length && !extra) return directory;
  const [clientId, organizations, users, customers, reasons] = await Promise.all([
    readClientId(db),
    db.organizations.toArray(),
    db.users.toArray(),
    readCustomers(db, [...entries, ...(extra ? [extra] : [])]),
    db.completeReasons.toArray(),
  ]);
  const confirmed = {
    organizations: new Map(organizations.map((organization) => [organization.id, organization])),
    users: new Map(users.map((user) => [user.id, user])),
    customers: new Map(customers.map((customer) => [customer.id, customer])),
  };
  const judge = (command: DirectoryCommand): ReturnType<typeof applyCommand> => {
    const parsed = parseCommand(command.name, command.args);
    if (!parsed.ok) return parsed;
    const ref = targetEntity(parsed.value.target);
    if (!ref)
      return {
        ok: false,
        code: 'INVALID_ARGS',
        message: 'This command is not about an organization, a user or a customer.',
      };
    const state = stateFor(ref, directory, confirmed, reasons);
    const ctx = { actor, occurredAt: command.createdAt, now: command.createdAt, offline: command.offline, clientId };
    return applyCommand(parsed.value, state, ctx);
  };
  for (const entry of entries) {
    const result = judge(entry);
    if (!result.ok) {
      directory.refused.push(entry.id);
      continue;
    }
    const { organization, users: writtenUsers, customer } = result.effect;
    if (organization) record(directory, directory.organizations, 'organization', organization);
    for (const user of writtenUsers ?? []) record(directory, directory.users, 'user', user);
    if (customer) record(directory, directory.customers, 'customer', customer);
  }
  return { ...directory, ...(extra ? { extraResult: judge(extra) } : {}) };
}

function record<T extends { id: string }>(
  directory: PendingDirectory,
  map: Map<string, T>,
  kind: EntityRef['kind'],
  value: T,
): void {
  map.set(value.id, value);
  directory.pending.add(entityKey({ kind, id: value.id }));
}

/** A command's state: its entity as the dispatcher sees it (pending over confirmed) and the lookups. */
function stateFor(
  ref: EntityRef,
  directory: PendingDirectory,
  confirmed: Pick<PendingDirectory, 'organizations' | 'users' | 'customers'>,
  reasons: CompleteReason[],
): CommandState {
  const organization = (id: string) => directory.organizations.get(id) ?? confirmed.organizations.get(id);
  const user = (id: string) => directory.users.get(id) ?? confirmed.users.get(id);
  const customer =
    ref.kind === 'customer' ? (directory.customers.get(ref.id) ?? confirmed.customers.get(ref.id)) : undefined;
  return {
    job: undefined,
    appointments: [],
    // The console's cache holds only customers its user may see.
    customer,
    customerSeen: customer !== undefined,
    completeReasons: reasons,
    technician: user,
    organization,
    user: ref.kind === 'user' ? user(ref.id) : undefined,
  };
}

async function readCustomers(db: DispatchDb, entries: readonly { entity?: string }[]): Promise<Customer[]> {
  const ids = entries
    .map((entry) => (entry.entity ? parseEntityKey(entry.entity) : undefined))
    .filter((ref): ref is EntityRef => ref?.kind === 'customer')
    .map((ref) => ref.id);
  if (!ids.length) return [];
  return (await db.customers.bulkGet([...new Set(ids)])).filter((customer): customer is Customer => !!customer);
}

/** One organization as the console shows it, with whether a change of it is still unconfirmed. */
export interface OrganizationView {
  organization: Organization | undefined;
  pending: boolean;
}

/** The organization (its settings) as the dispatcher sees it: confirmed, with pending edits replayed. */
export async function readOrganizationView(
  db: DispatchDb,
  actor: Actor,
  organizationId: string,
): Promise<OrganizationView> {
  const [confirmed, directory] = await Promise.all([
    db.organizations.get(organizationId),
    readPendingDirectory(db, actor),
  ]);
  const pending = directory.organizations.get(organizationId);
  return {
    organization: pending ?? confirmed,
    pending: directory.pending.has(entityKey({ kind: 'organization', id: organizationId })),
  };
}

/** The client id the outbox's commands are pushed under (none before the first command is queued). */
export async function readClientId(db: DispatchDb): Promise<string | undefined> {
  const meta = await db.meta.get('sync');
  return meta?.key === 'sync' ? meta.clientId : undefined;
}
