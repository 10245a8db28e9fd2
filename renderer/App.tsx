import { Center, Loader, MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { loadSession, resolveServerUrl, saveSession, type Session } from './app/session';
import { Shell } from './app/Shell';
import { SignIn } from './app/SignIn';
import { SyncProvider } from './app/sync';
import { UiProvider } from './app/ui';
import { theme } from './app/theme';

const loading = (
  <Center mih="100vh">
    <Loader aria-label="Loading" />
  </Center>
);

export function App() {
  const [serverUrl, setServerUrl] = useState<string | null>(null);
  const [session, setSession] = useState<Session | null>(() => loadSession());
  useEffect(() => {
    void resolveServerUrl().then(setServerUrl);
  }, []);
  const signedIn = (next: Session | null) => {
    saveSession(next);
    setSession(next);
  };
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <ModalsProvider>
        <Notifications position="top-right" />
        {!serverUrl ? (
          loading
        ) : session && session.serverUrl === serverUrl ? (
          <SyncProvider session={session} fallback={loading}>
            <UiProvider>
              <Shell onSignOut={() => signedIn(null)} />
            </UiProvider>
          </SyncProvider>
        ) : (
          <SignIn serverUrl={serverUrl} onSignedIn={signedIn} />
        )}
      </ModalsProvider>
    </MantineProvider>
  );
}
