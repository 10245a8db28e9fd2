/**
 * Exactly one window per database talks to the server (docs/ARCHITECTURE.md §3): the one holding a Web Lock named
 * after the database. When it closes, the lock passes to the next waiting window, which starts its own
 * engine; every window reads the same IndexedDB. Where Web Locks do not exist (Node tests) the caller
 * simply leads.
 *
 * Returns a function that gives up leadership (or stops waiting for it).
 */
export function lead(lockName: string, becomeLeader: () => () => Promise<void>): () => Promise<void> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) {
    const stop = becomeLeader();
    return stop;
  }
  const abort = new AbortController();
  let release: (() => void) | undefined;
  let stop: (() => Promise<void>) | undefined;
  const held = locks
    .request(lockName, { signal: abort.signal }, () => {
      stop = becomeLeader();
      return new Promise<void>((resolve) => (release = resolve));
    })
    .catch(() => undefined);
  return async () => {
    abort.abort();
    await stop?.();
    release?.();
    await held;
  };
}
