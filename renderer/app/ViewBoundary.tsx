import { Alert, Button, Stack, Text } from '@mantine/core';
import { Component, type ReactNode } from 'react';

/**
 * Keeps a failing view from taking the whole console down: the header, the sync indicator and the
 * outbox keep working, and the dispatcher can retry the view.
 */
export class ViewBoundary extends Component<{ children: ReactNode; name: string }, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error) {
    console.error(`The ${this.props.name} failed to render`, error);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <Stack p="md" maw={640}>
        <Alert color="red" title={`The ${this.props.name} could not be shown`}>
          <Text size="sm">
            Your changes are safe: they are saved on this computer and keep syncing. ({this.state.error.message})
          </Text>
        </Alert>
        <Button w="fit-content" onClick={() => this.setState({ error: null })}>
          Try again
        </Button>
      </Stack>
    );
  }
}
