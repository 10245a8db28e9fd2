import { performance } from 'node:perf_hooks';

/**
 * Two fixed pieces of work timed before the modules run, printed under the table, so figures from different
 * sessions can be told apart by machine rather than by code: the same tree gave the server figure 10,700–11,439
 * cmd/s on one machine class and 4,880–5,592 on another, whose plain arithmetic loop was only 7 % slower.
 *   - arithmetic: `(s + i × 7) mod 1,000,003` over 3 × 10⁸ `i` (the loop of the `node -e` reference bench/README.md
 *     quotes; compiled as a module here it runs ~15 % faster than under `node -e`, so compare it with itself);
 *   - objects: 100,000 appointment-shaped objects made, stringified, parsed and kept in a Map, two rounds
 *     (allocation, JSON and the garbage collector: what the server's and the page's work is mostly made of).
 */
export interface MachineReference {
  arithmeticMs: number;
  objectsMs: number;
}

export function measureMachineReference(): MachineReference {
  return { arithmeticMs: timed(arithmetic), objectsMs: timed(objects) };
}

export const describeMachineReference = ({ arithmeticMs, objectsMs }: MachineReference) =>
  `machine reference (before the modules): arithmetic loop ${fmt(arithmeticMs)} ms, objects and JSON ${fmt(objectsMs)} ms`;

const fmt = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 0 });

function timed(work: () => number): number {
  const startedAt = performance.now();
  // The result is checked so the work cannot be optimized away.
  if (!Number.isFinite(work())) throw new Error('machine reference: no result');
  return performance.now() - startedAt;
}

function arithmetic(): number {
  let sum = 0;
  for (let index = 0; index < 3e8; index++) sum = (sum + index * 7) % 1_000_003;
  return sum;
}

function objects(): number {
  let total = 0;
  for (let round = 0; round < 2; round++) {
    const kept = new Map<string, unknown>();
    for (let index = 0; index < 100_000; index++) {
      const text = JSON.stringify({
        id: `a-${round}-${index}`,
        jobId: `job-${index % 1_000}`,
        technicianId: `u-tech${index % 8}`,
        start: 1_796_000_000_000 + index * 60_000,
        durationMinutes: 90,
        status: index % 3 ? 'scheduled' : 'dispatched',
        version: index,
      });
      const value = JSON.parse(text) as { id: string; version: number };
      kept.set(value.id, value);
      total += text.length;
    }
    total += kept.size;
  }
  return total;
}
