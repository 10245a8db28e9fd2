import { Card, Center, Stack, Title } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';

/**
 * The frame of the screens shown before the board (which server, sign in): the app's name over one form card,
 * centered on the page, with anything that belongs under the form (`below`) after it.
 */
export function EntryPage({
  onSubmit,
  noValidate,
  children,
  below,
}: {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  noValidate?: boolean;
  children: ReactNode;
  below?: ReactNode;
}) {
  return (
    <Center component="main" mih="100vh" p="md" bg="var(--mantine-color-body)">
      <Stack w={440} gap="md">
        <Title order={1} ta="center">
          Dispatch Console
        </Title>
        <Card withBorder padding="lg" radius="md" component="form" onSubmit={onSubmit} noValidate={noValidate}>
          <Stack>{children}</Stack>
        </Card>
        {below}
      </Stack>
    </Center>
  );
}
