import type { ActorRole, ChangeSource, User } from './entities';

/** Who is acting, resolved by the server from a token (or by the client from its session). */
export interface Actor {
  userId: string | null;
  name: string;
  role: ActorRole;
  /** The actor's organization; null only for the system. */
  organizationId: string | null;
  source: ChangeSource;
}

export const SYSTEM_ACTOR: Actor = {
  userId: null,
  name: 'Dispatch',
  role: 'system',
  organizationId: null,
  source: 'system',
};

export function fullName(user: Pick<User, 'firstName' | 'lastName'>): string {
  return [user.firstName, user.lastName].filter(Boolean).join(' ');
}

/**
 * The role a user acts in on a given path. The console is for dispatchers and enterprise users; a
 * technician-only user works from the mobile app. Returns null when the user has no role for the path.
 */
export function roleFor(
  user: Pick<User, 'roles'>,
  path: 'console' | 'mobile' | 'integration',
): Exclude<ActorRole, 'system'> | null {
  if (user.roles.includes('enterprise')) return 'enterprise';
  if (path === 'console') return user.roles.includes('dispatcher') ? 'dispatcher' : null;
  if (path === 'mobile')
    return user.roles.includes('technician') ? 'technician' : user.roles.includes('dispatcher') ? 'dispatcher' : null;
  return user.roles.includes('dispatcher') ? 'dispatcher' : user.roles.includes('technician') ? 'technician' : null;
}
