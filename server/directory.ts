import type { CompleteReason, Organization, User } from '../domain';
import type { DirectoryReads, StoredUser } from './store/types';

/**
 * Organizations, users and complete reasons, held in memory: every command reads them and they change
 * rarely. This process updates the copy in the same step as its own writes; what another process wrote
 * (PostgreSQL) arrives by `reload` (Store.watchDirectory, refreshDirectory).
 */
export class Directory {
  private readonly organizations = new Map<string, Organization>();
  private readonly users = new Map<string, StoredUser>();
  private readonly usersByEmail = new Map<string, StoredUser>();
  private reasons: CompleteReason[] = [];

  static async load(reads: DirectoryReads): Promise<Directory> {
    const directory = new Directory();
    await directory.reload(reads);
    return directory;
  }

  /** Replaces the whole copy with what `reads` holds; the lists are read first, then swapped in one step. */
  async reload(reads: DirectoryReads): Promise<void> {
    const organizations = await reads.listOrganizations();
    const users = await reads.listUsers();
    const reasons = await reads.listCompleteReasons();
    this.organizations.clear();
    this.users.clear();
    this.usersByEmail.clear();
    for (const organization of organizations) this.putOrganization(organization);
    for (const user of users) this.putUser(user);
    this.reasons = [...reasons];
  }

  organization(id: string): Organization | undefined {
    return this.organizations.get(id);
  }

  /**
   * `user` and `organization` as functions of their own, made once: every command's state hands them to the
   * rules, and a closure made per command is renamed per command too (tsx keeps function names, one
   * `Object.defineProperty` each).
   */
  readonly userLookup = (id: string): User | undefined => this.user(id);
  readonly organizationLookup = (id: string): Organization | undefined => this.organization(id);

  allOrganizations(): Organization[] {
    return [...this.organizations.values()];
  }

  user(id: string): User | undefined {
    const stored = this.users.get(id);
    if (!stored) return undefined;
    const { passwordHash: _hidden, ...user } = stored;
    return user;
  }

  storedUserByEmail(email: string): StoredUser | undefined {
    return this.usersByEmail.get(email.trim().toLowerCase());
  }

  usersOf(organizationId: string): User[] {
    return [...this.users.keys()].map((id) => this.user(id)!).filter((user) => user.organizationId === organizationId);
  }

  completeReasons(): readonly CompleteReason[] {
    return this.reasons;
  }

  removeOrganization(id: string): void {
    this.organizations.delete(id);
  }

  removeUser(id: string): void {
    const previous = this.users.get(id);
    if (previous) this.usersByEmail.delete(previous.email.toLowerCase());
    this.users.delete(id);
  }

  /** The stored user with its password hash, to restore it exactly when a write is undone. */
  storedUser(id: string): StoredUser | undefined {
    return this.users.get(id);
  }

  putOrganization(organization: Organization): void {
    this.organizations.set(organization.id, organization);
  }

  putUser(user: StoredUser): void {
    const previous = this.users.get(user.id);
    if (previous) this.usersByEmail.delete(previous.email.toLowerCase());
    this.users.set(user.id, user);
    this.usersByEmail.set(user.email.toLowerCase(), user);
  }

  putCompleteReason(reason: CompleteReason): void {
    this.reasons = [...this.reasons.filter((existing) => existing.id !== reason.id), reason];
  }

  /** The reasons exactly as they were (order included), to undo a write. */
  replaceCompleteReasons(reasons: readonly CompleteReason[]): void {
    this.reasons = [...reasons];
  }
}
