import { Text } from '@mantine/core';

/** Placeholder until the board lands. */
export function BoardView() {
  return <Text p="md">Board</Text>;
}
