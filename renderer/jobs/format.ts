import type { AppointmentStatus } from '../../domain';

/** What an appointment under way is doing, beside its technician. */
export const UNDER_WAY_LABEL: Partial<Record<AppointmentStatus, string>> = {
  enroute: 'On my way',
  started: 'On site',
};
