import { fullName, type AppointmentStatus, type User } from '../../domain';

/**
 * The words every view uses for people and appointment statuses. A customer is named with the domain's
 * `customerName` (the person first); job statuses take their label and color from `STATUS_STYLES`.
 */

/** A technician or any provider-side user: "Luis Herrera"; nobody is "Unassigned". */
export function personName(user: Pick<User, 'firstName' | 'lastName'> | undefined): string {
  return user ? fullName(user) : 'Unassigned';
}

/** An appointment's own status, as its badge, the board's icon and the activity timeline write it. */
export const APPOINTMENT_STATUS: Record<AppointmentStatus, { label: string; color: string }> = {
  scheduled: { label: 'Scheduled', color: 'blue' },
  enroute: { label: 'On My Way', color: 'orange' },
  started: { label: 'Started', color: 'orange' },
  complete: { label: 'Complete', color: 'gray' },
  canceled: { label: 'Canceled', color: 'gray' },
};
