import { Center, Loader, localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { notifications, Notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { loadSession, resolveServerUrl, revokeSession, saveSession, type Session } from './kit/session';
import { OfficeOpening } from './app/OfficeOpening';
import { ServerSetup } from './app/ServerSetup';
import { Shell } from './app/Shell';
import { AttentionProvider } from './attention/AttentionProvider';
import { SignIn } from './app/SignIn';
import { OfficeClockProvider } from './kit/OfficeClockProvider';
import { SyncProvider } from './kit/SyncProvider';
import { UiProvider } from './kit/ui';
import { cssVariablesResolver, theme } from './app/theme';

// The dispatcher's colour scheme (light, dark or auto), shared by every window of the console through
// localStorage; Mantine's default key, so a choice made before "Follow system" existed is kept.
const colorSchemeManager = localStorageColorSchemeManager({ key: 'mantine-color-scheme-value' });

const loading = (
  <Center mih="100vh">
    <Loader aria-label="Loading" />
  </Center>
);

export function App() {
  // undefined while asking; null in the desktop app until the office has chosen its server.
  const [serverUrl, setServerUrl] = useState<string | null | undefined>(undefined);
  const [changingServer, setChangingServer] = useState(false);
  const desktop = window.dispatchDesktop;
  const [session, setSession] = useState<Session | null>(() => loadSession());
  useEffect(() => {
    void resolveServerUrl().then(setServerUrl);
  }, []);
  const signedIn = (next: Session | null) => {
    saveSession(next);
    setSession(next);
  };
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="auto"
      colorSchemeManager={colorSchemeManager}
    >
      <ModalsProvider>
        <Notifications position="top-right" />
        {serverUrl === undefined ? (
          loading
        ) : desktop && (serverUrl === null || changingServer) ? (
          <ServerSetup
            desktop={desktop}
            current={serverUrl}
            onCancel={serverUrl ? () => setChangingServer(false) : undefined}
          />
        ) : serverUrl === null ? (
          loading
        ) : session && session.serverUrl === serverUrl ? (
          <SyncProvider
            session={session}
            fallback={loading}
            onSignedOut={() => {
              // Signed out on another device, or the password was changed: back to the sign-in page.
              notifications.show({
                color: 'yellow',
                title: 'Signed out',
                message: 'Your session has ended. Sign in again to continue.',
                autoClose: false,
              });
              signedIn(null);
            }}
          >
            <OfficeClockProvider fallback={loading} waiting={<OfficeOpening />}>
              <UiProvider>
                <AttentionProvider>
                  <Shell
                    onSignOut={() => {
                      // Ends the session on the server too, so its refresh token cannot be used again.
                      void revokeSession(session);
                      signedIn(null);
                    }}
                  />
                </AttentionProvider>
              </UiProvider>
            </OfficeClockProvider>
          </SyncProvider>
        ) : (
          <SignIn
            serverUrl={serverUrl}
            onSignedIn={signedIn}
            onChangeServer={desktop ? () => setChangingServer(true) : undefined}
          />
        )}
      </ModalsProvider>
    </MantineProvider>
  );
}
