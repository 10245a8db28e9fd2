/**
 * Cold start (issue 14, docs/ARCHITECTURE.md §8: ≤ 1.5 s): from launching the console in web mode — Chromium
 * started on a profile whose service worker has the console cached and whose IndexedDB holds the warm cache
 * (300 technicians, 3,000 appointments today, 20,000 jobs) — to the board painted with data (`board:painted`).
 * Baseline, in the same run, alternating: the same Chromium launched on a fresh profile to a static page of one
 * line painted (what any web page pays before its own code runs).
 *
 * Set-up (untimed): the console and the bench's pages served by the sync server in a process of its own; a first launch
 * on the profile opens the set-up page (no service worker yet), signs in, syncs and seeds, then opens the console,
 * which registers its service worker, and reloads it once under the worker's control; the browser is closed.
 * Each run then relaunches Chromium on that profile and times `launch → board:painted` against the wall clock
 * (the page's `performance.timeOrigin` + its mark, the same system clock as this process's `Date.now()`).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { waitForMark } from './support/boardPage';
import { launchChromium, openBenchBrowser } from './support/browserPage';
import { describeSeed, seedConsole, serveConsole } from './support/consoleSetup';
import type { Figure } from './support/figures';
import { median } from './support/stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const VIEWPORT = { width: 1920, height: 1080 };
const DISPATCHER = 'dispatcher@demo.test';
const BUDGET_MS = 1_500;
/** The baseline's page: one line of text, painted in the first animation frame. */
const BLANK_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="UTF-8" /><title>Cold start baseline</title></head>
<body><p>Dispatch Console</p><script>requestAnimationFrame(() => performance.mark('blank:painted'));</script></body></html>
`;

/**
 * The page's service worker container, as page.evaluate callbacks reach it (they run in the page, so they cannot
 * call a function of this file, and this file is type-checked without the DOM's types).
 */
type PageGlobal = {
  navigator: { serviceWorker?: { controller: unknown; ready: Promise<unknown> } };
  document: { querySelector(selector: string): unknown };
};

const log = (text: string) => process.stderr.write(`[bench/cold-start] ${text}\n`);
const fmt = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 0 });

interface Launch {
  /** launch → the painted mark, wall clock. */
  total: number;
  /** launch → Playwright has the browser (process started, profile opened). */
  browser: number;
  /** launch → the page's navigation start. */
  navigation: number;
  /** navigation start → render-start (code loaded and run, database opened); the console only. */
  code?: number;
  /** render-start → board:painted; the console only. */
  paint?: number;
  /** navigation start → app:start (the bundle loaded and its imports run: main.tsx's first line); the console only. */
  bundle?: number;
  /** app:start → db:opened (the local database and the sync client open); the console only. */
  database?: number;
  /** Whether the service worker answered the navigation. */
  controlled: boolean;
  /** The console only: whether its board drew the saved screen (`data-first-screen`). */
  savedScreen?: boolean;
}

async function pageTimes(page: Page, mark: string) {
  await waitForMark(page, mark, 60_000);
  return page.evaluate(
    (name) => ({
      origin: performance.timeOrigin,
      painted: performance.getEntriesByName(name)[0].startTime,
      renderStart: performance.getEntriesByName('render-start')[0]?.startTime ?? null,
      appStart: performance.getEntriesByName('app:start')[0]?.startTime ?? null,
      dbOpened: performance.getEntriesByName('db:opened')[0]?.startTime ?? null,
      controlled: (globalThis as unknown as PageGlobal).navigator.serviceWorker?.controller != null,
      savedScreen: (globalThis as unknown as PageGlobal).document.querySelector('[data-first-screen="saved"]') !== null,
    }),
    mark,
  );
}

/** Launches Chromium on `profile`, opens `url`, and times it until `mark`. */
async function launchAndTime(profile: string, url: string, mark: string): Promise<Launch> {
  const launchedAt = Date.now();
  let context: BrowserContext | undefined;
  try {
    context = await launchChromium(profile, { viewport: VIEWPORT });
    const browser = Date.now() - launchedAt;
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url, { waitUntil: 'commit' });
    const times = await pageTimes(page, mark);
    const navigation = times.origin - launchedAt;
    return {
      total: times.origin + times.painted - launchedAt,
      browser,
      navigation,
      code: times.renderStart === null ? undefined : times.renderStart,
      paint: times.renderStart === null ? undefined : times.painted - times.renderStart,
      bundle: times.appStart ?? undefined,
      database: times.appStart === null || times.dbOpened === null ? undefined : times.dbOpened - times.appStart,
      controlled: times.controlled,
      savedScreen: times.savedScreen,
    };
  } finally {
    await context?.close();
  }
}

export async function run(): Promise<Figure[]> {
  const served = await serveConsole();
  const profile = await mkdtemp(join(tmpdir(), 'dispatch-bench-cold-profile-'));
  try {
    await writeFile(join(served.pageDir, 'bench', 'blank.html'), BLANK_PAGE);
    // First launch: the set-up page before any service worker exists (it would answer /bench/ with the console).
    const setup = await openBenchBrowser(`${served.url}/bench/board-seed.html`, { viewport: VIEWPORT, profile });
    let seededLine: string;
    try {
      const { cursor, seeded } = await seedConsole(setup.page, DISPATCHER);
      seededLine = `${describeSeed(seeded)}; synced to seq ${cursor}`;
      log(`warm cache: ${seededLine}`);
      await setup.page.goto(`${served.url}/`);
      await waitForMark(setup.page, 'board:painted');
      await setup.page.evaluate(async () => {
        await (globalThis as unknown as PageGlobal).navigator.serviceWorker!.ready;
      });
      // The first visit is claimed at once; a reload proves navigations go through the worker and warms its cache.
      await setup.page.reload();
      await waitForMark(setup.page, 'board:painted');
      const controlled = await setup.page.evaluate(
        () => (globalThis as unknown as PageGlobal).navigator.serviceWorker?.controller != null,
      );
      if (!controlled) throw new Error('the console did not come under its service worker');
      await waitForMark(setup.page, 'board:hydrated');
      // The board's saved screen (renderer/data/savedScreen.ts), as a console used today has one: drawn by this
      // open, or saved by it a second after its paint.
      await setup.page.waitForFunction(
        () =>
          (globalThis as unknown as PageGlobal).document.querySelector('[data-first-screen="saved"]') !== null ||
          performance.getEntriesByName('board:screen-saved').length > 0,
      );
    } finally {
      await setup.close();
    }

    const consoles: Launch[] = [];
    const blanks: Launch[] = [];
    const loads: string[] = [];
    for (let index = 0; index < RUNS; index++) {
      loads.push(
        loadavg()
          .map((value) => value.toFixed(2))
          .join(' '),
      );
      const order = index % 2 === 0 ? (['console', 'blank'] as const) : (['blank', 'console'] as const);
      for (const side of order) {
        if (side === 'console') {
          const launch = await launchAndTime(profile, `${served.url}/`, 'board:painted');
          if (!launch.controlled) throw new Error('a relaunched console was not served by its service worker');
          consoles.push(launch);
        } else {
          const fresh = await mkdtemp(join(tmpdir(), 'dispatch-bench-cold-blank-'));
          try {
            blanks.push(await launchAndTime(fresh, `${served.url}/bench/blank.html`, 'blank:painted'));
          } finally {
            await rm(fresh, { recursive: true, force: true });
          }
        }
      }
      const launch = consoles[consoles.length - 1];
      const blank = blanks[blanks.length - 1];
      log(
        `run ${index + 1}/${RUNS} (load ${loads[index]}): launch → board painted ${fmt(launch.total)} ms ` +
          `(browser ${fmt(launch.browser)}, navigation at ${fmt(launch.navigation)}, code ${fmt(launch.code ?? 0)}: bundle ${fmt(launch.bundle ?? 0)}, ` +
          `database ${fmt(launch.database ?? 0)}, ` +
          `render-start → painted ${fmt(launch.paint ?? 0)}) vs blank page ${fmt(blank.total)} ms`,
      );
    }
    return figures(consoles, blanks, seededLine, loads);
  } finally {
    await rm(profile, { recursive: true, force: true });
    await served.close();
  }
}

function figures(consoles: Launch[], blanks: Launch[], seeded: string, loads: string[]): Figure[] {
  const side = (pick: (launch: Launch) => number, baseline = true) => ({
    median: median(consoles.map(pick)),
    runs: consoles.map(pick),
    ...(baseline ? { baseline: median(blanks.map(pick)) } : {}),
  });
  return [
    {
      name: 'cold start: launch → board painted with data (web mode, service worker, warm cache)',
      unit: 'ms',
      ...side((launch) => launch.total),
      baselineName: 'Chromium launched to a one-line page',
      budget: { atMost: BUDGET_MS },
      note:
        `Chromium (headless, ${VIEWPORT.width}×${VIEWPORT.height}) started on a profile whose service worker has the console cached ` +
        `and whose IndexedDB holds ${seeded}; from before the launch to the board's own board:painted mark (every lane on ` +
        `screen drew its appointments), the sync server up. Every run's navigation was answered by the service worker, and ` +
        `${consoles.filter((launch) => launch.savedScreen).length} of ${consoles.length} boards drew the screen saved at the ` +
        `profile's set-up (its sync cursor unchanged since; bench/README.md, board). The ` +
        `operating system's file cache is warm (the bench cannot drop it on a shared machine). Heading for ≤ 1,000 ms ` +
        `(docs/ARCHITECTURE.md §8). Load averages at each run's start: ${loads.join('; ')}.`,
    },
    {
      name: 'cold start: launch → browser ready (process started, profile opened)',
      unit: 'ms',
      ...side((launch) => launch.browser),
      baselineName: 'fresh profile',
    },
    {
      name: 'cold start: launch → navigation start',
      unit: 'ms',
      ...side((launch) => launch.navigation),
      baselineName: 'fresh profile',
    },
    {
      name: 'cold start: navigation start → render-start (code, database open)',
      unit: 'ms',
      ...side((launch) => launch.code ?? Number.NaN, false),
    },
    {
      name: 'cold start: navigation start → app:start (bundle loaded, its imports run)',
      unit: 'ms',
      ...side((launch) => launch.bundle ?? Number.NaN, false),
    },
    {
      name: 'cold start: app:start → db:opened (local database and sync client open)',
      unit: 'ms',
      ...side((launch) => launch.database ?? Number.NaN, false),
    },
    {
      name: 'cold start: render-start → board:painted',
      unit: 'ms',
      ...side((launch) => launch.paint ?? Number.NaN, false),
    },
  ];
}
