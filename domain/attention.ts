import { OfficeWords } from './attentionText';
import type { Appointment, Job } from './entities';
import type { AttentionThresholds } from './organization';
import type { JobDisplayStatus } from './status';

/**
 * What needs a dispatcher now, before anyone calls to complain: the attention panel's rules. Pure: the
 * caller passes the jobs it holds, the clock, the organization's thresholds and its office zone, so the
 * console can re-run them as the clock passes, offline, over its own cache.
 *
 * Each rule has a moment from which the matter needs attention ("due"); an item exists once the clock is
 * past it (strictly: a visit due at 9:00 with a 15-minute grace is late from 9:15 and one millisecond).
 * `nextChange` is the first instant after `now` at which the clock alone changes the list, so a caller can
 * wake exactly then instead of polling.
 */

/** Stable names (the panel's `data-attention-kind`), in the order the panel lists them. */
export const ATTENTION_KINDS = [
  'late_start',
  'eta_overrun',
  'running_over',
  'window_today',
  'offer_waiting',
  'paused_aging',
] as const;

export type AttentionKind = (typeof ATTENTION_KINDS)[number];

/** What the rules read of a job: the job, its derived status and its appointments (as `JobSummary` holds them). */
export interface AttentionJob {
  job: Pick<Job, 'id' | 'lifecycle' | 'createdAt' | 'timeWindows' | 'withdrawn'>;
  status: JobDisplayStatus;
  appointments: readonly Pick<
    Appointment,
    'id' | 'status' | 'start' | 'durationMinutes' | 'enrouteAt' | 'etaMinutes' | 'completedAt' | 'technicianId'
  >[];
}

export interface AttentionItem {
  kind: AttentionKind;
  jobId: string;
  /** The visit concerned (late start, ETA overrun, running over); none for job-level matters. */
  appointmentId?: string;
  technicianId?: string | null;
  /**
   * Since when it has been so: the missed start, the passed ETA, the booked end, the offer's arrival, the
   * pause, the preferred window's start.
   */
  since: number;
  /** Why, in a sentence, with times on the office clock. */
  why: string;
}

export interface AttentionState {
  items: AttentionItem[];
  /** When the clock alone next changes `items`; undefined when nothing held can appear later. */
  nextChange: number | undefined;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** The ETA a technician's On My Way carries when none was given (appointment.setStatus's default). */
const DEFAULT_ETA_MINUTES = 30;

const KIND_ORDER = new Map<AttentionKind, number>(ATTENTION_KINDS.map((kind, index) => [kind, index]));

/** Everything that needs attention at `now`, oldest first within each kind, and when that next changes. */
export function attentionAt(
  jobs: Iterable<AttentionJob>,
  now: number,
  thresholds: AttentionThresholds,
  timeZone: string,
): AttentionState {
  const items: AttentionItem[] = [];
  let nextChange: number | undefined;
  /** An item from `due` on (exclusive); before then, the moment it will appear. */
  const check = (due: number, item: () => AttentionItem) => {
    if (now > due) items.push(item());
    else if (nextChange === undefined || due + 1 < nextChange) nextChange = due + 1;
  };
  const words = new OfficeWords(now, timeZone);
  const today = words.today;

  for (const { job, status, appointments } of jobs) {
    if (job.lifecycle === 'offered' && !job.withdrawn) {
      check(job.createdAt + thresholds.offerWaitingMinutes * MINUTE, () => ({
        kind: 'offer_waiting',
        jobId: job.id,
        since: job.createdAt,
        why: `Offered ${words.at(job.createdAt)}; not accepted or declined yet`,
      }));
    }
    if (job.lifecycle !== 'open') continue;
    for (const appointment of appointments) {
      const visit = { jobId: job.id, appointmentId: appointment.id, technicianId: appointment.technicianId };
      if (appointment.status === 'scheduled') {
        check(appointment.start + thresholds.lateStartGraceMinutes * MINUTE, () => ({
          kind: 'late_start',
          ...visit,
          since: appointment.start,
          why: appointment.technicianId
            ? `Due to start ${words.at(appointment.start)}; no On My Way yet`
            : `Due to start ${words.at(appointment.start)}; no technician assigned`,
        }));
      } else if (appointment.status === 'enroute') {
        const left = appointment.enrouteAt ?? appointment.start;
        const eta = left + (appointment.etaMinutes ?? DEFAULT_ETA_MINUTES) * MINUTE;
        check(eta, () => ({
          kind: 'eta_overrun',
          ...visit,
          since: eta,
          why: `On My Way ${words.at(left)}, expected by ${words.clock(eta)}; not started yet`,
        }));
      } else if (appointment.status === 'started') {
        const end = appointment.start + appointment.durationMinutes * MINUTE;
        check(end, () => ({
          kind: 'running_over',
          ...visit,
          since: end,
          why: `Booked ${words.range(appointment.start, end)}${words.dayNote(end)}; still in progress`,
        }));
      }
    }
    if (status === 'paused') {
      const pausedAt = lastCompletion(appointments);
      if (pausedAt !== undefined) {
        check(pausedAt + thresholds.pausedAgingDays * DAY, () => ({
          kind: 'paused_aging',
          jobId: job.id,
          since: pausedAt,
          why: `Paused since ${words.moment(pausedAt)}, more than ${plural(thresholds.pausedAgingDays, 'day')} without a visit`,
        }));
      }
    } else if (status === 'unscheduled' && job.timeWindows.length) {
      const window = job.timeWindows.find((candidate) => candidate.start < today.end && candidate.end > today.start);
      if (window) {
        items.push({
          kind: 'window_today',
          jobId: job.id,
          since: window.start,
          why: `The customer prefers ${words.range(window.start, window.end)}${words.dayNote(window.start, 'today')}; not scheduled`,
        });
      }
      // At the office's midnight today's windows stop being today's and tomorrow's become so.
      if (job.timeWindows.some((candidate) => candidate.end > today.start) && (nextChange ?? Infinity) > today.end)
        nextChange = today.end;
    }
  }
  items.sort((a, b) => KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! || a.since - b.since);
  return { items, nextChange };
}

/** The items alone: `attentionAt(…).items`. */
export function attentionItems(
  jobs: Iterable<AttentionJob>,
  now: number,
  thresholds: AttentionThresholds,
  timeZone: string,
): AttentionItem[] {
  return attentionAt(jobs, now, thresholds, timeZone).items;
}

/** When the job's last completed visit ended: the moment a paused job was paused. */
function lastCompletion(appointments: AttentionJob['appointments']): number | undefined {
  let last: number | undefined;
  for (const appointment of appointments) {
    if (appointment.status === 'complete' && appointment.completedAt !== undefined)
      last = Math.max(last ?? -Infinity, appointment.completedAt);
  }
  return last;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
