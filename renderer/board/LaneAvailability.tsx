import { memo, useMemo } from 'react';
import { unavailableSpans, type User } from '../../domain';
import { clockRange } from '../kit/format';
import { timeToX, type TimeScale } from './geometry';
import classes from './technicianProfile.module.css';

interface Props {
  technician: Pick<User, 'firstName' | 'availability'>;
  scale: TimeScale;
  /** The office's zone: hours are read on its clock. */
  zone: string;
}

/**
 * The time a technician cannot be given work, shaded under the lane's blocks: outside working hours and
 * time off (with its reason in the tooltip). Each shaded span carries `data-available="false"`.
 * Decorative for assistive technology: the lane header says the hours in words.
 */
export const LaneAvailability = memo(function LaneAvailability({ technician, scale, zone }: Props) {
  const spans = useMemo(() => {
    if (!technician.availability) return [];
    return scale.days.flatMap((day) =>
      unavailableSpans(technician, day.date, zone).flatMap((span) => {
        const left = timeToX(scale, span.start);
        const width = timeToX(scale, span.end) - left;
        if (width < 1) return [];
        const title =
          span.kind === 'time_off'
            ? `Time off${span.reason ? `: ${span.reason}` : ''} (${clockRange(span.start, span.end)})`
            : 'Outside working hours';
        return [{ key: `${span.kind}-${span.start}`, kind: span.kind, left, width, title }];
      }),
    );
  }, [technician, scale, zone]);
  return (
    <>
      {spans.map((span) => (
        <div
          key={span.key}
          className={classes.unavailable}
          data-available="false"
          data-unavailable-kind={span.kind}
          style={{ left: span.left, width: span.width }}
          title={span.title}
          aria-hidden="true"
        />
      ))}
    </>
  );
});
