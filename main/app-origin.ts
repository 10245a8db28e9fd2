// The console's one origin in the desktop app. Everything the window may load, navigate to or receive IPC
// from lives under it; files come from out/renderer through the `app://` protocol handler.
export const APP_SCHEME = 'app';
export const APP_HOST = 'dispatch';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Schemes whose origin is scheme://host[:port]: the web's own and ours (privileged as standard in Electron). */
const TUPLE_ORIGIN_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', `${APP_SCHEME}:`]);

/**
 * The origin of a URL, or null where it has none worth comparing (file:, data:, javascript:, junk). Node's
 * URL gives every non-special scheme the opaque origin "null", so app:// is spelled out here.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!TUPLE_ORIGIN_SCHEMES.has(parsed.protocol) || parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host.toLowerCase()}`;
}

export function isAppUrl(url: string): boolean {
  return originOf(url) === APP_ORIGIN;
}
