import type { CompleteReason, DeclineReason } from './entities';

/**
 * Default complete reasons, usable on every job. Enterprises add their own per job source; "usually
 * there is one option that Completes the job, whereas the rest move it into a Paused status".
 */
export const DEFAULT_COMPLETE_REASONS: readonly CompleteReason[] = [
  { id: 'cr-repaired', sourceId: null, label: 'Repaired (job completed)', effect: 'complete' },
  { id: 'cr-ready-for-billing', sourceId: null, label: 'Ready For Billing', effect: 'complete' },
  { id: 'cr-waiting-for-parts', sourceId: null, label: 'Waiting For Parts', effect: 'pause' },
  { id: 'cr-follow-up', sourceId: null, label: 'Requires Follow-Up Appointment', effect: 'pause' },
  { id: 'cr-no-show', sourceId: null, label: 'No Show', effect: 'pause' },
  { id: 'cr-customer-not-home', sourceId: null, label: 'Customer Not Home', effect: 'pause' },
  // The seed: "The technician was interrupted from the work for some reason (an emergency call)."
  { id: 'cr-interrupted-emergency', sourceId: null, label: 'Interrupted — emergency call', effect: 'pause' },
];

export const DEFAULT_DECLINE_REASONS: readonly DeclineReason[] = [
  { id: 'dr-no-capacity', label: 'No capacity in that time frame' },
  { id: 'dr-out-of-area', label: 'Outside our service area' },
  { id: 'dr-no-skill', label: 'Not a service we offer' },
  { id: 'dr-other', label: 'Other' },
];

/** The reasons offered for completing a job: the defaults plus those of the job's source, none archived. */
export function completeReasonsFor(sourceId: string | null, all: readonly CompleteReason[]): CompleteReason[] {
  return all.filter((reason) => !reason.archived && (reason.sourceId === null || reason.sourceId === sourceId));
}

/** Finds a complete reason by id, as `deriveJobStatus` asks for one (a map made once per call). */
export function reasonLookup(reasons: readonly CompleteReason[]): (id: string) => CompleteReason | undefined {
  const byId = new Map(reasons.map((reason) => [reason.id, reason]));
  return (id) => byId.get(id);
}
