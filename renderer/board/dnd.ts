import type { JobDisplayStatus } from '../../domain';

/** A queued job being dragged onto a lane. */
export interface JobDragData {
  [key: string | symbol]: unknown;
  kind: 'job';
  jobId: string;
  title: string;
  status: JobDisplayStatus;
}

/** An appointment block being dragged to another time or technician. */
export interface AppointmentDragData {
  [key: string | symbol]: unknown;
  kind: 'appointment';
  appointmentId: string;
  jobId: string;
  jobStatus: JobDisplayStatus;
  technicianId: string | null;
  start: number;
  durationMinutes: number;
  /** Where in the block the pointer took hold, so the block lands where it is dropped, not at the pointer. */
  grabOffsetPx: number;
}

export type BoardDragData = JobDragData | AppointmentDragData;

export function isBoardDrag(data: Record<string | symbol, unknown>): data is BoardDragData {
  return data.kind === 'job' || data.kind === 'appointment';
}
