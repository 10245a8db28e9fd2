import { createContext, useContext, useMemo, useSyncExternalStore } from 'react';
import type { AttentionItem, AttentionKind } from '../../domain';
import type { AttentionSnapshot, AttentionStore } from './store';

export const AttentionContext = createContext<AttentionStore | null>(null);

const EMPTY_SNAPSHOT: AttentionSnapshot = { items: [], byJob: new Map(), jobs: new Map(), now: 0, ready: false };
const noSubscription = () => () => {};
const emptySnapshot = () => EMPTY_SNAPSHOT;

/** Every item at the last tick (the badge and the panel). Empty outside an AttentionProvider. */
export function useAttention(): AttentionSnapshot {
  const store = useContext(AttentionContext);
  return useSyncExternalStore(store?.subscribe ?? noSubscription, store?.get ?? emptySnapshot);
}

/** A mark's items: the kind and the sentence, without the clock. */
export interface AttentionMarkItem {
  kind: AttentionKind;
  why: string;
}

/**
 * The items a block or card marks: a visit's own (late start, ETA, running over) when `appointmentId` is
 * given, else all of its job's. Selected as a string, so a component re-renders only when its marks change.
 */
export function useAttentionMarks(jobId: string, appointmentId?: string): readonly AttentionMarkItem[] {
  const store = useContext(AttentionContext);
  const key = useSyncExternalStore(store?.subscribe ?? noSubscription, () =>
    store ? markKey(store.get().byJob.get(jobId), appointmentId) : '',
  );
  return useMemo(
    () =>
      key
        ? key.split('\n').map((line) => {
            const [kind, why] = line.split('\t') as [AttentionKind, string];
            return { kind, why };
          })
        : [],
    [key],
  );
}

function markKey(items: readonly AttentionItem[] | undefined, appointmentId: string | undefined): string {
  if (!items) return '';
  return items
    .filter((item) => appointmentId === undefined || item.appointmentId === appointmentId)
    .map((item) => `${item.kind}\t${item.why}`)
    .join('\n');
}
