import { fullName, roleFor, type Actor, type ChangeSource } from '../domain';
import type { TokenIssuer } from './auth';
import type { Directory } from './directory';
import type { Sessions } from './sessions';

export type Path = 'console' | 'mobile' | 'integration';

export type SessionResult =
  | {
      ok: true;
      actor: Actor;
      /** Epoch ms when the token expires: a socket is refused from then on. */
      expiresAt: number;
      /** The sign-in session the token belongs to (ended by sign-out or a password change). */
      sessionId?: string;
    }
  | { ok: false; code: 'UNAUTHENTICATED' | 'FORBIDDEN'; message: string };

export const SESSION_EXPIRED = 'Your session has expired or is not valid; sign in again.';

const SOURCES: Record<Path, ChangeSource> = { console: 'console', mobile: 'mobile', integration: 'integration' };

/**
 * Turns a bearer token into the actor a command runs as. The path decides the role: the console admits
 * dispatchers and enterprise users; technicians act from the mobile app, so their REST calls are
 * recorded as coming from "mobile".
 */
export async function actorFromToken(
  token: unknown,
  path: Path,
  tokens: TokenIssuer,
  directory: Directory,
  sessions: Sessions,
): Promise<SessionResult> {
  const claims = tokens.claims(token, 'access');
  const user = claims ? directory.user(claims.sub) : undefined;
  if (!claims || !user || !(await sessions.isActive(claims.sid, user.id)))
    return { ok: false, code: 'UNAUTHENTICATED', message: SESSION_EXPIRED };
  const role = roleFor(user, path);
  if (!role) {
    return {
      ok: false,
      code: 'FORBIDDEN',
      message: 'Technicians sign in on the mobile app; the console is for dispatchers and enterprise users.',
    };
  }
  const source: ChangeSource = role === 'technician' ? 'mobile' : SOURCES[path];
  return {
    ok: true,
    actor: { userId: user.id, name: fullName(user), role, organizationId: user.organizationId, source },
    expiresAt: claims.exp * 1000,
    sessionId: claims.sid,
  };
}
