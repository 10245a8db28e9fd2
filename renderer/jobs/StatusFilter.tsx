import { Chip, Group } from '@mantine/core';
import { STATUS_STYLES, type JobDisplayStatus } from '../../domain';
import { STATUS_ORDER, type StatusCounts } from './jobRows';

/**
 * One chip per status, in the palette, with its count; together they are the status filter (several may
 * be picked; none picked shows every job).
 */
export function StatusFilter({
  counts,
  value,
  onChange,
}: {
  counts: StatusCounts;
  value: JobDisplayStatus[];
  onChange: (value: JobDisplayStatus[]) => void;
}) {
  return (
    <Chip.Group
      multiple
      value={value}
      onChange={(next) => onChange(STATUS_ORDER.filter((status) => next.includes(status)))}
    >
      <Group gap={6} role="group" aria-label="Filter by status">
        {STATUS_ORDER.map((status) => {
          const style = STATUS_STYLES[status];
          const count = counts[status];
          return (
            <Chip
              key={status}
              value={status}
              size="xs"
              variant={value.includes(status) ? 'filled' : 'outline'}
              color={style.color}
              autoContrast
              wrapperProps={{ 'data-status-filter': status, 'data-count': count }}
              styles={{
                root: { display: 'flex' },
                // No check mark: the fill says it is picked, and the chip keeps its width.
                iconWrapper: { display: 'none' },
                // A status with no job reads quieter, in the dimmed colour (readable), not faded below the minimum.
                label: {
                  paddingInline: 12,
                  color: count === 0 && !value.includes(status) ? 'var(--mantine-color-dimmed)' : undefined,
                },
              }}
            >
              <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
                {!value.includes(status) && (
                  <span aria-hidden style={{ width: 8, height: 8, borderRadius: 999, background: style.color }} />
                )}
                <span>{style.label}</span>
                <span style={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600 }}>{count.toLocaleString()}</span>
              </span>
            </Chip>
          );
        })}
      </Group>
    </Chip.Group>
  );
}
