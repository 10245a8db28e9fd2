import { Alert, Anchor, Button, Card, Group, PasswordInput, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { signIn, SignInError, type Session } from '../kit/session';
import { EntryPage } from './EntryPage';

interface DemoLogin {
  email: string;
  description: string;
}

/** Dispatchers and enterprise users sign in here; the demo server offers its logins. */
export function SignIn({
  serverUrl,
  onSignedIn,
  onChangeServer,
}: {
  serverUrl: string;
  onSignedIn: (session: Session) => void;
  /** The desktop app's way back to "which server?"; web mode is served by its server and has none. */
  onChangeServer?: () => void;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [demo, setDemo] = useState<{ password: string; logins: DemoLogin[] } | null>(null);

  useEffect(() => {
    fetch(`${serverUrl}/demo/logins`)
      .then((response) => (response.ok ? response.json() : null))
      .then((body: { password: string; logins: DemoLogin[] } | null) => setDemo(body?.logins?.length ? body : null))
      .catch(() => setDemo(null));
  }, [serverUrl]);

  const submit = async (event?: FormEvent, as?: { email: string; password: string }) => {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(serverUrl, as?.email ?? email, as?.password ?? password));
    } catch (problem) {
      setError(problem instanceof SignInError ? problem.message : 'Sign-in failed.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <EntryPage
      onSubmit={submit}
      below={
        <>
          {demo && (
            <Card withBorder padding="md" radius="md">
              <Text fw={600} mb="xs">
                Demo logins (password {demo.password})
              </Text>
              <Table verticalSpacing={4} fz="sm">
                <Table.Tbody>
                  {demo.logins.map((login) => (
                    <Table.Tr key={login.email}>
                      <Table.Td>
                        <Anchor
                          component="button"
                          type="button"
                          onClick={() => void submit(undefined, { email: login.email, password: demo.password })}
                        >
                          {login.email}
                        </Anchor>
                      </Table.Td>
                      <Table.Td c="dimmed">{login.description}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          )}
          <Group justify="center">
            <Text size="xs" c="dimmed">
              Server: {serverUrl}
            </Text>
            {onChangeServer && (
              <Anchor component="button" type="button" size="xs" onClick={onChangeServer}>
                Change server
              </Anchor>
            )}
          </Group>
        </>
      }
    >
      <TextInput
        label="Email"
        type="email"
        autoComplete="username"
        required
        value={email}
        onChange={(event) => setEmail(event.currentTarget.value)}
      />
      <PasswordInput
        label="Password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
      />
      {error && (
        <Alert color="red" role="alert" title="Cannot sign in">
          {error}
        </Alert>
      )}
      <Button type="submit" loading={busy}>
        Sign in
      </Button>
    </EntryPage>
  );
}
