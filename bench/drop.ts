/**
 * Drop → the second dispatcher's board (issue 14): dispatcher A drops a block on the board (a real drag through
 * CDP, pragmatic-drag-and-drop's native HTML5 drag), and dispatcher B's board, in another Chromium with its own
 * on-disk IndexedDB, paints the block at its new place — through the real sync server (A's outbox → push →
 * commit → broadcast → B's sync writes its database → B's live queries → render). p50 / p95 over the drops.
 *
 * Baseline, in the same run, alternating: the same `appointment.move` pushed by a bare socket.io client signed
 * in as A, timed to the `changes` broadcast reaching a bare socket.io client signed in as B (support/fanout.ts)
 * — the server and the wire alone, without either console's work.
 *
 * Timing: A's page notes the drop (a capturing `drop` listener; when the board asks "Schedule anyway?", the
 * click that confirms it) on its wall clock (`performance.timeOrigin + performance.now()`); B's page checks
 * the block's place in every animation frame and notes the first frame that shows it moved. Both pages run in
 * Chromium processes on this machine, on the same system clock.
 */
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from '@playwright/test';
import { waitForMark } from './support/boardPage';
import { openBenchBrowser, type BenchBrowser } from './support/browserPage';
import { callSeedPage, PASSWORD, serveConsole } from './support/consoleSetup';
import { fanOutLatencies } from './support/fanout';
import type { Figure } from './support/figures';
import { median, percentile } from './support/stats';
import { login, ORGANIZATION } from './support/syncClients';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Drops per run (and one-command pushes of the baseline per run). */
const DROPS = Number(process.env.BENCH_DROPS ?? 20);
/** Rest between drops, so each is timed on its own, not queued behind the last. */
const GAP_MS = 300;
const TIMEOUT_MS = 15_000;
const VIEWPORT = { width: 1920, height: 1080 };
const DISPATCHERS = ['dispatcher@demo.test', 'dispatcher2@demo.test'] as const;
/** How far each drop moves the block along its lane, alternately right and left (about half an hour). */
const STEP_PX = 70;

const log = (text: string) => process.stderr.write(`[bench/drop] ${text}\n`);
const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** In A's page before any script: when each drop (or its confirmation) happened, on the wall clock. */
const DROP_RECORDER = `
  globalThis.benchCommits = [];
  const at = () => performance.timeOrigin + performance.now();
  addEventListener('drop', () => globalThis.benchCommits.push({ what: 'drop', at: at() }), true);
  addEventListener('click', (event) => {
    const button = event.target && event.target.closest && event.target.closest('button');
    if (button && button.textContent.trim() === 'Schedule anyway') globalThis.benchCommits.push({ what: 'confirm', at: at() });
  }, true);
`;

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A movable block on A's board with room to move right and back, and where its lane's area is. */
async function pickBlock(page: Page): Promise<{ id: string; rect: Rect }> {
  const found = await page.evaluate((step) => {
    const doc = (
      globalThis as unknown as {
        document: {
          querySelectorAll(s: string): ArrayLike<{
            getAttribute(name: string): string | null;
            getBoundingClientRect(): Rect;
            closest(s: string): { querySelector(s: string): { getBoundingClientRect(): Rect } | null } | null;
          }>;
        };
      }
    ).document;
    for (const element of Array.from(doc.querySelectorAll('[data-appointment-id][data-movable="true"]'))) {
      const rect = element.getBoundingClientRect();
      const area = element.closest('[data-tech-id]')?.querySelector('[data-lane-area]')?.getBoundingClientRect();
      if (!area || rect.width < 30 || rect.y < 150 || rect.y + rect.height > 1000) continue;
      if (rect.x < area.x + 20 || rect.x + rect.width + step + 20 > area.x + area.width) continue;
      return { id: element.getAttribute('data-appointment-id')!, rect };
    }
    return null;
  }, STEP_PX);
  if (!found) throw new Error("no movable block with room to move on dispatcher A's board");
  return found;
}

const blockRect = (page: Page, id: string) =>
  page.evaluate((appointmentId) => {
    const doc = (
      globalThis as unknown as { document: { querySelector(s: string): { getBoundingClientRect(): Rect } | null } }
    ).document;
    return doc.querySelector(`[data-appointment-id="${appointmentId}"]`)?.getBoundingClientRect() ?? null;
  }, id);

/**
 * In B's page: resolves with the wall-clock time of the first animation frame where the block is no longer at `x`.
 * Source text, not a function: tsx would wrap the page's inner named functions in a helper the page does not have.
 */
