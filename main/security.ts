// Pure hardening helpers: they take Electron objects (or look-alikes) as parameters so tests can pass mocks.

export interface PreventableEvent {
  preventDefault(): void;
}

export interface NavigableContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
}

export function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function isSameOrigin(url: string, allowedOrigin: string): boolean {
  const origin = originOf(url);
  return origin !== null && origin !== 'null' && origin === originOf(allowedOrigin);
}

/** The console is a single-origin app: anything else (links in job notes, injected redirects) stays out. */
export function denyForeignNavigation(contents: NavigableContents, allowedOrigin: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isSameOrigin(url, allowedOrigin)) event.preventDefault();
  });
}

export function denyWindowOpen(contents: NavigableContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The console needs no camera, geolocation, notifications etc.; deny by default until a feature asks. */
export function denyPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function hardenContents(contents: NavigableContents, allowedOrigin: string): void {
  denyForeignNavigation(contents, allowedOrigin);
  denyWindowOpen(contents);
}
