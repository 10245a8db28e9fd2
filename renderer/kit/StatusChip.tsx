import { Box, Group, Text } from '@mantine/core';
import { LEGEND_STATUSES, STATUS_STYLES, type JobDisplayStatus } from '../../domain';

/** A job status in the seed's palette: the one chip every view uses. */
export function StatusChip({ status, size = 'sm' }: { status: JobDisplayStatus; size?: 'xs' | 'sm' }) {
  const style = STATUS_STYLES[status];
  return (
    <Box
      component="span"
      data-status={status}
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        padding: size === 'xs' ? '0 6px' : '2px 8px',
        borderRadius: 999,
        background: style.color,
        color: style.onColor,
        fontSize: size === 'xs' ? 11 : 12,
        fontWeight: 600,
        lineHeight: '18px',
        whiteSpace: 'nowrap',
      }}
    >
      {style.label}
    </Box>
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