function whenMovedOnB(page: Page, id: string, x: number): Promise<number> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const deadline = performance.now() + ${TIMEOUT_MS};
    const check = () => {
      const rect = document.querySelector('[data-appointment-id=${JSON.stringify(id)}]')?.getBoundingClientRect();
      if (rect && Math.abs(rect.x - ${x}) > 2) return resolve(performance.timeOrigin + performance.now());
      if (performance.now() > deadline) return reject(new Error("the block never moved on B's board"));
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })`) as Promise<number>;
}

/** Drags the block from where it is by `dx` along its lane, with real pointer input; answers a warning if asked. */
async function drop(page: Page, rect: Rect, dx: number): Promise<boolean> {
  const from = { x: rect.x + Math.min(12, rect.width / 3), y: rect.y + rect.height / 2 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let step = 1; step <= 8; step++) await page.mouse.move(from.x + (dx * step) / 8, from.y);
  await page.mouse.up();
  const dialog = page.getByRole('dialog', { name: 'Schedule anyway?' });
  const asked = await dialog
    .waitFor({ state: 'visible', timeout: 400 })
    .then(() => true)
    .catch(() => false);
  if (asked) await dialog.getByRole('button', { name: 'Schedule anyway' }).click();
  return asked;
}

async function openConsole(url: string, email: string): Promise<BenchBrowser> {
  // Service workers blocked: the set-up page must not be answered by the console's worker.
  const browser = await openBenchBrowser(`${url}/bench/board-seed.html`, {
    viewport: VIEWPORT,
    blockServiceWorkers: true,
  });
  await callSeedPage(browser.page, 'signIn', email, PASSWORD);
  await callSeedPage(browser.page, 'sync');
  await browser.page.goto(`${url}/`);
  await waitForMark(browser.page, 'board:hydrated');
  return browser;
}

/** One run of DROPS drops on A, each timed to B's paint. */
async function measureDrops(a: Page, b: Page): Promise<{ latencies: number[]; confirmed: number }> {
  const { id } = await pickBlock(a);
  const latencies: number[] = [];
  let confirmed = 0;
  for (let index = 0; index < DROPS; index++) {
    const onA = await blockRect(a, id);
    const onB = await blockRect(b, id);
    if (!onA || !onB) throw new Error(`block ${id} is not on both boards`);
    const seen = whenMovedOnB(b, id, onB.x);
    seen.catch(() => undefined);
    if (await drop(a, onA, index % 2 ? -STEP_PX : STEP_PX)) confirmed++;
    const paintedAt = await seen;
    const commits = (await a.evaluate('globalThis.benchCommits.splice(0)')) as { what: string; at: number }[];
    const committedAt = commits[commits.length - 1]?.at;
    if (committedAt === undefined) throw new Error('the drop was not seen on A (no drop event)');
    latencies.push(paintedAt - committedAt);
    // A's own command confirmed before the next drop.
    await a.waitForSelector('[data-sync-state][data-pending="0"]', { timeout: TIMEOUT_MS });
    await sleep(GAP_MS);
  }
  return { latencies, confirmed };
}

export async function run(): Promise<Figure[]> {
  const served = await serveConsole();
  const browsers: BenchBrowser[] = [];
  try {
    for (const email of DISPATCHERS) browsers.push(await openConsole(served.url, email));
    const [a, b] = browsers.map((browser) => browser.page);
    await a.addInitScript(DROP_RECORDER);
    await a.reload();
    await waitForMark(a, 'board:hydrated');
    const tokens = await Promise.all(DISPATCHERS.map((email) => login(served.url, email)));
    log(`two consoles on ${served.url} (${browsers[0].version}); ${DROPS} drops a run`);

    const drops: number[][] = [];
    const wires: number[][] = [];
    const loads: string[] = [];
    let confirmed = 0;
    for (let index = 0; index < RUNS; index++) {
      loads.push(
        loadavg()
          .map((value) => value.toFixed(2))
          .join(' '),
      );
      const order = index % 2 === 0 ? (['drop', 'wire'] as const) : (['wire', 'drop'] as const);
      for (const side of order) {
        if (side === 'drop') {
          const run = await measureDrops(a, b);
          drops.push(run.latencies);
          confirmed += run.confirmed;
        } else {
          wires.push(
            await fanOutLatencies(
              { pushUrl: served.url, pushToken: tokens[0], listenUrl: served.url, listenToken: tokens[1] },
              {
                organizationId: ORGANIZATION,
                technicianId: 'u-tech1',
                samples: DROPS,
                gapMs: GAP_MS,
                timeoutMs: TIMEOUT_MS,
                tag: `drop-${Date.now().toString(36)}-${index}`,
              },
            ),
          );
        }
      }
      const [last, wire] = [drops[drops.length - 1], wires[wires.length - 1]];
      log(
        `run ${index + 1}/${RUNS} (load ${loads[index]}): drop → B painted p50 ${fmt(percentile(last, 50))} ms, p95 ${fmt(percentile(last, 95))} ms; ` +
          `bare push → broadcast p50 ${fmt(percentile(wire, 50), 1)} ms, p95 ${fmt(percentile(wire, 95), 1)} ms`,
      );
    }
    return [50, 95].map((p) => ({
      name: `drop on the board → the second dispatcher's board painted with it, p${p}`,
      unit: 'ms',
      median: median(drops.map((run) => percentile(run, p))),
      runs: drops.map((run) => percentile(run, p)),
      baseline: median(wires.map((run) => percentile(run, p))),
      baselineName: 'the same move, bare socket push → broadcast at a bare socket of B',
      note:
        p === 50
          ? `Two Chromiums (headless, ${VIEWPORT.width}×${VIEWPORT.height}, on-disk IndexedDB), dispatcher@ and dispatcher2@ on the demo's ` +
            `board, the sync server (SQLite) in a process of its own. ${DROPS} drops a run, ${GAP_MS} ms apart, each moving one block ~${STEP_PX} px ` +
            `along its lane and back; from A's drop event (or its "Schedule anyway" click: ${confirmed} of ${DROPS * RUNS} drops asked) ` +
            `to the first animation frame in which B's board shows the block moved. Percentiles per run, median of runs. No budget ` +
            `in issue 14. Load averages at each run's start: ${loads.join('; ')}.`
          : undefined,
    }));
  } finally {
    for (const browser of browsers) await browser.close().catch(() => undefined);
    await served.close();
  }
}
