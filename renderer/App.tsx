import { Container, MantineProvider, Text, Title } from '@mantine/core';

export function App() {
  return (
    <MantineProvider defaultColorScheme="light">
      <Container size="md" py="xl">
        <Title order={1}>Dispatch Console</Title>
        <Text c="dimmed" mt="sm">
          Sign-in and board arrive in a later issue.
        </Text>
      </Container>
    </MantineProvider>
  );
}
