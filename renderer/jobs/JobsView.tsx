import { Text } from '@mantine/core';

/** Placeholder until the jobs list lands. */
export function JobsView() {
  return <Text p="md">Jobs</Text>;
}
