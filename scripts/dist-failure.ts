// `npm run dist` ends a failed build with one line. The usual failure is that Electron's release files (or
// electron-builder's packaging tools) cannot be downloaded; that gets its cause and what to do.
const NETWORK_CODE =
  /^(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|CERT_|UNABLE_TO_|SELF_SIGNED_|ERR_TLS_)/;

interface BuildErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  statusCode?: unknown;
  response?: { statusCode?: unknown };
}

/** The HTTP status of a failed download: got's HTTPError (Electron's zip) or electron-builder's HttpError (its tools). */
function httpStatus(error: BuildErrorLike): number | null {
  if (error.name === 'HTTPError' && typeof error.response?.statusCode === 'number') return error.response.statusCode;
  if (error.name === 'HttpError' && typeof error.statusCode === 'number') return error.statusCode;
  return null;
}

/** "ENOTFOUND github.com" out of "getaddrinfo ENOTFOUND github.com", or the code alone. */
function networkCause(code: string, message: string): string {
  const named = new RegExp(`${code}\\s+(\\S+)`).exec(message);
  return named ? `${code} ${named[1]}` : code;
}

export function distFailureLine(error: unknown): string {
  const problem = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as BuildErrorLike;
  const message = (typeof problem.message === 'string' ? problem.message : String(error)).split('\n')[0]!.trim();
  const code = typeof problem.code === 'string' ? problem.code : '';
  const status = httpStatus(problem);
  if (NETWORK_CODE.test(code) || status !== null) {
    const cause = status !== null ? `HTTP ${status}` : networkCause(code, message);
    return (
      `could not download Electron's release files (${cause}): no installer was built; ` +
      'set ELECTRON_MIRROR and ELECTRON_BUILDER_BINARIES_MIRROR to reachable mirrors, or run npm run dist where GitHub can be reached'
    );
  }
  return `npm run dist failed: ${message}`;
}
