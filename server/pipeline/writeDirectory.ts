import type { Customer, Organization, User } from '../../domain';
import type { Directory } from '../directory';
import type { Tx } from '../store/types';
import type { CommitLog } from './commitLog';

/**
 * The directory entities a command writes (organization settings, a user, a customer on its own). Each
 * carries its own organization's seq of the commit as its version. Organizations and users also live in
 * the in-memory directory: it is updated in the same step as the row, and the undo is registered with the
 * transaction, so a rolled-back command (its savepoint or the whole group) leaves no trace in memory.
 */

/** Every organization follows every organization (a provider names its sources, a source its providers). */
export async function writeOrganizationEffect(
  tx: Tx,
  log: CommitLog,
  directory: Directory,
  organization: Organization,
): Promise<Organization> {
  const version = await log.seq(organization.id);
  const written = { ...organization, version };
  await tx.putOrganization(written);
  const everyone = [organization.id, ...directory.allOrganizations().map((existing) => existing.id)];
  await log.add(everyone, { kind: 'organization', id: written.id, data: written });
  const previous = directory.organization(organization.id);
  directory.putOrganization(written);
  tx.onRollback(() => (previous ? directory.putOrganization(previous) : directory.removeOrganization(written.id)));
  return written;
}

/** A user changes only within their own organization's log, and never with the password hash. */
export async function writeUserEffect(tx: Tx, log: CommitLog, directory: Directory, user: User): Promise<User> {
  const previous = directory.storedUser(user.id);
  // Commands edit people who exist; creating one (with a password) is sign-up's, not a command's.
  if (!previous) throw new Error(`A command wrote user ${user.id}, who is not in the directory.`);
  const version = await log.seq(user.organizationId);
  const { passwordHash: _kept, ...visible } = { ...previous, ...user, version };
  await tx.putUser({ ...visible, passwordHash: previous.passwordHash });
  await log.add([user.organizationId], { kind: 'user', id: user.id, data: visible });
  directory.putUser({ ...visible, passwordHash: previous.passwordHash });
  tx.onRollback(() => directory.putUser(previous));
  return visible;
}

/** A customer edited on its own: its provider's log, and the logs of the sources that sent jobs for it. */
export async function writeCustomerEffect(tx: Tx, log: CommitLog, customer: Customer): Promise<Customer> {
  const version = await log.seq(customer.organizationId);
  const written = { ...customer, version };
  await tx.putCustomer(written);
  const sources = await tx.sourcesOfCustomer(customer.organizationId, customer.id);
  await log.add([customer.organizationId, ...sources], { kind: 'customer', id: written.id, data: written });
  return written;
}
