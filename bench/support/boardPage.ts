/**
 * Browser-side helpers of the board bench (bench/board.ts): building the console and the bench's own
 * pages into one folder the sync server serves, and measuring a page through Playwright and CDP —
 * first-paint marks, frame times while a pointer drags, JS heap after a GC, a CPU profile.
 */
import type { Page } from '@playwright/test';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type InlineConfig } from 'vite';
import { cpuSnapshot } from './browserPage';

const PAGE_ROOT = resolve(import.meta.dirname, '../browser');

/**
 * The console exactly as `npm run build` builds its renderer (electron.vite.config.ts), into a fresh
 * folder, with the bench's pages (set-up, FullCalendar) under /bench/ — one origin, so they share the
 * console's IndexedDB. `minify: false` keeps function names readable in CPU profiles; otherwise the console is
 * minified as it ships (the renderer's own `build.minify`), so the bench measures what users run.
 */
export async function buildBoardPages(minify: boolean): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'dispatch-bench-board-'));
  const config = (await import('../../electron.vite.config')).default as unknown as { renderer: InlineConfig };
  const renderer = config.renderer;
  await build({
    ...renderer,
    configFile: false,
    logLevel: 'silent',
    build: { ...renderer.build, outDir, emptyOutDir: true, ...(minify ? {} : { minify: false }) },
  });
  await build({
    root: PAGE_ROOT,
    base: '/bench/',
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir: join(outDir, 'bench'),
      emptyOutDir: true,
      minify,
      chunkSizeWarningLimit: 4_000,
      rolldownOptions: {
        input: { seed: join(PAGE_ROOT, 'board-seed.html'), fullcalendar: join(PAGE_ROOT, 'fullcalendar.html') },
      },
    },
  });
  return outDir;
}

/**
 * Installed before any page script: once the page marks its own "painted" (board:painted or fc:painted,
 * both taken in the animation frame that draws), marks 'bench:painted' in the next frame — after that
 * frame's style, layout and paint — so both sides are timed to the same point.
 */
export const PAINT_OBSERVER = `
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if ((entry.name === 'board:painted' || entry.name === 'fc:painted') && performance.getEntriesByName('bench:painted').length === 0) {
        requestAnimationFrame(() => performance.mark('bench:painted'));
      }
    }
  }).observe({ type: 'mark' });
  // Long animation frames until then, with what ran in them: where a slow first paint went (profile mode prints them).
  globalThis.benchPaintFrames = [];
  try {
    new PerformanceObserver((list) => {
      if (performance.getEntriesByName('bench:painted').length) return;
      for (const entry of list.getEntries()) {
        globalThis.benchPaintFrames.push({
          start: entry.startTime,
          duration: entry.duration,
          styleAndLayout: entry.styleAndLayoutStart ? entry.duration - (entry.styleAndLayoutStart - entry.startTime) : 0,
          scripts: entry.scripts
            .map((script) => ({ what: script.invoker + (script.sourceFunctionName ? ' ' + script.sourceFunctionName : ''), duration: script.duration }))
            .sort((a, b) => b.duration - a.duration)
            .slice(0, 3),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // No long-animation-frame entries in this browser.
  }
`;

export interface PaintFrame {
  start: number;
  duration: number;
  styleAndLayout: number;
  scripts: { what: string; duration: number }[];
}

/** The long animation frames from navigation to the first paint (see PAINT_OBSERVER). */
export async function paintFrames(page: Page): Promise<PaintFrame[]> {
  return ((await page.evaluate('globalThis.benchPaintFrames')) as PaintFrame[]).sort((a, b) => a.start - b.start);
}

/** Frames of the page left alone for `ms`: what the machine gives an idle page, the drags' yardstick. */
export async function framesAtRest(page: Page, ms: number): Promise<FrameSample> {
  const cpu = await startFrames(page);
  await page.waitForTimeout(ms);
  return stopFrames(page, cpu);
}

export interface PaintMarks {
  /** render-start → the page's own painted mark. */
  painted: number;
  /** render-start → the frame after it. */
  framed: number;
  /** navigation start → the page's own painted mark (loading the code, opening the database included). */
  fromNavigation: number;
  /**
   * CPU time (ms, user + system) that Chromium's processes (renderer, GPU, browser with IndexedDB, …) and
   * this bench process used from just before the navigation to the frame after the painted mark: what the
   * paint cost, which other load on the machine stretches much less than the wall-clock figures.
   */
  cpu: number;
}

function markTime(page: Page, name: string): Promise<number | null> {
  return page.evaluate((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? null, name);
}

export async function waitForMark(page: Page, name: string, timeoutMs = 120_000): Promise<number> {
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, name, {
    timeout: timeoutMs,
    polling: 50,
  });
  return (await markTime(page, name))!;
}

/** Navigates to `url` and waits for `paintedMark` and the frame after it. */
export async function loadAndTimePaint(page: Page, url: string, paintedMark: string): Promise<PaintMarks> {
  const before = cpuSnapshot();
  await page.goto(url);
  const framed = await waitForMark(page, 'bench:painted');
  const cpu = (cpuSnapshot().ours - before.ours) * 1000;
  const painted = (await markTime(page, paintedMark))!;
  const start = await markTime(page, 'render-start');
  if (start === null) throw new Error(`${url} marked ${paintedMark} without render-start`);
  return { painted: painted - start, framed: framed - start, fromNavigation: painted, cpu };
}

