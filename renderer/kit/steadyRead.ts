import Dexie from 'dexie';
import { useEffect, useState, type DependencyList } from 'react';

/**
 * Runs `read` now and again whenever one of `tables` of `db` changes (in this window or another), handing
 * every answer to `onAnswer`. Unlike Dexie's live query, a change that arrives while a read runs does not
 * throw that read away: it finishes and is answered, then one more read follows for what it may have missed
 * (however many changes came meanwhile). Returns the function that stops it.
 *
 * For reads that take longer than the gap between changes: the board's queue reads every open job's key and
 * every live appointment's (20,000 each on a busy office's cache). As a live query it restarted on every
 * change from the field, and with changes a second apart it went minutes without an answer (bench/soak: the
 * queue showed 5 offers while 88 had arrived), each abandoned read's arrays held meanwhile.
 */
export function watchRead<T>(
  db: Dexie,
  tables: readonly string[],
  read: () => Promise<T>,
  onAnswer: (value: T) => void,
): () => void {
  let stopped = false;
  let running = false;
  let again = false;
  const prefixes = tables.map((table) => `idb://${db.name}/${table}/`);
  const run = () => {
    running = true;
    again = false;
    // Outside any transaction or live query of the caller: this read is its own.
    Dexie.ignoreTransaction(read)
      .then(
        (value) => {
          if (!stopped) onAnswer(value);
        },
        // The last answer stays; the next change reads again.
        (error: unknown) => console.warn('a board read failed', error),
      )
      .finally(() => {
        running = false;
        if (again && !stopped) run();
      });
  };
  const onMutated = (parts: Record<string, unknown>) => {
    if (!Object.keys(parts).some((part) => prefixes.some((prefix) => part.startsWith(prefix)))) return;
    if (running) again = true;
    else run();
  };
  Dexie.on('storagemutated', onMutated);
  run();
  return () => {
    stopped = true;
    Dexie.on('storagemutated').unsubscribe(onMutated);
  };
}

/**
 * `watchRead` as a hook: undefined until the first answer; after `deps` change, the last answer until the
 * new read answers (as Dexie's useLiveQuery does).
 */
export function useSteadyRead<T>(
  db: Dexie,
  tables: readonly string[],
  read: () => Promise<T>,
  deps: DependencyList,
): T | undefined {
  const [answer, setAnswer] = useState<{ value: T } | undefined>(undefined);
  useEffect(
    () => watchRead(db, tables, read, (value) => setAnswer({ value })),
    // The caller's deps say when the read itself changed (as for useEffect and useLiveQuery).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [db, tables.join(','), ...deps],
  );
  return answer?.value;
}
