// Node's fetch rejects with a bare "TypeError: fetch failed"; what happened (the host that does not
// resolve, the refused port, the bad certificate) sits in its `cause`, sometimes one AggregateError deeper.
interface SystemErrorLike {
  code?: unknown;
  hostname?: unknown;
  address?: unknown;
  port?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

function asRecord(value: unknown): SystemErrorLike | null {
  return typeof value === 'object' && value !== null ? (value as SystemErrorLike) : null;
}

function describeSystemError(error: SystemErrorLike): string | null {
  if (typeof error.code !== 'string') return null;
  if (typeof error.hostname === 'string') return `${error.code} ${error.hostname}`;
  if (typeof error.address === 'string') {
    return typeof error.port === 'number'
      ? `${error.code} ${error.address}:${error.port}`
      : `${error.code} ${error.address}`;
  }
  return error.code;
}

/** The innermost useful words for why a fetch failed, e.g. "ENOTFOUND github.com" or "ECONNREFUSED 127.0.0.1:80". */
export function describeFetchFailure(error: unknown): string {
  let current = asRecord(error);
  let fallback = current && typeof current.message === 'string' ? current.message : String(error);
  for (let depth = 0; current && depth < 5; depth += 1) {
    const described = describeSystemError(current);
    if (described) return described;
    // Happy eyeballs: one connection error per address tried; the first says enough.
    const first = Array.isArray(current.errors) ? asRecord(current.errors[0]) : null;
    if (first && describeSystemError(first)) return describeSystemError(first)!;
    const cause = asRecord(current.cause);
    if (cause && typeof cause.message === 'string' && cause.message !== '') fallback = cause.message;
    current = cause;
  }
  return fallback;
}
