/**
 * Renderer heap soak (issue 14, docs/ARCHITECTURE.md §8: growth ≤ 5 % after the first minute): the console's
 * board open on the warm cache (300 technicians, 3,000 appointments today, 20,000 jobs) for BENCH_SOAK_MINUTES
 * (default 10) while the field simulator (server/simulator, as `npm run simulate` runs it) drives changes through
 * the real sync server at ten times its own pace: one action started every 400 ms instead of every 4 s (offers from
 * the enterprise, technicians' On My Way / Start / Complete). The bench starts the ticks on a fixed clock (up to
 * MAX_IN_FLIGHT at once) rather than as `npm run simulate` does, pausing between actions: on this loaded machine
 * an action takes several hundred ms, so pausing 400 ms between them would not be ten times the pace.
 *
 * The JS heap is read after a forced full GC (CDP HeapProfiler.collectGarbage ×2, Runtime.getHeapUsage) every
 * BENCH_SOAK_SAMPLE_S. Single samples swing ±10 % here (what the page holds between GCs of live queries and
 * renders), so growth is read off a least-squares line through the samples from the first minute on: the figure
 * is the line at the end, its baseline the line at one minute (same run), budget ratio ≤ 1.05.
 *
 * One run, and only with BENCH_SOAK=1 (it takes the whole duration); otherwise the table says it was skipped.
 */
import { mkdir } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_PASSWORD } from '../server/demo';
import { ACME, COOLAIR, DEMO_USERS } from '../server/demoData/people';
import { seededRng } from '../server/simulator/rng';
import { Simulator } from '../server/simulator/simulator';
import { heapAfterGc, waitForMark } from './support/boardPage';
import { heapGrowth, snapshotHeap, type HeapCensus } from './support/heapSnapshot';
import { openBenchBrowser, type BenchBrowser } from './support/browserPage';
import { describeSeed, seedConsole, serveConsole } from './support/consoleSetup';
import type { Figure } from './support/figures';
import { ORGANIZATION } from './support/syncClients';

const ENABLED = process.env.BENCH_SOAK === '1';
const MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 10);
const SAMPLE_MS = Number(process.env.BENCH_SOAK_SAMPLE_S ?? 30) * 1000;
/** The simulator's own pace is one action every 4 s (server/simulator/main.ts): ten times that. */
const PACE_MS = Number(process.env.BENCH_SOAK_PACE_MS ?? 400);
/** Actions under way at once at most; a tick due while this many are still running is skipped (and counted). */
const MAX_IN_FLIGHT = 4;
const BASELINE_AT_MS = 60_000;
const BUDGET_RATIO = 1.05;
const VIEWPORT = { width: 1920, height: 1080 };
const DISPATCHER = 'dispatcher@demo.test';
const MB = 1024 * 1024;
/** A folder: heap snapshots at the baseline minute and at the end (of an unminified build), and what grew between. */
const SNAPSHOTS = process.env.BENCH_SOAK_SNAPSHOTS;

const log = (text: string) => process.stderr.write(`[bench/soak] ${text}\n`);
const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

interface Sample {
  /** ms since the simulator started. */
  at: number;
  heap: number;
  /** The organization's change-log head at that moment (commits so far). */
  head: number;
  census: Census;
}

/** What the page holds at a sample: where a growing heap comes from (mounted UI or data). */
interface Census {
  /** Elements in the document. */
  elements: number;
  /** Cards mounted in the queue's list (it is virtualized: the offers waiting are in `offers`). */
  queueCards: number;
  /** The Offered section's count, as its header shows it. */
  offers: number;
  /** React fibers reachable from the root (the current tree). */
  fibers: number;
}

/** Runs in the page (source text: not under this file's Node types). */
const CENSUS = `(() => {
  const root = document.getElementById('root');
  const key = root && Object.keys(root).find((name) => name.startsWith('__reactContainer$'));
  let fibers = 0;
  const stack = key ? [root[key]] : [];
  while (stack.length) {
    const fiber = stack.pop();
    fibers++;
    if (fiber.sibling) stack.push(fiber.sibling);
    if (fiber.child) stack.push(fiber.child);
  }
  const offered = document.querySelector('[data-queue-section="offered"]');
  return {
    elements: document.getElementsByTagName('*').length,
    queueCards: document.querySelectorAll('[data-queue-list] [data-job-id]').length,
    offers: Number(offered?.textContent?.match(/(\\d+)\\s*$/)?.[1] ?? -1),
    fibers,
  };
})()`;

