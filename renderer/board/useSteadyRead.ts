import Dexie from 'dexie';
import { useEffect, useState, type DependencyList } from 'react';

type MutatedParts = Record<string, unknown>;

/**
 * A read of `db` that is run again when one of `tables` changes (here or in another window), and whose every
 * answer is shown. Unlike Dexie's live query, a change arriving while the read runs does not throw that read
 * away: it finishes, its answer is shown, and one more read follows for the changes it may have missed.
 *
 * For a read that takes longer than the gap between changes: the board's queue reads every open job's key
 * and every live appointment's (20,000 each on a busy office's cache). As a live query it restarted on every
 * change the field sent, and with changes a second apart it could go minutes without an answer (bench/soak:
 * the queue showed 5 offers while 88 had arrived), holding each abandoned read's arrays meanwhile.
 *
 * Returns undefined until the first answer; after `deps` change, the last answer until the new read answers
 * (as Dexie's useLiveQuery does).
 */
export function useSteadyRead<T>(
  db: Dexie,
  tables: readonly string[],
  read: () => Promise<T>,
  deps: DependencyList,
): T | undefined {
  const [answer, setAnswer] = useState<{ value: T } | undefined>(undefined);
  useEffect(() => {
    let stopped = false;
    let running = false;
    let again = false;
    const prefixes = tables.map((table) => `idb://${db.name}/${table}/`);
    const run = () => {
      running = true;
      again = false;
      // Outside any live query or transaction of the caller: this read is its own.
      Dexie.ignoreTransaction(read)
        .then(
          (value) => {
            if (!stopped) setAnswer({ value });
          },
          (error: unknown) => {
            // A failed read shows the last answer; the next change reads again.
            if (!stopped) console.warn('a board read failed', error);
          },
        )
        .finally(() => {
          running = false;
          if (again && !stopped) run();
        });
    };
    const onMutated = (parts: MutatedParts) => {
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
    // The caller's deps decide when the read itself changed (as for useEffect and useLiveQuery).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, tables.join(','), ...deps]);
  return answer?.value;
}
