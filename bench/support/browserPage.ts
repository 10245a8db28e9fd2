import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'vite';
import { DEMO_TIME_ZONE } from '../../server/demoData/calendar';

export const CHROMIUM = '/usr/bin/chromium';
const PAGE_ROOT = resolve(import.meta.dirname, '../browser');

/**
 * Builds bench/browser into a fresh temporary folder (index.html + assets) and returns the folder. `minify: false`
 * keeps function names readable in a CPU profile.
 */
export async function buildBenchPage(options: { minify?: boolean } = {}): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'dispatch-bench-page-'));
  await build({
    root: PAGE_ROOT,
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir,
      emptyOutDir: true,
      chunkSizeWarningLimit: 4_000,
      minify: options.minify ?? true,
      sourcemap: false,
    },
  });
  return outDir;
}

/** Chromium's switches for every bench: headless on a GPU-less, shared machine, nothing fetched in the background. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-dev-shm-usage',
];

/**
 * Chromium features every bench browser turns off, beside Playwright's own list. Chromium 156's headless mode still
 * builds the browser's window and preloads the address bar's suggestion popup as a WebUI page in a renderer of its
 * own (chrome://omnibox-popup.top-chrome, a Lit application): in a trace of a cold start here, that renderer's main
 * thread ran ~1.5 s in the first two seconds after the launch, on the same two cores as the console being timed. A
 * headless browser never shows the popup, and the desktop app (Electron) has no address bar.
 */
const DISABLED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup'];

let featureSwitches: Promise<{ playwrights: string; merged: string }> | undefined;

/**
 * Playwright's own `--disable-features=…` switch and one that adds DISABLED_FEATURES to it. Chromium honours only
 * the last `--disable-features` on its command line, so a second one would silently undo Playwright's list; the
 * launch drops Playwright's switch (`ignoreDefaultArgs`, which matches whole arguments) and passes the merged one.
 * Playwright does not export its list, so it is read once off a browser it launches (`/proc/<pid>/cmdline`).
 */
function disableFeatureSwitches() {
  featureSwitches ??= (async () => {
    const server = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    try {
      const pid = server.process().pid;
      const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
      const playwrights = argv.filter((arg) => arg.startsWith('--disable-features='));
      if (playwrights.length !== 1) {
        throw new Error(`expected one --disable-features switch from Playwright, found ${playwrights.length}`);
      }
      const features = playwrights[0].slice('--disable-features='.length).split(',').filter(Boolean);
      const merged = `--disable-features=${[...new Set([...features, ...DISABLED_FEATURES])].join(',')}`;
      return { playwrights: playwrights[0], merged };
    } finally {
      await server.close();
    }
  })();
  return featureSwitches;
}

/**
 * Launches Debian's Chromium, headless, on the profile folder `profile` (kept on disk, so IndexedDB, the service
 * worker and its cache outlive the browser). `jsFlags` go to V8 (`--js-flags=…`).
 */
export async function launchChromium(
  profile: string,
  options: { viewport?: { width: number; height: number }; blockServiceWorkers?: boolean; jsFlags?: string } = {},
): Promise<BrowserContext> {
  const features = await disableFeatureSwitches();
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // The board bench serves pages beside the console: its service worker would answer them with the console.
    ...(options.blockServiceWorkers ? { serviceWorkers: 'block' as const } : {}),
    ...(options.viewport ? { viewport: options.viewport } : {}),
    // The pages' local day is the demo office's: the board shows the office's today, and the bench's seed and
    // FullCalendar place "today" by the page's clock. On the machine's zone (UTC here) the two part between
    // UTC's midnight and the office's, and the board shows a day without the seeded visits.
    timezoneId: DEMO_TIME_ZONE,
    ignoreDefaultArgs: [features.playwrights],
    args: [...CHROMIUM_ARGS, features.merged, ...(options.jsFlags ? [`--js-flags=${options.jsFlags}`] : [])],
  });
}

export interface BenchBrowser {
  page: Page;
  version: string;
  close(): Promise<void>;
}

