import type { Actor } from '../../domain';
import type { CommandPipeline, Outcome } from '../pipeline';

export interface Visit {
  id: string;
  technicianId: string;
  start: number;
  durationMinutes: number;
}

/**
 * Queues the demo's history through the command pipeline, so the demo obeys the same rules, and leaves
 * the same activity and change log, as real use. Every command is queued before any is awaited: the
 * pipeline applies its queue in order and commits it in a few group transactions, which keeps loading
 * well under a second. Commands of one job follow each other in the queue, so each sees the last's result.
 */
export class DemoScript {
  private readonly pending: Promise<void>[] = [];

  constructor(private readonly pipeline: CommandPipeline) {}

  submit(actor: Actor, name: string, args: unknown, occurredAt: number): void {
    const outcome = this.pipeline.submit(actor, name, args, { occurredAt, offline: false });
    const checked = outcome.then((result) => requireApplied(result, actor, name, args));
    // Reported by finish(); this only keeps Node from calling it unhandled in the meantime.
    checked.catch(() => undefined);
    this.pending.push(checked);
  }

  /** Resolves when every queued command is applied; throws with the first refusal (a broken demo fails loudly). */
  async finish(): Promise<void> {
    const results = await Promise.allSettled(this.pending);
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) throw failure.reason;
  }
}

function requireApplied(outcome: Outcome, actor: Actor, name: string, args: unknown): void {
  if (outcome.status === 'applied') return;
  const target = JSON.stringify(args).slice(0, 160);
  throw new Error(`Demo data: ${name} by ${actor.name} was refused (${outcome.code}: ${outcome.message}) — ${target}`);
}
