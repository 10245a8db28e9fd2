import { hash } from 'node:crypto';
import type { Actor } from '../../domain';
import type { PushAnswer } from '../../domain/protocol';
import type { CommandOutcome, Tx } from '../store/types';
import type { ClientCommand, Outcome } from './types';

/**
 * Each client's outcomes are kept for resends while they are among its last 10,000 ids and younger than
 * 30 days (server/PROTOCOL.md); a resend of a pruned one answers OUTCOME_EXPIRED.
 */
export const OUTCOMES_KEPT_PER_CLIENT = 10_000;
export const OUTCOME_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** A batch's answer is the push answer (domain/protocol.ts). */
export type BatchResult = PushAnswer;

/**
 * A client's outbox batch: ids are gapless per client, a resent id gets its stored outcome back instead of
 * running again, an id past the next one is refused as out of order, and each command has its own outcome.
 */
export async function processOutboxBatch(
  tx: Tx,
  actor: Actor,
  clientId: string,
  commands: readonly ClientCommand[],
  execute: (command: ClientCommand) => Promise<Outcome>,
  now: number,
): Promise<BatchResult> {
  const client = await tx.getClient(clientId);
  if (client && client.userId !== actor.userId) {
    const refusal = {
      status: 'rejected' as const,
      code: 'FORBIDDEN',
      message: 'This client id belongs to another user; sign in again.',
    };
    return { results: commands.map((command) => ({ id: command.id, ...refusal })), lastProcessedId: 0 };
  }
  let last = client?.lastProcessedId ?? 0;
  const results: CommandOutcome[] = [];
  for (const command of commands) {
    if (command.id <= last) {
      const found = await tx.getCommandOutcome(clientId, command.id);
      if (!found) {
        // Pruned (OUTCOMES_KEPT_PER_CLIENT or OUTCOME_TTL_MS): the client pulls, which shows whatever the command did.
        results.push({
          id: command.id,
          status: 'rejected',
          code: 'OUTCOME_EXPIRED',
          message: `Command ${command.id} was processed long ago and its outcome is no longer kept; pull to see its effect.`,
        });
        continue;
      }
      const { fingerprint, ...earlier } = found;
      // Outcomes stored before fingerprints existed have none: those resends are answered as before.
      if (fingerprint !== undefined && fingerprint !== fingerprintOf(command)) {
        results.push({
          id: command.id,
          status: 'rejected',
          code: 'COMMAND_MISMATCH',
          message: `Command ${command.id} was already processed with a different name or arguments; it was not applied again.`,
        });
      } else results.push(earlier);
      continue;
    }
    if (command.id !== last + 1) {
      results.push({
        id: command.id,
        status: 'rejected',
        code: 'OUT_OF_ORDER',
        message: `Command ${command.id} arrived before command ${last + 1}; send them in order.`,
      });
      continue;
    }
    const outcome = await execute(command);
    const stored: CommandOutcome =
      outcome.status === 'applied'
        ? { id: command.id, status: 'applied', seq: outcome.seq }
        : { id: command.id, status: 'rejected', code: outcome.code, message: outcome.message };
    await tx.saveCommandOutcome(clientId, { ...stored, fingerprint: fingerprintOf(command) }, now);
    results.push(stored);
    last = command.id;
  }
  if (actor.userId && last !== (client?.lastProcessedId ?? 0)) {
    await tx.setClientProgress(clientId, actor.userId, last);
    // A client resends only what it has not seen answered: its last ids are all it can still ask about.
    if (last > OUTCOMES_KEPT_PER_CLIENT) await tx.pruneCommandOutcomes(clientId, last - OUTCOMES_KEPT_PER_CLIENT);
  }
  return { results, lastProcessedId: last };
}

/** What makes a resend the same command: its name and arguments (not its clock or offline flag). */
function fingerprintOf(command: ClientCommand): string {
  let args: string;
  try {
    args = JSON.stringify(command.args) ?? 'undefined';
  } catch {
    args = '(unserializable)';
  }
  // One-shot: the same digest as hashing the parts in turn, without a Hash object per command.
  return hash('sha256', `${command.name}\u0000${args}`, 'base64url');
}
