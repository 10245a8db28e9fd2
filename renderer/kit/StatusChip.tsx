import { Box, Group, Text } from '@mantine/core';
import type { CSSProperties } from 'react';
import { LEGEND_STATUSES, STATUS_STYLES, type JobDisplayStatus } from '../../domain';
import classes from './StatusChip.module.css';

/** A job status in the seed's palette, its label always beside the color: the one chip every view uses. */
export function StatusChip({ status, size = 'sm' }: { status: JobDisplayStatus; size?: 'xs' | 'sm' }) {
  const style = STATUS_STYLES[status];
  const colors = { '--status-color': style.color, '--status-fill': style.background } as CSSProperties;
  return (
    <span className={classes.chip} data-status={status} data-size={size} style={colors}>
      {size === 'sm' && <span className={classes.dot} aria-hidden="true" data-status-dot />}
      {style.label}
    </span>
  );
}

/** The six colors, always visible on the board. */
export function StatusLegend() {
  return (
    <Group gap="sm" aria-label="Status colors" role="list">
      {LEGEND_STATUSES.map((status) => (
        <Group key={status} gap={4} role="listitem" data-legend-status={status}>
          <Box w={12} h={12} style={{ borderRadius: 3, background: STATUS_STYLES[status].color }} />
          <Text size="xs">{STATUS_STYLES[status].label}</Text>
        </Group>
      ))}
    </Group>
  );
}
