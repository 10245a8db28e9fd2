import { DEFAULT_COMPLETE_REASONS, type CompleteReason, type Organization } from '../domain';
import type { Directory } from './directory';
import type { CommandPipeline } from './pipeline';
import { appendTo as publishTo, type PublishedChanges } from './pipeline/types';
import type { Change, StoredUser, Tx } from './store/types';

/**
 * Organizations, users and complete reasons change outside the command pipeline (sign-up, admin,
 * demo data), but clients sync them through the same change logs. Organizations and reasons are
 * visible to every organization (a provider shows its sources' names, an enterprise its providers');
 * users only to their own organization, and never with their password hash.
 *
 * Each writer updates the in-memory directory at once (later writes of the same transaction read it)
 * and registers the undo with the transaction, so a rolled-back write leaves no trace in memory either.
 */
export async function writeOrganization(tx: Tx, directory: Directory, organization: Organization): Promise<void> {
  const everyone = new Set([...directory.allOrganizations().map((existing) => existing.id), organization.id]);
  const seqs = await appendEverywhere(tx, [...everyone], {
    kind: 'organization',
    id: organization.id,
    data: organization,
  });
  await tx.putOrganization({ ...organization, version: seqs.get(organization.id)! });
  // A new organization also learns of those that came before it.
  const catchUp = directory.allOrganizations().filter((existing) => existing.id !== organization.id);
  if (catchUp.length)
    await appendTo(
      tx,
      organization.id,
      catchUp.map((existing) => ({ kind: 'organization' as const, id: existing.id, data: existing })),
    );
  for (const reason of directory.completeReasons())
    await appendTo(tx, organization.id, [{ kind: 'completeReason', id: reason.id, data: reason }]);
  const previous = directory.organization(organization.id);
  directory.putOrganization(organization);
  tx.onRollback(() => (previous ? directory.putOrganization(previous) : directory.removeOrganization(organization.id)));
}

export async function writeUser(tx: Tx, directory: Directory, user: StoredUser): Promise<void> {
  const { passwordHash: _secret, ...visible } = user;
  const seq = await tx.nextSeq(user.organizationId);
  const stored = { ...user, version: seq };
  await tx.putUser(stored);
  await tx.appendChanges(user.organizationId, [{ seq, kind: 'user', id: user.id, data: { ...visible, version: seq } }]);
  const previous = directory.storedUser(user.id);
  directory.putUser(stored);
  tx.onRollback(() => (previous ? directory.putUser(previous) : directory.removeUser(user.id)));
}

/**
 * A new password hash for an existing user (a sign-in's cost upgrade, a password change). Nothing the
 * change logs carry changes, so no change row is written and the user's version stays.
 */
export async function writePasswordHash(
  tx: Tx,
  directory: Directory,
  userId: string,
  passwordHash: string,
): Promise<void> {
  const previous = directory.storedUser(userId);
  if (!previous) return;
  const stored = { ...previous, passwordHash };
  await tx.putUser(stored);
  directory.putUser(stored);
  tx.onRollback(() => directory.putUser(previous));
}

/**
 * A complete reason, new or changed (a job source's own, through the REST API; the defaults at start-up).
 * `published` collects the change rows so consoles connected now get them at once, after the commit.
 */
export async function writeCompleteReason(
  tx: Tx,
  directory: Directory,
  reason: CompleteReason,
  published?: PublishedChanges,
): Promise<void> {
  await tx.putCompleteReason(reason);
  const row = { kind: 'completeReason' as const, id: reason.id, data: reason };
  const seqs = await appendEverywhere(
    tx,
    directory.allOrganizations().map((organization) => organization.id),
    row,
  );
  if (published) for (const [organizationId, seq] of seqs) publishTo(published, organizationId, [{ ...row, seq }]);
  const previous = directory.completeReasons();
  directory.putCompleteReason(reason);
  tx.onRollback(() => directory.replaceCompleteReasons(previous));
}

async function appendEverywhere(
  tx: Tx,
  organizationIds: string[],
  row: Omit<Change, 'seq'>,
): Promise<Map<string, number>> {
  const seqs = new Map<string, number>();
  for (const organizationId of organizationIds) {
    const seq = await tx.nextSeq(organizationId);
    seqs.set(organizationId, seq);
    await tx.appendChanges(organizationId, [{ ...row, seq }]);
  }
  return seqs;
}

async function appendTo(tx: Tx, organizationId: string, rows: Omit<Change, 'seq'>[]): Promise<void> {
  const seq = await tx.nextSeq(organizationId);
  await tx.appendChanges(
    organizationId,
    rows.map((row) => ({ ...row, seq })),
  );
}

/**
 * Default complete reasons a newer version added (the seed's "Interrupted — emergency call") reach a
 * network created before it, at start-up, through the change log like any reason. A database without
 * organizations gets them with its first network (the demo, an operator's set-up), not here.
 */
export async function addMissingDefaultReasons(pipeline: CommandPipeline, directory: Directory): Promise<void> {
  const missing = () => {
    if (!directory.allOrganizations().length) return [];
    const known = new Set(directory.completeReasons().map((reason) => reason.id));
    return DEFAULT_COMPLETE_REASONS.filter((reason) => !known.has(reason.id));
  };
  if (!missing().length) return;
  await pipeline.write(async (tx, published) => {
    // Asked again inside the write: another process upgraded at the same time may have added them already.
    for (const reason of missing()) await writeCompleteReason(tx, directory, reason, published);
  });
}
