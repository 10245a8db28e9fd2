// Content-Security-Policy for the desktop app. renderer/index.html carries a looser meta policy that also
// suits web mode; in the desktop app both apply, so the effective policy is this header's.

export interface HeadersReceivedDetails {
  url: string;
  responseHeaders?: Record<string, string[]>;
}

export interface HeadersReceivedResponse {
  responseHeaders?: Record<string, string[]>;
}

export interface WebRequestSession {
  webRequest: {
    onHeadersReceived(
      listener: (details: HeadersReceivedDetails, callback: (response: HeadersReceivedResponse) => void) => void,
    ): void;
  };
}

function socketOrigin(server: URL): string {
  return `${server.protocol === 'https:' ? 'wss:' : 'ws:'}//${server.host}`;
}

/**
 * The policy for the console loaded from app://, allowed to talk to exactly one sync server — or to none
 * before the office has chosen it (the first-run screen), which is why the window reloads after the choice.
 */
export function contentSecurityPolicy(serverUrl: string | null): string {
  const server = serverUrl === null ? null : new URL(serverUrl);
  return [
    "default-src 'none'",
    "script-src 'self'",
    // Mantine writes its CSS variables into <style> elements at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    server ? `connect-src 'self' ${server.origin} ${socketOrigin(server)}` : "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Response headers with any existing CSP (in whatever letter case) replaced by `policy`. */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [policy];
  return result;
}

/**
 * Puts the policy on every response the session receives (the sync server's included), so a document
 * can never run under a weaker policy than the console's, whichever way it was loaded.
 */
export function enforceContentSecurityPolicy(session: WebRequestSession, policy: () => string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy()) });
  });
}
