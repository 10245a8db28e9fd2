import type { WireAppointment as ListedAppointment, WireCompleteReason } from '../rest/wire';
import type { Rng } from './rng';

/** An appointment as `GET /v3/appointments` returns it: the fields the simulator's decisions use. */
export type WireAppointment = Pick<ListedAppointment, 'id' | 'job_id' | 'time' | 'duration' | 'user_id' | 'status'>;

export interface StatusPatch {
  status: 'enroute' | 'started' | 'complete';
  eta_minutes?: number;
  complete_reason_id?: string;
}

export interface FieldStep {
  appointment: WireAppointment;
  patch: StatusPatch;
  /** What a dispatcher would call it: "On My Way (ETA 20 min)", "Started", "Complete: Repaired (job completed)". */
  label: string;
}

export type TickPlan = { kind: 'offer' } | { kind: 'field'; technician: number };

/** How often a new offer arrives, as a share of ticks; the rest are technicians at work. */
export const OFFER_SHARE = 0.2;
/** How often a technician ends a visit with a pausing reason (parts, no show…) rather than finishing. */
export const PAUSE_SHARE = 0.25;
/** Technicians only head out for visits that start within this window. */
export const DUE_WITHIN_MS = 24 * 60 * 60 * 1000;

/** Who acts this tick: now and then the enterprise sends an offer; otherwise one technician works. */
export function planTick(rng: Rng, technicianCount: number): TickPlan {
  if (rng.chance(OFFER_SHARE)) return { kind: 'offer' };
  return { kind: 'field', technician: rng.int(1, technicianCount) };
}

/**
 * A technician's next move, as in the field: finish the visit they are on, else arrive at the one they
 * are driving to, else head out to the earliest one due. One visit at a time; nothing due → nothing.
 */
export function nextFieldStep(
  appointments: readonly WireAppointment[],
  reasons: readonly WireCompleteReason[],
  rng: Rng,
  now: number,
): FieldStep | undefined {
  const byTime = [...appointments].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const started = byTime.find((appointment) => appointment.status === 'started');
  if (started) {
    const reason = chooseCompleteReason(reasons, rng);
    if (!reason) return undefined;
    return {
      appointment: started,
      patch: { status: 'complete', complete_reason_id: reason.id },
      label: `Complete: ${reason.label}`,
    };
  }
  const enroute = byTime.find((appointment) => appointment.status === 'enroute');
  if (enroute) return { appointment: enroute, patch: { status: 'started' }, label: 'Started' };
  const due = byTime.find(
    (appointment) => appointment.status === 'scheduled' && Date.parse(appointment.time) <= now + DUE_WITHIN_MS,
  );
  if (!due) return undefined;
  const etaMinutes = 5 * rng.int(2, 9);
  return {
    appointment: due,
    patch: { status: 'enroute', eta_minutes: etaMinutes },
    label: `On My Way (ETA ${etaMinutes} min)`,
  };
}

/**
 * Mostly a reason that completes the job, sometimes one that pauses it. Only the defaults (no source):
 * an enterprise's own reasons apply only to its jobs, and the appointment list does not say whose a job is.
 */
export function chooseCompleteReason(reasons: readonly WireCompleteReason[], rng: Rng): WireCompleteReason | undefined {
  const usable = reasons.filter((reason) => reason.source_id === null);
  const completing = usable.filter((reason) => reason.effect === 'complete');
  const pausing = usable.filter((reason) => reason.effect === 'pause');
  const pool = rng.chance(PAUSE_SHARE) ? pausing : completing;
  const choices = pool.length ? pool : usable;
  return choices.length ? rng.pick(choices) : undefined;
}
