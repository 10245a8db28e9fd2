import { notifications } from '@mantine/notifications';
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Actor } from '../../domain';
import type { Conflict } from '../data/db';
import { openSyncClient, type SyncClient } from '../sync/client';
import type { SyncStatus } from '../sync/status';
import { actorOf, tokenSource, type Session } from './session';

interface ConsoleData {
  client: SyncClient;
  session: Session;
  actor: Actor;
}

const SyncContext = createContext<ConsoleData | null>(null);

function notifyRejected(conflict: Conflict) {
  notifications.show({
    color: 'red',
    title: 'A change was not applied',
    message: conflict.message,
    autoClose: 10_000,
  });
}

/** Opens the local database and the sync engine for the signed-in user; children render once it is open. */
export function SyncProvider({ session, children, fallback }: { session: Session; children: ReactNode; fallback: ReactNode }) {
  const [data, setData] = useState<ConsoleData | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let client: SyncClient | undefined;
    let closed = false;
    openSyncClient({
      serverUrl: session.serverUrl,
      actor: actorOf(session),
      getToken: tokenSource(session),
      onRejected: notifyRejected,
    }).then(
      (opened) => {
        client = opened;
        if (closed) void opened.close();
        else setData({ client: opened, session, actor: actorOf(session) });
      },
      (error: Error) => setProblem(error.message),
    );
    return () => {
      closed = true;
      void client?.close();
    };
  }, [session]);
  if (problem) return <>{problem}</>;
  if (!data) return <>{fallback}</>;
  return <SyncContext.Provider value={data}>{children}</SyncContext.Provider>;
}

export function useConsole(): ConsoleData {
  const value = useContext(SyncContext);
  if (!value) throw new Error('useConsole outside SyncProvider');
  return value;
}

export function useSyncStatus(): SyncStatus {
  const { client } = useConsole();
  return useSyncExternalStore(client.status.subscribe, client.status.get);
}
