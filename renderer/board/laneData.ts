import type { Appointment, CompleteReason, Customer, Note } from '../../domain';
import { emptyOverlay, summarize, type LaneWindow, type PendingOverlay, type VisitsUnderWay } from '../data/views';
import { MINUTE_MS } from './geometry';
import type { LaneAppointment } from './lanes';

/** What every lane merges on top of its confirmed rows: the pending commands, read once for the board. */
export interface PendingLayer {
  overlay: PendingOverlay;
  reasons: CompleteReason[];
  /** Customers of the jobs that pending commands touch (a pending appointment may be new to a lane). */
  customers: Map<string, Customer>;
  /** Customers with a pending edit of their own (contact, address): shown over the confirmed ones. */
  editedCustomers: Map<string, Customer>;
  /** Jobs the server has just confirmed, still carried as confirmed rows: job id → when they left the outbox. */
  settling: Map<string, number>;
}

export const EMPTY_LAYER: PendingLayer = {
  overlay: emptyOverlay(),
  reasons: [],
  customers: new Map(),
  editedCustomers: new Map(),
  settling: new Map(),
};

/** The notes that concern one visit: the job's own and the visit's, confirmed or pending, each once. */
export function noteCountOf(appointment: Appointment, notes: Iterable<Note>): number {
  const ids = new Set<string>();
  for (const note of notes) {
    if (note.jobId === appointment.jobId && (note.appointmentId ?? appointment.id) === appointment.id) ids.add(note.id);
  }
  return ids.size;
}

/** No visit under way: for a window read before the board's read of them answers, and in tests. */
export const NONE_UNDER_WAY: VisitsUnderWay = new Map();

/**
 * The visits under way of a window's jobs, the same array while they stay the same (a lane merges again only
 * when one of its own jobs' visits starts, changes or ends, not whenever any technician's does).
 */
export function underWayOf(
  underWay: VisitsUnderWay,
  window: LaneWindow | undefined,
  previous: readonly Appointment[] | undefined,
): readonly Appointment[] {
  const visits = window ? window.jobs.flatMap((job) => underWay.get(job.id) ?? []) : [];
  const same =
    previous !== undefined &&
    previous.length === visits.length &&
    visits.every((visit, index) => previous[index] === visit);
  return same ? previous : visits;
}

/**
 * A lane as the dispatcher sees it: its confirmed appointments with pending commands replayed on top (a
 * pending move can bring an appointment in or take it away), each with its job's derived status. `underWay`:
 * the visits under way of the window's jobs (board-wide, `readVisitsUnderWay`; `underWayOf` picks them), which
 * the window's own rows leave out (`LaneWindow.siblings`). A job a pending command touches is replayed whole
 * (all of its appointments) in the overlay.
 */
export function mergeLane(
  window: LaneWindow,
  layer: PendingLayer,
  technicianId: string | null,
  from: number,
  to: number,
  underWay: readonly Appointment[],
): LaneAppointment[] {
  const { overlay } = layer;
  const shown = new Map(window.appointments.map((appointment) => [appointment.id, appointment]));
  for (const [id, appointment] of overlay.appointments) {
    const here =
      appointment.technicianId === technicianId &&
      appointment.status !== 'canceled' &&
      appointment.start < to &&
      appointment.start + appointment.durationMinutes * MINUTE_MS > from;
    if (here) shown.set(id, appointment);
    else shown.delete(id);
  }
  if (shown.size === 0) return [];
  const jobs = new Map(window.jobs.map((job) => [job.id, job]));
  for (const appointment of shown.values()) {
    const pendingJob = overlay.jobs.get(appointment.jobId);
    if (!jobs.has(appointment.jobId) && pendingJob) jobs.set(appointment.jobId, pendingJob);
  }
  const summaries = new Map(
    // The window's own rows last: where the two reads disagree for a moment, the block's own row decides.
    summarize([...jobs.values()], [...underWay, ...window.siblings], overlay, layer.reasons).map((summary) => [
      summary.job.id,
      summary,
    ]),
  );
  const customers = new Map(window.customers.map((customer) => [customer.id, customer]));
  const notes = [...window.notes, ...overlay.notes];
  const result: LaneAppointment[] = [];
  for (const appointment of shown.values()) {
    const summary = summaries.get(appointment.jobId);
    if (!summary) continue;
    result.push({
      appointment,
      job: summary.job,
      jobStatus: summary.status,
      pending: overlay.pendingAppointmentIds.has(appointment.id),
      customer:
        layer.editedCustomers.get(summary.job.customerId) ??
        customers.get(summary.job.customerId) ??
        layer.customers.get(summary.job.customerId),
      noteCount: noteCountOf(appointment, notes),
    });
  }
  return result;
}
