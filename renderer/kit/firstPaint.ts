import { useEffect, useSyncExternalStore } from 'react';

/**
 * Whether the window's first view has drawn its data. Work that is not on screen at first (the attention
 * read, which walks the open jobs' index keys) waits for it, so it does not compete with the board's lane
 * reads for IndexedDB and the main thread; it arrives a frame later instead. The board reports its own
 * paint; any other first view reports at once (the shell, `markFirstPaint`). A fallback timer keeps a view
 * that never paints (an error, no technicians) from holding the rest back for good.
 */
let painted = false;
const listeners = new Set<() => void>();
/** One fallback for the window, armed by the first reader that waits (a board mounts a dozen lanes that wait). */
let fallback: ReturnType<typeof setTimeout> | undefined;

/** Longest a waiting reader waits for the first view to paint. */
export const FIRST_PAINT_FALLBACK_MS = 2_000;

export function markFirstPaint(): void {
  clearTimeout(fallback);
  fallback = undefined;
  if (painted) return;
  painted = true;
  for (const listener of [...listeners]) listener();
}

export function isFirstPaintDone(): boolean {
  return painted;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A reader starts waiting: the fallback runs FIRST_PAINT_FALLBACK_MS after the first one did. */
export function armFirstPaintFallback(): void {
  if (!painted && !fallback) fallback = setTimeout(markFirstPaint, FIRST_PAINT_FALLBACK_MS);
}

/** True once the first view has painted (or the fallback passed): re-renders the caller then. */
export function useAfterFirstPaint(): boolean {
  const done = useSyncExternalStore(subscribe, isFirstPaintDone);
  useEffect(() => {
    if (!done) armFirstPaintFallback();
  }, [done]);
  return done;
}

/** For tests: a fresh window. */
export function resetFirstPaint(): void {
  clearTimeout(fallback);
  fallback = undefined;
  painted = false;
}
