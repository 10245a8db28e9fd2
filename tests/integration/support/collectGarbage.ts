import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection on demand, for tests that measure what the process keeps (a heap reading, a
 * `WeakRef` emptied). Vitest's workers start without `--expose-gc`, so the flag is set here and V8's `gc`
 * taken from a fresh context, where setting it made it appear.
 */
setFlagsFromString('--expose-gc');
export const collectGarbage = runInNewContext('gc') as () => void;
