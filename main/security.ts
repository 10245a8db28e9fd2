// Hardening for every webContents and the session, as pure functions over the Electron objects they take
// (or look-alikes), so unit tests can pass mocks.
import { APP_ORIGIN, originOf } from './app-origin';

export interface PreventableEvent {
  preventDefault(): void;
}

export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (contents: unknown, permission: string, requestingOrigin: string, details: unknown) => boolean,
  ): void;
}

export type OpenExternal = (url: string) => Promise<void>;

export function isSameOrigin(url: string, allowedOrigin: string): boolean {
  const origin = originOf(url);
  return origin !== null && origin === originOf(allowedOrigin);
}

/** The console is a single-origin app: anything else (links in job notes, injected redirects) stays out. */
export function denyForeignNavigation(contents: GuardedContents, allowedOrigin = APP_ORIGIN): void {
  const guard = (event: PreventableEvent, url: string) => {
    if (!isSameOrigin(url, allowedOrigin)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
}

/**
 * Links the browser may open: plain http(s) with a host and no credentials. Everything else — file:,
 * javascript:, custom handlers such as ms-msdt: or smb: — could run code or leak hashes via the OS.
 */
export function isSafeExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    (parsed.protocol === 'https:' || parsed.protocol === 'http:') &&
    parsed.hostname !== '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** No new Electron windows ever; a safe web link (a customer's site, a map) opens in the user's browser. */
export function denyWindowOpen(contents: GuardedContents, openExternal: OpenExternal): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void openExternal(url).catch(() => undefined);
    return { action: 'deny' };
  });
}

export function denyWebviews(contents: GuardedContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * What the console itself may be granted; everything else (camera, geolocation, notifications, …) and
 * every request from any other origin is refused. Persistent storage keeps the outbox from eviction;
 * the local-network permissions let Chromium's Local Network Access rules admit the sync server on this
 * machine or the office network.
 */
export const APP_PERMISSIONS: ReadonlySet<string> = new Set([
  'persistent-storage',
  'loopback-network',
  'local-network',
  'local-network-access',
]);

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return APP_PERMISSIONS.has(permission) && requestingUrl !== undefined && isSameOrigin(requestingUrl, APP_ORIGIN);
}

export function denyPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details?.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
}

export function hardenContents(contents: GuardedContents, openExternal: OpenExternal): void {
  denyForeignNavigation(contents);
  denyWindowOpen(contents, openExternal);
  denyWebviews(contents);
}
