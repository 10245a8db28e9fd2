import {
  MAX_DURATION_MINUTES,
  officeTimeZone,
  schedulingWarnings,
  type Actor,
  type Appointment,
  type SchedulingWarning,
} from '../../domain';
import type { DispatchDb } from './db';
import { readJobView } from './jobState';
import { readPendingOverlay } from './views';

/** Where a drop, a keyboard step or the schedule form would put a visit. */
export interface VisitPlacement {
  jobId: string;
  /** The appointment being moved; absent for a new one. */
  appointmentId?: string;
  technicianId: string | null;
  start: number;
  durationMinutes: number;
}

const MINUTE = 60_000;

/**
 * The scheduling warnings for a placement, as the dispatcher sees the board: the technician's confirmed
 * visits around it (through `[technicianId+start]`) with the pending commands' effects on top — a visit
 * just moved away no longer clashes, one just dropped here does — judged by the same domain rules the
 * server runs for REST writes (domain/scheduling/warnings.ts), on the office's clock. Works offline.
 */
export async function readSchedulingWarnings(
  db: DispatchDb,
  actor: Actor,
  placement: VisitPlacement,
): Promise<SchedulingWarning[]> {
  const { technicianId, start, durationMinutes } = placement;
  if (!technicianId) return [];
  const end = start + durationMinutes * MINUTE;
  const [technician, view, confirmed, overlay] = await Promise.all([
    db.users.get(technicianId),
    readJobView(db, placement.jobId, actor),
    db.appointments
      .where('[technicianId+start]')
      .between([technicianId, start - MAX_DURATION_MINUTES * MINUTE], [technicianId, end], true, false)
      .toArray(),
    readPendingOverlay(db, actor),
  ]);
  if (!technician) return [];
  const organizationId = view.job?.organizationId ?? actor.organizationId;
  const organization = organizationId ? await db.organizations.get(organizationId) : undefined;
  const booked = new Map<string, Appointment>(confirmed.map((appointment) => [appointment.id, appointment]));
  for (const appointment of overlay.appointments.values()) booked.set(appointment.id, appointment);
  return schedulingWarnings(
    { technician, start, durationMinutes, appointmentId: placement.appointmentId, job: view.job },
    [...booked.values()],
    officeTimeZone(organization),
  );
}
