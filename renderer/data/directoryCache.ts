import Dexie from 'dexie';
import type { CompleteReason, Organization, User } from '../../domain';
import type { DispatchDb } from './db';
import type { Lookups } from './jobState';

/**
 * Every confirmed user, organization and complete reason of a database, held in memory for judging
 * commands: a move then reads only its job from IndexedDB, not the technicians and organizations too (a
 * round trip more on the path from the dispatcher's drop to the durable outbox write).
 *
 * A held copy is dropped by any committed write to those tables, from any connection of this window
 * (Dexie's `storagemutated` fires as the writing transaction completes, before anything awaiting it
 * resumes), and from another window as soon as its broadcast arrives: a command judged in that short gap
 * is judged as if queued a moment earlier, and the server judges it again on its own state either way.
 * Not for live queries: they must read the tables to be told of changes.
 */
const TABLES = ['users', 'organizations', 'completeReasons'];

/** Writes seen to those tables, per database name (one listener for all databases: none is left behind). */
const writes = new Map<string, number>();

Dexie.on('storagemutated', (parts: Record<string, unknown>) => {
  for (const part of Object.keys(parts)) {
    // `idb://<database>/<table>/<index>`; database names contain slashes of their own (`dispatch:host:user`
    // has none, but a test's may), so the table is read from the end.
    const segments = part.split('/');
    const table = segments[segments.length - 2];
    if (!part.startsWith('idb://') || !TABLES.includes(table)) continue;
    const database = segments.slice(2, -2).join('/');
    writes.set(database, (writes.get(database) ?? 0) + 1);
  }
});

const held = new WeakMap<DispatchDb, { lookups: Lookups; writes: number }>();

/**
 * The directory lookups of `db` as of now: held, or read (in the caller's transaction when there is one).
 * Call once the transaction's first reads are in, so that a write committed before it began has been seen.
 */
export async function directoryLookups(db: DispatchDb): Promise<Lookups> {
  const seen = writes.get(db.name) ?? 0;
  const copy = held.get(db);
  if (copy && copy.writes === seen) return copy.lookups;
  const [users, organizations, completeReasons] = await Promise.all([
    db.users.toArray() as Promise<User[]>,
    db.organizations.toArray() as Promise<Organization[]>,
    db.completeReasons.toArray() as Promise<CompleteReason[]>,
  ]);
  const lookups: Lookups = {
    technicians: new Map(users.map((user) => [user.id, user])),
    organizations: new Map(organizations.map((organization) => [organization.id, organization])),
    completeReasons,
  };
  // A write that landed while these were read makes them suspect: used this once, not held.
  if ((writes.get(db.name) ?? 0) === seen) held.set(db, { lookups, writes: seen });
  return lookups;
}