const SKIPPED: Figure = {
  name: 'renderer heap over 10 min of live changes: skipped',
  unit: '',
  median: Number.NaN,
  runs: [],
  note:
    'Off by default (it takes 10 minutes). Run it with `BENCH_SOAK=1 npm run bench -- soak` ' +
    '(BENCH_SOAK_MINUTES=2 for a short look; BENCH_SOAK_SAMPLE_S, BENCH_SOAK_PACE_MS).',
};

export async function run(): Promise<Figure[]> {
  if (!ENABLED) {
    log('skipped: set BENCH_SOAK=1 to run it (BENCH_SOAK_MINUTES=2 for a short look)');
    return [SKIPPED];
  }
  if (!(MINUTES * 60_000 > BASELINE_AT_MS)) throw new Error('BENCH_SOAK_MINUTES must be more than 1');
  // Unminified when snapshots are taken: their constructors keep their names.
  const served = await serveConsole(!SNAPSHOTS);
  let browser: BenchBrowser | undefined;
  const stop = new AbortController();
  let ticking: NodeJS.Timeout | undefined;
  try {
    // Service workers blocked: the set-up page must not be answered by the console's worker.
    browser = await openBenchBrowser(`${served.url}/bench/board-seed.html`, {
      viewport: VIEWPORT,
      blockServiceWorkers: true,
    });
    const { page } = browser;
    const { cursor, seeded } = await seedConsole(page, DISPATCHER);
    const seededLine = `${describeSeed(seeded)}; synced to seq ${cursor}`;
    log(`warm cache: ${seededLine}`);
    await page.goto(`${served.url}/`);
    await waitForMark(page, 'board:hydrated');
    const head = () => served.server.headSeq(ORGANIZATION);

    const field = fieldSimulator(served.url, stop.signal);
    let inFlight = 0;
    let skipped = 0;
    let ticks = 0;
    ticking = setInterval(() => {
      if (inFlight >= MAX_IN_FLIGHT) return void skipped++;
      inFlight++;
      ticks++;
      field
        .tick()
        .catch((error: Error) => log(`a simulator tick failed: ${error.message}`))
        .finally(() => inFlight--);
    }, PACE_MS);
    const startedAt = Date.now();
    const samples: Sample[] = [];
    let atBaseline: HeapCensus | undefined;
    const loads: string[] = [];
    for (let due = 0; due <= MINUTES * 60_000; due += SAMPLE_MS) {
      await sleep(Math.max(0, startedAt + due - Date.now()));
      const sample = {
        at: Date.now() - startedAt,
        heap: await heapAfterGc(page),
        head: await head(),
        census: (await page.evaluate(CENSUS)) as Census,
      };
      samples.push(sample);
      if (SNAPSHOTS && !atBaseline && sample.at >= BASELINE_AT_MS) {
        await mkdir(SNAPSHOTS, { recursive: true });
        atBaseline = await snapshotHeap(page, SNAPSHOTS, 'baseline');
      }
      loads.push(
        loadavg()
          .map((value) => value.toFixed(2))
          .join(' '),
      );
      log(
        `${fmt(sample.at / 1000)} s: heap ${fmt(sample.heap / MB, 1)} MB after GC, ${fmt(sample.head - samples[0].head)} commits so far, ` +
          `${fmt(sample.census.elements)} elements, ${fmt(sample.census.fibers)} fibers, ${sample.census.queueCards} queue cards ` +
          `mounted, ${sample.census.offers} offers (load ${loads[loads.length - 1]})`,
      );
    }
    clearInterval(ticking);
    if (SNAPSHOTS && atBaseline) {
      const growth = heapGrowth(atBaseline, await snapshotHeap(page, SNAPSHOTS, 'end'));
      log(`grown from the baseline snapshot to the end (self size, count, kind):\n${growth.join('\n')}`);
    }
    const pace =
      `${fmt(ticks)} ticks started (${fmt(ticks / (MINUTES * 60), 2)}/s; ${fmt(skipped)} skipped while ${MAX_IN_FLIGHT} were under way) → ` +
      `${fmt(field.actions)} actions, ${fmt(field.refusals)} refused (a tick whose technician has no visit due does nothing)`;
    log(pace);
    return figures(samples, seededLine, loads, pace);
  } finally {
    clearInterval(ticking);
    stop.abort();
    await browser?.close();
    await served.close();
  }
}

