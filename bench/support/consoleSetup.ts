/**
 * What the browser benches (board, cold-start, drop, soak) set up the same way, untimed: the console built as
 * `npm run build` builds it with the bench's pages under /bench/, served by the real sync server in a process of
 * its own as deployed (serverChild.ts; demo loaded), and a console's IndexedDB signed in, synced and topped up to
 * the warm cache of docs/ARCHITECTURE.md §8 through the set-up page (bench/browser/boardSeed.mts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { buildBoardPages } from './boardPage';
import { pageCaller } from './browserPage';
import type { BoardSeedPage, BoardSeedResult, BoardSeedSpec } from './boardProtocol';
import { ServerChild } from './serverChild';

export const PASSWORD = 'demo1234';

/** The warm cache of docs/ARCHITECTURE.md §8 (issue 4), sizes from BENCH_TECHNICIANS, BENCH_APPOINTMENTS, BENCH_JOBS. */
export const SEED_SPEC: BoardSeedSpec = {
  technicians: Number(process.env.BENCH_TECHNICIANS ?? 300),
  appointmentsToday: Number(process.env.BENCH_APPOINTMENTS ?? 3_000),
  jobs: Number(process.env.BENCH_JOBS ?? 20_000),
  // The board's default working hours (renderer/board/settings.ts).
  startHour: 7,
  endHour: 19,
};

/** Calls a method of the set-up page's `window.bench` (bench/browser/boardSeed.mts). */
export const callSeedPage = pageCaller<BoardSeedPage>();

export interface ServedConsole {
  url: string;
  server: ServerChild;
  /** The built console and bench pages (to add a static page beside them). */
  pageDir: string;
  close(): Promise<void>;
}

/** Builds the console and the bench pages and serves them from a fresh sync server with the demo loaded. */
export async function serveConsole(minify = true): Promise<ServedConsole> {
  const undo: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const step of undo.reverse()) await step().catch(() => undefined);
  };
  try {
    const pageDir = await buildBoardPages(minify);
    undo.push(() => rm(pageDir, { recursive: true, force: true }));
    const dataDir = await mkdtemp(join(tmpdir(), 'dispatch-bench-console-data-'));
    undo.push(() => rm(dataDir, { recursive: true, force: true }));
    const server = await ServerChild.start(dataDir, pageDir);
    undo.push(() => server.stop());
    return { url: server.url, server, pageDir, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** On the set-up page: signs `email` in, syncs once, and tops the console's database up to `spec`. */
export async function seedConsole(
  page: Page,
  email: string,
  spec: BoardSeedSpec = SEED_SPEC,
): Promise<{ cursor: number; seeded: BoardSeedResult }> {
  await callSeedPage(page, 'signIn', email, PASSWORD);
  const { cursor } = await callSeedPage(page, 'sync');
  const seeded = await callSeedPage(page, 'seed', spec);
  return { cursor, seeded };
}

const fmt = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 0 });

/** One line for the log and the notes: what the cache holds. */
export const describeSeed = (seeded: BoardSeedResult) =>
  `${fmt(seeded.technicians)} technicians, ${fmt(seeded.appointmentsToday)} appointments today, ${fmt(seeded.jobs)} jobs, ` +
  `${fmt(seeded.appointments)} appointments, ${fmt(seeded.customers)} customers (seeded in ${fmt(seeded.ms)} ms)`;