export interface FrameSample {
  /** ms between consecutive animation frames (their rAF timestamps). */
  frames: number[];
  /** Durations of long animation frames (> 50 ms), as the page's PerformanceObserver saw them. */
  longFrames: number[];
  /** Durations of long tasks (> 50 ms). */
  longTasks: number[];
  /** CPU ms Chromium's processes and this process used meanwhile (see PaintMarks.cpu). */
  cpu: number;
}

/**
 * In-page frame sampler, as source text (it runs in the browser, not under this file's Node types):
 * every requestAnimationFrame timestamp, and long animation frames and long tasks as observed.
 */
const START_FRAMES = `(() => {
  const state = { frames: [], longFrames: [], longTasks: [], last: 0, running: true, observers: [] };
  const tick = (time) => {
    if (!state.running) return;
    if (state.last) state.frames.push(time - state.last);
    state.last = time;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  for (const [type, into] of [['long-animation-frame', state.longFrames], ['longtask', state.longTasks]]) {
    try {
      const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => into.push(entry.duration)));
      observer.observe({ type });
      state.observers.push({ observer, into });
    } catch {
      // Not supported by this browser: the list stays empty.
    }
  }
  globalThis.benchFrames = state;
})()`;

const STOP_FRAMES = `(() => {
  const state = globalThis.benchFrames;
  state.running = false;
  // Entries not yet delivered to the callbacks are taken here.
  for (const { observer, into } of state.observers) {
    observer.takeRecords().forEach((entry) => into.push(entry.duration));
    observer.disconnect();
  }
  return { frames: state.frames, longFrames: state.longFrames, longTasks: state.longTasks };
})()`;

async function startFrames(page: Page): Promise<number> {
  await page.evaluate(START_FRAMES);
  return cpuSnapshot().ours;
}

async function stopFrames(page: Page, cpuBefore: number): Promise<FrameSample> {
  const sample = (await page.evaluate(STOP_FRAMES)) as Omit<FrameSample, 'cpu'>;
  return { ...sample, cpu: (cpuSnapshot().ours - cpuBefore) * 1000 };
}

export interface Point {
  x: number;
  y: number;
}

export interface Rect extends Point {
  width: number;
  height: number;
}

export interface DragPlan {
  /** Where the pointer takes hold of a block. */
  grab: Point;
  /** The lanes' visible area the pointer sweeps through (top to bottom and back, `sweeps` times, zigzagging in x). */
  area: Rect;
  /** Where the pointer lets go: off every lane, so nothing is committed. */
  release: Point;
  moves: number;
  sweeps: number;
  /** ms between pointer moves: a mouse reports at 60–125 Hz. */
  intervalMs: number;
  /** false: the same path without pressing the button (hover only) — what the input pipeline alone costs. */
  press?: boolean;
}

/**
 * Drags with real input events (Playwright's mouse through CDP; in Chromium a native HTML5 drag once it
 * starts, plain mouse events otherwise) and samples the page's animation frames while the pointer sweeps
 * across the lanes.
 */
export async function dragAcrossLanes(page: Page, plan: DragPlan): Promise<FrameSample> {
  const { grab, area, release } = plan;
  const press = plan.press ?? true;
  await page.mouse.move(grab.x, grab.y);
  if (press) await page.mouse.down();
  // Past both libraries' drag thresholds, so the drag has started before the sample does.
  for (let step = 1; step <= 4; step++) await page.mouse.move(grab.x + step * 3, grab.y + step * 2);
  const cpu = await startFrames(page);
  const startedAt = Date.now();
  for (let move = 0; move < plan.moves; move++) {
    const progress = (move / plan.moves) * plan.sweeps;
    const phase = progress % 1;
    const down = Math.floor(progress) % 2 === 0;
    const y = area.y + area.height * (down ? phase : 1 - phase);
    const x = area.x + area.width * (0.5 + 0.4 * Math.sin(move / 9));
    const due = startedAt + move * plan.intervalMs;
    if (Date.now() < due) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    await page.mouse.move(x, y);
  }
  const sample = await stopFrames(page, cpu);
  await page.mouse.move(release.x, release.y, { steps: 2 });
  if (press) await page.mouse.up();
  return sample;
}

/** The page's used JS heap after a full GC (CDP HeapProfiler.collectGarbage, Runtime.getHeapUsage), bytes. */
export async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await cdp.detach();
  }
}

/** A CPU profile of the page (CDP Profiler) around `work`, written to `<dir>/<name>/page.cpuprofile`; returns that folder. */
export async function profilePage<T>(
  page: Page,
  dir: string,
  name: string,
  work: () => Promise<T>,
): Promise<{ result: T; folder: string }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const result = await work();
    const { profile } = await cdp.send('Profiler.stop');
    const folder = join(dir, name);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'page.cpuprofile'), JSON.stringify(profile));
    return { result, folder };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
