import { notifications } from '@mantine/notifications';
import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Actor } from '../../domain';
import type { Conflict } from '../data/db';
import { openSyncClient, type SyncClient } from '../sync/client';
import type { SyncStatus } from '../sync/status';
import { actorOf, localSessionStorage, tokenSource, type Session } from './session';

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

interface SyncProviderProps {
  session: Session;
  children: ReactNode;
  fallback: ReactNode;
  /** The server refused to refresh the session (signed out or ended elsewhere); the stored session is already gone. */
  onSignedOut: () => void;
}

/** Opens the local database and the sync engine for the signed-in user; children render once it is open. */
export function SyncProvider({ session, children, fallback, onSignedOut }: SyncProviderProps) {
  const [data, setData] = useState<ConsoleData | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // The latest callback, without reopening the database whenever the parent passes a new function.
  const signedOut = useRef(onSignedOut);
  signedOut.current = onSignedOut;
  useEffect(() => {
    let client: SyncClient | undefined;
    let closed = false;
    let ended = false;
    openSyncClient({
      serverUrl: session.serverUrl,
      actor: actorOf(session),
      getToken: tokenSource(session, localSessionStorage, () => {
        // Once: several refused refreshes may race before the console closes.
        if (ended) return;
        ended = true;
        signedOut.current();
      }),
      onRejected: notifyRejected,
    }).then(
      (opened) => {
        performance.mark('db:opened');
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
