import { Alert, Button, Group, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { checkServerAddress } from '../../domain';
import type { DesktopApi } from '../../preload/contract';
import { EntryPage } from './EntryPage';

/** The sentence inside an IPC rejection, without Electron's "Error invoking remote method '…': Error:" prefix. */
export function bridgeErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Error invoking remote method '[^']*': /, '').replace(/^\w*Error: /, '');
}

/**
 * The desktop app's "which server?" screen: on the first run (nothing saved yet) and when the dispatcher asks
 * to change it. The address is checked here for a quick answer and again by main, which remembers it; the
 * window then reloads, because its Content-Security-Policy admits only the server it was loaded with.
 */
export function ServerSetup({
  desktop,
  current,
  onCancel,
  reload = () => window.location.reload(),
}: {
  desktop: Pick<DesktopApi, 'setServerUrl'>;
  current: string | null;
  onCancel?: () => void;
  reload?: () => void;
}) {
  const [address, setAddress] = useState(current ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkServerAddress(address);
    if (!checked.ok) return setError(checked.message);
    setBusy(true);
    setError(null);
    try {
      await desktop.setServerUrl(checked.origin);
      reload();
    } catch (problem) {
      setError(bridgeErrorMessage(problem));
      setBusy(false);
    }
  };

  return (
    <EntryPage onSubmit={submit} noValidate>
      <Title order={2} size="h4">
        Which server?
      </Title>
      <Text size="sm" c="dimmed">
        The address of your office&apos;s Dispatch sync server, as your administrator gave it. The app remembers it.
      </Text>
      <TextInput
        label="Server address"
        placeholder="https://dispatch.example.com"
        autoComplete="url"
        required
        data-autofocus
        value={address}
        onChange={(event) => setAddress(event.currentTarget.value)}
        error={error ? true : undefined}
      />
      {error && (
        <Alert color="red" role="alert" title="Cannot use this address">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        {onCancel && (
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        )}
        <Button type="submit" loading={busy}>
          Use this server
        </Button>
      </Group>
    </EntryPage>
  );
}
