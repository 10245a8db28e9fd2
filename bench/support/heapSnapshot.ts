/**
 * Heap snapshots of a page (CDP HeapProfiler) and what grew between two of them, by constructor: where a soak's
 * growing heap goes. Used by bench/soak.ts when BENCH_SOAK_SNAPSHOTS names a folder.
 */
import type { Page } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Count and self size of the nodes of one kind (`type:name`, e.g. `object:FiberNode`). */
export type HeapCensus = Map<string, { count: number; size: number }>;

/** Takes a snapshot after a full GC, writes it to `<dir>/<name>.heapsnapshot`, and returns its census. */
export async function snapshotHeap(page: Page, dir: string, name: string): Promise<HeapCensus> {
  const cdp = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => void chunks.push(chunk));
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    await cdp.detach();
  }
  const text = chunks.join('');
  await writeFile(join(dir, `${name}.heapsnapshot`), text);
  return census(JSON.parse(text) as RawSnapshot);
}

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

function census(raw: RawSnapshot): HeapCensus {
  const fields = raw.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const types = raw.snapshot.meta.node_types[0];
  const result: HeapCensus = new Map();
  for (let index = 0; index < raw.nodes.length; index += width) {
    const type = types[raw.nodes[index + typeAt]];
    // Strings and code are named by their content: one bucket each.
    const name = type === 'object' || type === 'closure' ? raw.strings[raw.nodes[index + nameAt]] : '';
    // Contexts are named with their node's id ("system / Context / scope @1234"): one bucket for them all.
    const key = `${type}:${name.replace(/ @\d+$/, '').slice(0, 60)}`;
    const entry = result.get(key) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += raw.nodes[index + sizeAt];
    result.set(key, entry);
  }
  return result;
}

const total = (census: HeapCensus) => [...census.values()].reduce((sum, entry) => sum + entry.size, 0);

/** The whole change of self size, then the kinds that grew most from `before` to `after`, one line each. */
export function heapGrowth(before: HeapCensus, after: HeapCensus, top = 25): string[] {
  const whole = `${((total(after) - total(before)) / 1024).toFixed(0)} KB in all (${(total(before) / 1024 / 1024).toFixed(1)} → ${(total(after) / 1024 / 1024).toFixed(1)} MB)`;
  return [
    whole,
    ...[...after]
      .map(([key, { count, size }]) => {
        const was = before.get(key) ?? { count: 0, size: 0 };
        return { key, count: count - was.count, size: size - was.size };
      })
      .sort((a, b) => b.size - a.size)
      .slice(0, top)
      .map(
        ({ key, count, size }) => `${(size / 1024).toFixed(0).padStart(7)} KB ${String(count).padStart(8)} × ${key}`,
      ),
  ];
}
