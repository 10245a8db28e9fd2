/**
 * `npm run bench`: runs every benchmark module in turn and prints one table of figures beside their
 * same-run baselines and budgets (docs/ARCHITECTURE.md §8). Not part of `npm test`. Exits 1 if a budget fails.
 *
 * To add a benchmark: write `bench/<name>.ts` exporting `run(): Promise<Figure[]>` and list it below.
 * `npm run bench -- server` runs only the named modules.
 */
import { performance } from 'node:perf_hooks';
import { passes, type BenchModule, type Figure } from './support/figures';
import { describeMachineReference, measureMachineReference } from './support/machineReference';
import { renderTable } from './support/table';

const MODULES: { name: string; load: () => Promise<BenchModule> }[] = [
  { name: 'server', load: () => import('./server') },
  { name: 'client', load: () => import('./client') },
  { name: 'board', load: () => import('./board') },
  { name: 'cold-start', load: () => import('./coldStart') },
  { name: 'drop', load: () => import('./drop') },
  { name: 'soak', load: () => import('./soak') },
];

async function main() {
  const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const unknown = wanted.filter((name) => !MODULES.some((module) => module.name === name));
  if (unknown.length) {
    console.error(
      `Unknown bench module(s): ${unknown.join(', ')}. Known: ${MODULES.map((module) => module.name).join(', ')}.`,
    );
    process.exit(2);
  }
  const selected = wanted.length ? MODULES.filter((module) => wanted.includes(module.name)) : MODULES;
  const figures: Figure[] = [];
  const failures: string[] = [];
  const startedAt = performance.now();
  const reference = measureMachineReference();
  process.stderr.write(`[bench] ${describeMachineReference(reference)}\n`);
  for (const module of selected) {
    const moduleStart = performance.now();
    process.stderr.write(`[bench] ${module.name} …\n`);
    try {
      figures.push(...(await (await module.load()).run()));
      process.stderr.write(
        `[bench] ${module.name} done in ${((performance.now() - moduleStart) / 1000).toFixed(1)} s\n`,
      );
    } catch (error) {
      failures.push(`${module.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.stderr.write(`[bench] ${module.name} FAILED\n`);
    }
  }
  console.log(
    `\nBench on ${process.platform}/${process.arch}, Node ${process.version}, ${(await import('node:os')).cpus().length} CPUs — ${((performance.now() - startedAt) / 1000).toFixed(0)} s\n`,
  );
  console.log(`${describeMachineReference(reference)}\n`);
  if (figures.length) console.log(renderTable(figures));
  for (const failure of failures) console.error(`\nBench module failed — ${failure}`);
  if (failures.length || figures.some((figure) => passes(figure) === false)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
