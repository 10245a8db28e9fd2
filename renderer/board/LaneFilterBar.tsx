import { CloseButton, Group, Select, TextInput } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import { memo } from 'react';
import { LANE_SORTS, type LaneSort } from './laneFilter';

interface Props {
  query: string;
  sort: LaneSort;
  onQuery: (query: string) => void;
  onSort: (sort: LaneSort) => void;
}

/** The board toolbar's filter over the lanes (name, skill or tag) and their sort. */
export const LaneFilterBar = memo(function LaneFilterBar({ query, sort, onQuery, onSort }: Props) {
  return (
    <Group gap={4} wrap="nowrap">
      <TextInput
        size="xs"
        w={190}
        value={query}
        onChange={(event) => onQuery(event.currentTarget.value)}
        placeholder="Name, skill or tag"
        aria-label="Filter technicians"
        leftSection={<IconFilter size={14} />}
        rightSection={
          query ? <CloseButton size="xs" aria-label="Clear technician filter" onClick={() => onQuery('')} /> : null
        }
      />
      <Select
        size="xs"
        w={150}
        data={LANE_SORTS}
        value={sort}
        onChange={(value) => value && onSort(value as LaneSort)}
        aria-label="Sort technicians"
      />
    </Group>
  );
});
