import type { CompleteReason, Organization, User } from '../domain';
import type { Store, StoredUser } from './store/types';

/**
 * Organizations, users and complete reasons, held in memory: every command reads them and they change
 * rarely (and only through this process, which updates the copy in the same step as the write).
 */
export class Directory {
  private readonly organizations = new Map<string, Organization>();
  private readonly users = new Map<string, StoredUser>();
  private readonly usersByEmail = new Map<string, StoredUser>();
  private reasons: CompleteReason[] = [];

  static async load(store: Store): Promise<Directory> {
    const directory = new Directory();
    for (const organization of await store.listOrganizations()) directory.putOrganization(organization);
    for (const user of await store.listUsers()) directory.putUser(user);
    for (const reason of await store.listCompleteReasons()) directory.putCompleteReason(reason);
    return directory;
  }

  organization(id: string): Organization | undefined {
    return this.organizations.get(id);
  }

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