/**
 * Debian's Chromium, headless, with a real profile folder on disk: a Playwright default context is
 * off the record, and its IndexedDB would live in memory — not what a console's disk does.
 */
export async function openBenchBrowser(
  url: string,
  options: {
    viewport?: { width: number; height: number };
    blockServiceWorkers?: boolean;
    /** A profile folder of the caller's, left in place on close (a relaunch finds its IndexedDB and service worker). */
    profile?: string;
  } = {},
): Promise<BenchBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is not installed; the client bench needs a real Chromium.`);
  const owned = !options.profile;
  const profile = options.profile ?? (await mkdtemp(join(tmpdir(), 'dispatch-bench-profile-')));
  let context: BrowserContext | undefined;
  try {
    context = await launchChromium(profile, options);
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await page
      .waitForFunction(() => 'bench' in globalThis, undefined, { timeout: 30_000 })
      .catch((error: Error) => {
        throw new Error(`the bench page did not start: ${errors.join('; ') || error.message}`);
      });
    const agent = await page.evaluate(
      () => (globalThis as unknown as { navigator: { userAgent: string } }).navigator.userAgent,
    );
    const version = `Chromium ${/Chrome\/([\d.]+)/.exec(agent)?.[1] ?? agent} (${CHROMIUM}, headless)`;
    const opened = context;
    return {
      page,
      version,
      async close() {
        await opened.close();
        if (owned) await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close();
    if (owned) await rm(profile, { recursive: true, force: true });
    throw error;
  }
}

/** CPU seconds so far: the whole machine (all cores, busy time) and this process with all its descendants. */
export interface CpuSnapshot {
  machine: number;
  ours: number;
  at: number;
}

const CLOCK_TICKS = 100;

/**
 * Other work on the machine skews every figure here (IndexedDB is CPU-bound on two cores), so the
 * bench reports how much CPU other processes took while it ran. Linux /proc only; zeros elsewhere.
 */
export function cpuSnapshot(): CpuSnapshot {
  const at = performance.now();
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: busy is everything but idle and iowait.
    const machine = (line[0] + line[1] + line[2] + line[5] + line[6] + line[7]) / CLOCK_TICKS;
    const parents = new Map<number, number>();
    const used = new Map<number, number>();
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        parents.set(Number(name), Number(fields[1]));
        used.set(Number(name), (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
      } catch {
        // The process ended meanwhile.
      }
    }
    const isOurs = (pid: number): boolean => {
      for (let current = pid, hops = 0; current > 1 && hops < 64; current = parents.get(current) ?? 0, hops++) {
        if (current === process.pid) return true;
      }
      return false;
    };
    let ours = 0;
    for (const [pid, seconds] of used) if (isOurs(pid)) ours += seconds;
    return { machine, ours, at };
  } catch {
    return { machine: 0, ours: 0, at };
  }
}

/** % of one core that other processes used between two snapshots. */
export function othersCpuPercent(from: CpuSnapshot, to: CpuSnapshot): number {
  const seconds = (to.at - from.at) / 1000;
  return seconds > 0 ? Math.max(0, ((to.machine - from.machine - (to.ours - from.ours)) / seconds) * 100) : 0;
}

/** A bench page's `window.bench`: its methods, called from the bench through page.evaluate. */
type BenchMethods<P> = { [K in keyof P]: (...args: never[]) => unknown };

/**
 * A typed caller of the methods a bench page puts on `window.bench` (bench/browser): `pageCaller<BenchPage>()`
 * gives `(page, 'flush', …args)`, checked against the page's interface, resolving with the method's result.
 */
export function pageCaller<P extends BenchMethods<P>>() {
  return <K extends keyof P & string>(page: Page, method: K, ...args: Parameters<P[K]>): ReturnType<P[K]> =>
    page.evaluate(
      ([name, values]) =>
        (
          (globalThis as unknown as { bench: Record<string, (...input: unknown[]) => unknown> }).bench[name] as (
            ...input: unknown[]
          ) => unknown
        )(...values),
      [method, args] as [string, unknown[]],
    ) as ReturnType<P[K]>;
}
