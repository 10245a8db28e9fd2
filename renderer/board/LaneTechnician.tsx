import { hoursLabel, OFF_TODAY, type User } from '../../domain';
import classes from './technicianProfile.module.css';

/** The technician's hours on the board's first day ("8:00 AM–5:00 PM"), or "off today"; nothing when none are set. */
export function LaneHours({ technician, day, zone }: { technician: User; day: string; zone: string }) {
  const label = hoursLabel(technician, day, zone);
  if (label === undefined) return null;
  return (
    <span className={classes.hours} data-lane-hours data-off={label === OFF_TODAY ? 'true' : undefined}>
      {label}
      {' · '}
    </span>
  );
}
