import type { Actor } from './actor';
import type { CompleteReason, CompleteReasonEffect } from './entities';
import { CommandRefused } from './errors';

/**
 * How a job source (an enterprise) manages its own complete reasons: add, relabel, change the effect,
 * archive. Pure rules; the server loads the reasons and whether one is in use, and writes the result.
 * Each function throws CommandRefused with a stable code and a sentence the integrator can read.
 */

export const REASON_LABEL_MAX = 80;

export interface ReasonInput {
  label: string;
  effect: CompleteReasonEffect;
}

/** Only a job source manages reasons (its own); providers use them, the system may do anything. */
export function requireReasonManager(actor: Actor): string | null {
  if (actor.role === 'system') return null;
  if (actor.role !== 'enterprise' || !actor.organizationId) {
    throw new CommandRefused(
      'FORBIDDEN',
      'Only a job source manages its complete reasons; service providers use them.',
    );
  }
  return actor.organizationId;
}

/**
 * The reason an actor may change: its own source's. Another source's reasons look absent (ids of other
 * tenants lead nowhere); the defaults belong to everyone and are read-only.
 */
export function requireOwnReason(actor: Actor, reason: CompleteReason | undefined): CompleteReason {
  const sourceId = requireReasonManager(actor);
  if (!reason || (sourceId !== null && reason.sourceId !== null && reason.sourceId !== sourceId)) {
    throw new CommandRefused('NOT_FOUND', 'This complete reason does not exist or is not yours.');
  }
  if (reason.sourceId === null)
    throw new CommandRefused(
      'FORBIDDEN',
      'The default complete reasons are shared by every job source; they cannot be changed.',
    );
  return reason;
}

/** Two offered reasons of a job with the same label could not be told apart in the picker. */
function requireUniqueLabel(label: string, sourceId: string, all: readonly CompleteReason[], exceptId?: string): void {
  const clash = all.find(
    (reason) =>
      reason.id !== exceptId &&
      !reason.archived &&
      (reason.sourceId === null || reason.sourceId === sourceId) &&
      reason.label.toLowerCase() === label.toLowerCase(),
  );
  if (clash)
    throw new CommandRefused(
      'ALREADY_EXISTS',
      `A complete reason labelled "${clash.label}" is already offered on this source's jobs.`,
    );
}

/** A new reason of the actor's source. */
export function newCompleteReason(
  actor: Actor,
  id: string,
  input: ReasonInput,
  all: readonly CompleteReason[],
): CompleteReason {
  const sourceId = requireReasonManager(actor);
  if (sourceId === null)
    throw new CommandRefused('FORBIDDEN', 'A complete reason belongs to a job source; sign in as one to add it.');
  requireUniqueLabel(input.label, sourceId, all);
  return { id, sourceId, label: input.label, effect: input.effect };
}

/**
 * A relabelled reason, or one with another effect. The effect of a reason visits already ended with does
 * not change: it decided those jobs' status, and changing it would re-status past work behind everyone's
 * back. Archive it and add a new one instead.
 */
export function revisedCompleteReason(
  reason: CompleteReason,
  change: Partial<ReasonInput>,
  inUse: boolean,
  all: readonly CompleteReason[],
): CompleteReason {
  if (reason.archived)
    throw new CommandRefused('INVALID_TRANSITION', `"${reason.label}" was deleted; it can no longer be changed.`);
  if (change.effect !== undefined && change.effect !== reason.effect && inUse) {
    throw new CommandRefused(
      'REASON_IN_USE',
      `Visits already ended with "${reason.label}", so what it does to a job cannot change; delete it and add a new reason instead.`,
    );
  }
  if (change.label !== undefined) requireUniqueLabel(change.label, reason.sourceId!, all, reason.id);
  return { ...reason, ...change };
}

/** Deleting archives: the reason stays readable on the visits that used it and is no longer offered. */
export function archivedCompleteReason(reason: CompleteReason): CompleteReason {
  if (reason.archived) throw new CommandRefused('INVALID_TRANSITION', `"${reason.label}" was already deleted.`);
  return { ...reason, archived: true };
}
