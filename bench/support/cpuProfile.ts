import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const NOT_WORK = new Set(['(idle)', '(program)', '(root)']);

function keyOf(frame: ProfileNode['callFrame']): string {
  const url = frame.url.startsWith('file://') ? relative(process.cwd(), new URL(frame.url).pathname) : frame.url;
  return `${frame.functionName || '(anonymous)'}${url ? `  ${url}:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : ''}`;
}

/**
 * The functions that took the most time in the `.cpuprofile` files of a `--cpu-prof-dir`: self time
 * (native calls such as SQLite statements and fsync count as their JS caller's self time) and total time
 * (self plus callees). Shares are of the busy time, idle excluded. Good enough to say where a server's time goes.
 */
export async function summarizeCpuProfiles(dir: string, top = 15): Promise<string[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.cpuprofile'));
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let busy = 0;
  for (const file of files) {
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as Profile;
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    profile.samples.forEach((id, index) => {
      const delta = profile.timeDeltas[index] ?? 0;
      const leaf = keyOf(byId.get(id)!.callFrame);
      if (NOT_WORK.has(leaf)) return;
      busy += delta;
      self.set(leaf, (self.get(leaf) ?? 0) + delta);
      const seen = new Set<string>();
      for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
        const key = keyOf(byId.get(node)!.callFrame);
        if (seen.has(key) || NOT_WORK.has(key)) continue;
        seen.add(key);
        total.set(key, (total.get(key) ?? 0) + delta);
      }
    });
  }
  const rows = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([key, micros]) =>
          `${((micros / busy) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${key}`,
      );
  return [
    `busy ${(busy / 1000).toFixed(0)} ms; by self time:`,
    ...rows(self),
    'by total time (self + callees):',
    ...rows(total),
  ];
}
