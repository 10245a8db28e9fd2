import { dequal } from 'dequal';
import { useRef } from 'react';

/**
 * `value`, or the value this hook last returned when the two are deep-equal (Maps and Sets included, dequal).
 * A live query answers with new objects even when nothing it read changed; kept the same, the memoized lanes
 * and the reads keyed on it (the queue's, the printed day's) do not run again for nothing.
 */
export function useSameValue<T>(value: T): T {
  const kept = useRef(value);
  if (kept.current !== value && !dequal(kept.current, value)) kept.current = value;
  return kept.current;
}
