import { applyCommand, parseCommand, type Actor } from '../../domain';
import type { Directory } from '../directory';
import type { Tx } from '../store/types';
import { loadState } from './loadState';
import type { Outcome, PublishedChanges } from './types';
import { writeEffects } from './writeEffects';

/** A replay older than this is marked offline even when the client did not say so. */
const OFFLINE_AFTER_MS = 60_000;

/** One command as it reaches the rules, from a client's outbox, the REST API or the server itself. */
export interface CommandRequest {
  actor: Actor;
  name: string;
  args: unknown;
  /** When the action was taken, by the sender's clock. */
  createdAt: number;
  /** undefined: guess from the delay between the action and its arrival. */
  queuedOffline: boolean | undefined;
  /** The pushing client, whose own earlier writes do not make its later edits stale; none for REST and the server. */
  clientId?: string | null;
}

/** Validate, load what it targets, apply the shared domain rules, and write the effect; a refusal writes nothing. */
export async function processCommand(
  tx: Tx,
  published: PublishedChanges,
  directory: Directory,
  clock: () => number,
  { actor, name, args, createdAt, queuedOffline, clientId = null }: CommandRequest,
): Promise<Outcome> {
  const parsed = parseCommand(name, args);
  if (!parsed.ok) return { status: 'rejected', code: parsed.code, message: parsed.message };
  const receivedAt = clock();
  // A client clock running ahead must not date an action in the future.
  const occurredAt = Math.min(createdAt, receivedAt);
  const offline = queuedOffline ?? receivedAt - occurredAt > OFFLINE_AFTER_MS;
  const state = await loadState(tx, directory, parsed.value.target, actor);
  const result = applyCommand(parsed.value, state, { actor, occurredAt, now: receivedAt, offline, clientId });
  if (!result.ok) return { status: 'rejected', code: result.code, message: result.message };
  // Note ids are made by the writer; the rules see one job, the store sees them all.
  for (const note of result.effect.notes ?? []) {
    if (await tx.getNote(note.id)) {
      return { status: 'rejected', code: 'ALREADY_EXISTS', message: 'A note with this id already exists.' };
    }
  }
  // No savepoint of its own: the task's savepoint (GroupCommit) already undoes a failed write.
  return writeEffects(tx, published, directory, state, result.effect, { actor, occurredAt, receivedAt, offline });
}
