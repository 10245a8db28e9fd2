/**
 * Waits until `check` holds, polling every 20 ms; fails with `what` after the timeout. Free of side
 * effects on import, so any test can use it (the client harness re-exports it).
 */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what: string | (() => string | Promise<string>),
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${typeof what === 'string' ? what : await what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
