import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_HOST, APP_SCHEME } from './app-origin';

export interface SchemeRegistrar {
  registerSchemesAsPrivileged(
    schemes: { scheme: string; privileges: { standard: boolean; secure: boolean; supportFetchAPI: boolean } }[],
  ): void;
}

export interface ProtocolHandlerRegistrar {
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

/** The path functions the resolver needs; tests pass `path.win32` to check Windows separators. */
export type PathFunctions = Pick<typeof path, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

/**
 * `app://` must behave like an https origin (a real origin for storage and CSP `'self'`, a secure context
 * for IndexedDB and `navigator.locks`, fetchable). Electron accepts this only before `app` is ready.
 */
export function registerAppScheme(protocol: SchemeRegistrar): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * The file under `root` that an app:// URL names, or null when the URL names anything else: another host,
 * a path that leaves `root` after decoding (`../`, `%2e%2e`, `%2f`), backslashes, drive letters or NULs.
 */
export function resolveAppPath(root: string, requestUrl: string, paths: PathFunctions = path): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // None of the built files has these; on Windows they would be separators, drives or stream names.
  if (/[\\:\0]/.test(pathname)) return null;
  const requested = pathname.replace(/^\/+/, '') || 'index.html';
  const base = paths.resolve(root);
  const target = paths.resolve(base, requested);
  const relative = paths.relative(base, target);
  if (relative === '' || relative === '..' || relative.startsWith(`..${paths.sep}`) || paths.isAbsolute(relative)) {
    return null;
  }
  return target;
}

export interface AppProtocolOptions {
  /** The built console, out/renderer. */
  root: string;
  /** Reads a file:// URL (net.fetch in the app). */
  fetchFile(fileUrl: string): Promise<Response>;
  isFile(filePath: string): boolean;
  /** The Content-Security-Policy for the current server, read on each response. */
  policy(): string;
}

function refusal(status: 404 | 405, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * Serves the console's files for app://dispatch/. Paths without an extension that name no file get
 * index.html, as the sync server does in web mode, so client-side routes survive a reload.
 */
export function appProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'Method not allowed');
    let filePath = resolveAppPath(options.root, request.url);
    if (filePath === null) return refusal(404, 'Not found');
    if (!options.isFile(filePath)) {
      if (path.extname(filePath) !== '') return refusal(404, 'Not found');
      filePath = path.join(path.resolve(options.root), 'index.html');
    }
    const file = await options.fetchFile(pathToFileURL(filePath).href);
    const headers = new Headers(file.headers);
    headers.set('Content-Security-Policy', options.policy());
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(request.method === 'HEAD' ? null : file.body, { status: file.status, headers });
  };
}

export function serveAppProtocol(protocol: ProtocolHandlerRegistrar, options: AppProtocolOptions): void {
  protocol.handle(APP_SCHEME, appProtocolHandler(options));
}
