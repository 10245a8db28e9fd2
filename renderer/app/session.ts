import type { Actor } from '../../domain';

/** A signed-in console user, kept in localStorage so the console reopens (and works) while offline. */
export interface Session {
  serverUrl: string;
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
  user: { id: string; organizationId: string; firstName: string; lastName: string; email: string; roles: string[] };
  role: 'dispatcher' | 'enterprise';
}

const STORAGE_KEY = 'dispatch.session';

export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else localStorage.removeItem(STORAGE_KEY);
}

export function actorOf(session: Session): Actor {
  return {
    userId: session.user.id,
    name: `${session.user.firstName} ${session.user.lastName}`.trim(),
    role: session.role,
    organizationId: session.user.organizationId,
    source: 'console',
  };
}

export class SignInError extends Error {}

interface TokenAnswer {
  access_token: string;
  refresh_token: string;
  created_at: number;
  expires_in: number;
  user: { id: string; organization_id: string; first_name: string; last_name: string; email: string; roles: string[]; can_use_console: boolean };
  error?: { code: string; message: string };
}

async function requestToken(serverUrl: string, body: Record<string, string>): Promise<TokenAnswer> {
  let response: Response;
  try {
    response = await fetch(`${serverUrl}/v3/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw new SignInError('The server cannot be reached. Check the connection and try again.');
  }
  const answer = (await response.json().catch(() => ({}))) as TokenAnswer;
  if (!response.ok) throw new SignInError(answer.error?.message ?? `Sign-in failed (${response.status}).`);
  return answer;
}

function toSession(serverUrl: string, answer: TokenAnswer): Session {
  if (!answer.user.can_use_console) {
    throw new SignInError('Technicians sign in on the mobile app; the console is for dispatchers and enterprise users.');
  }
  return {
    serverUrl,
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token,
    expiresAt: (answer.created_at + answer.expires_in) * 1000,
    user: {
      id: answer.user.id,
      organizationId: answer.user.organization_id,
      firstName: answer.user.first_name,
      lastName: answer.user.last_name,
      email: answer.user.email,
      roles: answer.user.roles,
    },
    role: answer.user.roles.includes('enterprise') ? 'enterprise' : 'dispatcher',
  };
}

export async function signIn(serverUrl: string, email: string, password: string): Promise<Session> {
  return toSession(serverUrl, await requestToken(serverUrl, { grant_type: 'password', username: email, password }));
}

/**
 * A token for the socket handshake, refreshed shortly before it expires. Offline, the old token is
 * returned: the handshake will fail and be retried, and nothing of the dispatcher's work is at stake.
 */
export async function freshToken(session: Session, onRefreshed: (session: Session) => void): Promise<string> {
  if (session.expiresAt - Date.now() > 5 * 60_000) return session.accessToken;
  try {
    const refreshed = toSession(session.serverUrl, await requestToken(session.serverUrl, { grant_type: 'refresh_token', refresh_token: session.refreshToken }));
    onRefreshed(refreshed);
    return refreshed.accessToken;
  } catch {
    return session.accessToken;
  }
}

/**
 * Where the sync server is: the desktop app asks its main process (null until the office has chosen one);
 * a browser tab is served by it.
 */
export async function resolveServerUrl(): Promise<string | null> {
  if (window.dispatchDesktop) return window.dispatchDesktop.getServerUrl();
  return window.location.origin;
}
