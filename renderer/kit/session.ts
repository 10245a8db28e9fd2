import type { Actor } from '../../domain';

/** A signed-in console user, kept in localStorage so the console reopens (and works) while offline. */
export interface Session {
  serverUrl: string;
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
  /** How long the server's access tokens live (absent in sessions saved before it was kept). */
  lifetimeMs?: number;
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

/** The server answered and refused the credentials (as opposed to not being reachable). */
export class TokenRefused extends SignInError {}

interface TokenAnswer {
  access_token: string;
  refresh_token: string;
  created_at: number;
  expires_in: number;
  user: {
    id: string;
    organization_id: string;
    first_name: string;
    last_name: string;
    email: string;
    roles: string[];
    can_use_console: boolean;
  };
  error?: { code: string; message: string };
}

async function requestToken(serverUrl: string, body: Record<string, string>): Promise<TokenAnswer> {
  let response: Response;
  try {
    response = await fetch(`${serverUrl}/v3/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new SignInError('The server cannot be reached. Check the connection and try again.');
  }
  const answer = (await response.json().catch(() => ({}))) as TokenAnswer;
  if (response.status === 401) throw new TokenRefused(answer.error?.message ?? 'The sign-in was refused.');
  if (!response.ok) throw new SignInError(answer.error?.message ?? `Sign-in failed (${response.status}).`);
  return answer;
}

function toSession(serverUrl: string, answer: TokenAnswer): Session {
  if (!answer.user.can_use_console) {
    throw new SignInError(
      'Technicians sign in on the mobile app; the console is for dispatchers and enterprise users.',
    );
  }
  return {
    serverUrl,
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token,
    expiresAt: (answer.created_at + answer.expires_in) * 1000,
    lifetimeMs: answer.expires_in * 1000,
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

/** Where the signed-in session is kept: localStorage in the console, shared by all its windows. */
export interface SessionStorage {
  load(): Session | null;
  save(session: Session | null): void;
}

export const localSessionStorage: SessionStorage = { load: loadSession, save: saveSession };

/** Refresh this long before expiry: 5 minutes, or a quarter of a short lifetime. */
function refreshMargin(session: Session): number {
  return Math.min(5 * 60_000, (session.lifetimeMs ?? 3 * 60 * 60_000) / 4);
}

let localRefresh: Promise<unknown> = Promise.resolve();

/**
 * One refresh at a time across every window of the console (they share the session and its refresh
 * token, which the server rotates on each use): a Web Lock where there is one, a promise chain otherwise.
 */
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return locks.request('dispatch-session-refresh', work) as Promise<T>;
  const run = localRefresh.then(work, work);
  localRefresh = run.catch(() => undefined);
  return run;
}

/**
 * The sync engine's token for each (re)connect, refreshed shortly before it expires or when the server
 * refused it (`refresh`). Inside the shared lock the stored session is read again first: another window
 * may already have refreshed it, and using the rotated-away refresh token would waste the server's grace.
 * Offline, the current token is returned: the handshake fails and is retried, and nothing of the
 * dispatcher's work is at stake. A refresh the server refuses ends the session (`onSignedOut`).
 */
export function tokenSource(initial: Session, storage: SessionStorage = localSessionStorage, onSignedOut?: () => void) {
  let current = initial;
  return (options: { refresh?: boolean } = {}): Promise<string> =>
    oneAtATime(async () => {
      const stored = storage.load();
      const refusedToken = options.refresh ? current.accessToken : undefined;
      if (stored && stored.serverUrl === current.serverUrl && stored.user.id === current.user.id) current = stored;
      const stale = current.accessToken === refusedToken || current.expiresAt - Date.now() <= refreshMargin(current);
      if (!stale) return current.accessToken;
      let answer: TokenAnswer;
      try {
        answer = await requestToken(current.serverUrl, {
          grant_type: 'refresh_token',
          refresh_token: current.refreshToken,
        });
      } catch (error) {
        if (error instanceof TokenRefused) {
          storage.save(null);
          onSignedOut?.();
          throw error;
        }
        return current.accessToken;
      }
      current = toSession(current.serverUrl, answer);
      storage.save(current);
      return current.accessToken;
    });
}

/** Signing out revokes the refresh token (and so its access tokens), if the server can be reached. */
export async function revokeSession(session: Session): Promise<void> {
  try {
    await fetch(`${session.serverUrl}/v3/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: session.refreshToken, token_type_hint: 'refresh_token' }),
    });
  } catch {
    // Offline: the token simply expires (30 days); the local copy is gone either way.
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