/** The field simulator of `npm run simulate`: Acme's offers to CoolAir, CoolAir's technicians at work. */
function fieldSimulator(url: string, signal: AbortSignal): Simulator {
  const emails = (organizationId: string, role: 'enterprise' | 'technician') =>
    DEMO_USERS.filter((user) => user.organizationId === organizationId && user.roles.includes(role)).map(
      (user) => user.email,
    );
  return new Simulator({
    baseUrl: url,
    password: DEMO_PASSWORD,
    enterpriseEmail: emails(ACME, 'enterprise')[0],
    technicianEmails: emails(COOLAIR, 'technician'),
    providerId: COOLAIR,
    rng: seededRng(14),
    signal,
    print: () => undefined,
  });
}

/** Least-squares line through the samples: value at `x` and slope per ms, with the slope's standard error. */
function fit(points: { x: number; y: number }[]) {
  const n = points.length;
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / n;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / n;
  const sxx = points.reduce((sum, point) => sum + (point.x - meanX) ** 2, 0);
  const slope = points.reduce((sum, point) => sum + (point.x - meanX) * (point.y - meanY), 0) / sxx;
  const at = (x: number) => meanY + slope * (x - meanX);
  const residuals = points.reduce((sum, point) => sum + (point.y - at(point.x)) ** 2, 0);
  return { at, slope, slopeError: n > 2 ? Math.sqrt(residuals / (n - 2) / sxx) : Number.NaN };
}

function figures(samples: Sample[], seeded: string, loads: string[], pace: string): Figure[] {
  const first = samples.find((sample) => sample.at >= BASELINE_AT_MS) ?? samples[0];
  const last = samples[samples.length - 1];
  const minutes = last.at / 60_000;
  const line = fit(
    samples.filter((sample) => sample.at >= first.at).map((sample) => ({ x: sample.at, y: sample.heap })),
  );
  const start = line.at(first.at);
  const end = line.at(last.at);
  const growth = (end / start - 1) * 100;
  const commits = last.head - samples[0].head;
  const perMinute = (slope: number) => (slope * 60_000) / MB;
  return [
    {
      name: `renderer JS heap after GC, board open, ${fmt(minutes, 1)} min of live changes (simulator × 10)`,
      unit: 'MB',
      median: end / MB,
      runs: [end / MB],
      baseline: start / MB,
      baselineName: `the same line at ${fmt(first.at / 1000)} s`,
      budget: { ratioAtMost: BUDGET_RATIO },
      note:
        `One run. The console (built as by npm run build, Chromium headless, on-disk IndexedDB holding ${seeded}) shows the board ` +
        `while the field simulator ticks every ${PACE_MS} ms (ten times its own pace; about one tick in five an offer, the rest ` +
        `technicians' status steps while they have visits due): ${pace}; ${fmt(commits)} commits in the office's log ` +
        `(${fmt(commits / minutes, 1)} a minute). Heap after CDP HeapProfiler.collectGarbage ×2 every ${fmt(SAMPLE_MS / 1000)} s: ` +
        `${samples.map((sample) => fmt(sample.heap / MB, 1)).join(', ')} MB. The figure and its baseline are a least-squares line ` +
        `through the samples from ${fmt(first.at / 1000)} s on, at the end and at ${fmt(first.at / 1000)} s: ` +
        `${fmt(perMinute(line.slope), 2)} ± ${fmt(perMinute(line.slopeError), 2)} MB a minute (± one standard error); the raw samples ` +
        `there read ${fmt(first.heap / MB, 1)} → ${fmt(last.heap / MB, 1)} MB (${fmt((last.heap / first.heap - 1) * 100, 1)} %). Budget: ` +
        `growth ≤ 5 % after the first minute (ratio ≤ ${BUDGET_RATIO}); heading for flat (docs/ARCHITECTURE.md §8). Load averages at ` +
        `the samples: ${loads[0]} … ${loads[loads.length - 1]}.`,
    },
    {
      name: 'renderer JS heap growth after the first minute (fitted line)',
      unit: '%',
      median: growth,
      runs: [growth],
    },
  ];
}
