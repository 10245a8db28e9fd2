import { useMemo } from 'react';
import { hoursLabel, OFF_TODAY, type User } from '../../domain';
import classes from './technicianProfile.module.css';

/** The technician's hours on the board's first day ("8:00 AM–5:00 PM"), or "off today"; nothing when none are set. */
export function LaneHours({ technician, day, zone }: { technician: User; day: string; zone: string }) {
  // Worked out once per technician and day: a lane renders again whenever its place on the board moves, and
  // the office-zone math of a label costs (it was 70 ms of the board's first paint with 30 lanes on screen).
  const label = useMemo(() => hoursLabel(technician, day, zone), [technician, day, zone]);
  if (label === undefined) return null;
  return (
    <span className={classes.hours} data-lane-hours data-off={label === OFF_TODAY ? 'true' : undefined}>
      {label}
      {' · '}
    </span>
  );
}
