import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { attentionAt, type Job } from '../../domain';
import { attentionHorizon, readAttentionSource } from '../data/attention';
import { useAfterFirstPaint } from '../kit/firstPaint';
import { useSteadyRead } from '../kit/steadyRead';
import { useConsole } from '../kit/SyncProvider';
import { AttentionContext } from './context';
import { AttentionStore } from './store';

/** What readAttentionSource reads: a change to any of them reads it again. */
const ATTENTION_TABLES = ['jobs', 'appointments', 'completeReasons', 'organizations'] as const;

/** The clock re-runs the rules at least this often (ages in the panel), and exactly when an item is due. */
const TICK_MS = 30_000;

/**
 * Keeps the attention items of a dispatcher's console current without the server: the cache is read when
 * it changes (`readAttentionSource`, through kit/steadyRead), and the pure rules re-run over
 * what was read on a clock — every 30 s, and at the instant the next item falls due. An hour's turn moves
 * the read's horizon. Offline it goes on from the cache alone. The first read waits for the first view's
 * paint (`kit/firstPaint.ts`): it walks the open jobs' index keys, which would delay the board's lanes.
 */
export function AttentionProvider({ children }: { children: ReactNode }) {
  const { client, actor, session } = useConsole();
  const afterPaint = useAfterFirstPaint();
  const enabled = session.role === 'dispatcher' && afterPaint;
  const store = useMemo(() => new AttentionStore(), []);
  const [horizon, setHorizon] = useState(() => attentionHorizon(Date.now()));
  // Not a live query: it walks every open job's index keys, and with the field's changes a second apart a
  // live query restarted before it answered, as the queue's did (kit/steadyRead).
  const source = useSteadyRead(
    client.db,
    ATTENTION_TABLES,
    async () => (enabled ? readAttentionSource(client.db, actor, horizon) : undefined),
    [client, actor, horizon, enabled],
  );

  useEffect(() => {
    if (!source) return;
    const jobs = new Map<string, Job>(source.jobs.map((summary) => [summary.job.id, summary.job]));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const evaluate = () => {
      const now = Date.now();
      const state = attentionAt(source.jobs, now, source.thresholds, source.timeZone);
      store.publish(state.items, jobs, now);
      // A new hour: read again up to the next horizon (this effect then runs over the new read).
      if (attentionHorizon(now) !== horizon) setHorizon(attentionHorizon(now));
      const wait = Math.min(TICK_MS, (state.nextChange ?? Infinity) - now);
      timer = setTimeout(evaluate, Math.max(wait, 0));
    };
    evaluate();
    return () => clearTimeout(timer);
  }, [source, horizon, store]);

  return <AttentionContext.Provider value={store}>{children}</AttentionContext.Provider>;
}
