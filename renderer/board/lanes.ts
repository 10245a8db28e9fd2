import {
  customerName,
  type Appointment,
  type AppointmentStatus,
  type Customer,
  type Job,
  type JobDisplayStatus,
} from '../../domain';
import { MINUTE_MS } from './geometry';

/** One appointment as a block draws it: flat, so a lane can tell cheaply whether anything changed. */
export interface BlockModel {
  id: string;
  jobId: string;
  title: string;
  serviceType: string | undefined;
  customerName: string;
  /** The job site's time zone (IANA), when known: its own time shows beside the office's where it differs. */
  siteZone: string | undefined;
  start: number;
  end: number;
  durationMinutes: number;
  technicianId: string | null;
  status: AppointmentStatus;
  jobStatus: JobDisplayStatus;
  pending: boolean;
  /** Notes on the job and on this visit (shown as a small count). */
  noteCount: number;
  /** Sub-row within the lane; overlapping appointments stack. */
  row: number;
  overlaps: boolean;
}

export interface LaneModel {
  /** The technician's id, or UNASSIGNED. */
  key: string;
  /** Sorted by start. */
  blocks: BlockModel[];
  rows: number;
  /** Appointments that overlap another of this technician's. */
  overlapping: number;
  /** The longest block, so a binary search by start can find every block that reaches into view. */
  maxDurationMs: number;
  signature: string;
}

export const UNASSIGNED = '__unassigned__';

function signatureOf(block: BlockModel): string {
  return `${block.id}:${block.start}:${block.durationMinutes}:${block.status}:${block.jobStatus}:${block.pending ? 1 : 0}:${block.noteCount}:${block.customerName}:${block.title}:${block.serviceType ?? ''}:${block.siteZone ?? ''}`;
}

/**
 * Stacks overlapping appointments into sub-rows (first row free at the block's start) and marks every
 * block that overlaps another one.
 */
export function stackRows(blocks: BlockModel[]): { rows: number; overlapping: number } {
  const rowEnds: number[] = [];
  for (const block of blocks) {
    let row = rowEnds.findIndex((end) => end <= block.start);
    if (row === -1) row = rowEnds.push(block.end) - 1;
    else rowEnds[row] = block.end;
    block.row = row;
  }
  for (let index = 0; index < blocks.length; index++) {
    for (let next = index + 1; next < blocks.length && blocks[next].start < blocks[index].end; next++) {
      blocks[index].overlaps = true;
      blocks[next].overlaps = true;
    }
  }
  return { rows: Math.max(1, rowEnds.length), overlapping: blocks.filter((block) => block.overlaps).length };
}

/** What a lane shows for one appointment, before layout: the appointment with its job's derived status. */
export interface LaneAppointment {
  appointment: Appointment;
  job: Job;
  jobStatus: JobDisplayStatus;
  pending: boolean;
  customer: Customer | undefined;
  /** Notes that concern this visit: the job's own and the visit's. */
  noteCount: number;
}

/**
 * Sorts a lane's appointments by start and stacks overlaps. When nothing changed since `previous`, returns
 * `previous` itself, so the lane's blocks (memoized on their objects) do not render again.
 */
export function buildLane(
  key: string,
  entries: readonly LaneAppointment[],
  previous: LaneModel | undefined,
): LaneModel {
  const blocks: BlockModel[] = entries.map(({ appointment, job, jobStatus, pending, customer, noteCount }) => ({
    id: appointment.id,
    jobId: job.id,
    title: job.title,
    serviceType: job.serviceType,
    customerName: customerName(customer),
    siteZone: job.address?.timezone,
    start: appointment.start,
    end: appointment.start + appointment.durationMinutes * MINUTE_MS,
    durationMinutes: appointment.durationMinutes,
    technicianId: appointment.technicianId,
    status: appointment.status,
    jobStatus,
    pending,
    noteCount,
    row: 0,
    overlaps: false,
  }));
  blocks.sort((a, b) => a.start - b.start || a.end - b.end || a.id.localeCompare(b.id));
  const signature = blocks.map(signatureOf).join('|');
  if (previous && previous.key === key && previous.signature === signature) return previous;
  const { rows, overlapping } = stackRows(blocks);
  const maxDurationMs = blocks.reduce((longest, block) => Math.max(longest, block.end - block.start), 0);
  return { key, blocks, rows, overlapping, maxDurationMs, signature };
}
