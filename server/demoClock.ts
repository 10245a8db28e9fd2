/**
 * `DISPATCH_DEMO_NOW`, for tests and demonstrations only: an ISO 8601 instant with its offset
 * ("2026-12-03T21:00:00-06:00") at which the server's clock starts and from which it runs on. The demo it
 * loads is then built as at that hour, and every later change is stamped on the same clock, so the history
 * stays in order. A browser looking at it must run at the same time (Playwright's `page.clock`).
 * Undefined when unset; a value that is not such an instant throws, with the reason.
 */
export function demoClock(text: string | undefined, realNow: () => number = Date.now): (() => number) | undefined {
  if (text === undefined || text === '') return undefined;
  const start = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)
    ? Date.parse(text)
    : Number.NaN;
  if (!Number.isFinite(start))
    throw new Error(`DISPATCH_DEMO_NOW must be an ISO 8601 instant with its offset, e.g. 2026-12-03T21:00:00-06:00.`);
  const startedAt = realNow();
  return () => start + (realNow() - startedAt);
}
