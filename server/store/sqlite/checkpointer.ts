import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The worker's whole program: its own connection to the database file, one PASSIVE checkpoint per request.
 * Kept as text and run with `eval`, so the worker needs no build step and no TypeScript loader (the server
 * runs under tsx); the driver's path is the main thread's resolution, so both load the same better-sqlite3.
 */
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, walFrames: result.log, copied: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: String((error && error.message) || error) });
  }
});
`;

/** A commit group is a few dozen to a few hundred pages: a checkpoint after this many copies a few MB. */
export const COMMITS_PER_CHECKPOINT = 16;

/**
 * The writer's own automatic checkpoint, kept as a safety net: SQLite's, run by the connection that commits
 * once the WAL holds this many pages (64 MB). One round of the thread lets the WAL reach ~5,000 pages under
 * the server bench's load (16 commits of ~300 pages), so this fires only when the thread fails or falls far
 * behind; SQLite's default (1,000) comes back if the thread fails.
 */
export const WRITER_CHECKPOINT_PAGES = 16_000;
const SQLITE_DEFAULT_CHECKPOINT_PAGES = 1_000;

/** What the checkpointer asks of the committing connection. */
export interface CheckpointWriter {
  /** Sets SQLite's automatic checkpoint on the committing connection (`wal_autocheckpoint`). */
  setAutoCheckpointPages(pages: number): void;
  /** A PASSIVE checkpoint on the committing connection; only ever called between its transactions. */
  checkpoint(): void;
}

interface Answer {
  ok: boolean;
  walFrames?: number;
  copied?: number;
  error?: string;
}

export interface CheckpointResult {
  /** Frames in the WAL when the checkpoint ran, and how many of them are now in the database file. */
  walFrames: number;
  copied: number;
}

/**
 * Copies the WAL's committed pages into the database file on a thread of its own, so that a COMMIT only
 * appends to the WAL and syncs it. With SQLite's default the committing connection runs the checkpoint itself
 * whenever the WAL passes 1,000 pages: on the event loop, with two more fsyncs (the WAL, then the database
 * file), while every command queued behind it waits (measured under the server bench: a COMMIT took 3.2–4.4 ms
 * on average with it, 2.0–3.0 ms without). A PASSIVE checkpoint from another connection never waits for the
 * writer or the readers and never blocks them; it changes nothing about durability: every commit is on disk in
 * the WAL before its acknowledgement leaves, and what a checkpoint has not copied yet stays there.
 *
 * The thread starts with the first checkpoint it is asked for, so a store that writes little never pays for it.
 * If it fails, the writer's own checkpoints go back to SQLite's default, and the error is reported once.
 */
export class WalCheckpointer {
  private worker: Worker | undefined;
  private running = false;
  private commitsSinceCheckpoint = 0;
  /** The thread's last checkpoint copied the whole WAL as it found it: `committed` finishes it on the writer. */
  private finishOnWriter = false;
  private failed = false;
  private closed = false;
  private waiters: ((result: CheckpointResult | undefined) => void)[] = [];

  constructor(
    private readonly file: string,
    private readonly writer: CheckpointWriter,
    private readonly onError: (message: string) => void,
  ) {
    writer.setAutoCheckpointPages(WRITER_CHECKPOINT_PAGES);
  }

  /**
   * Called after each COMMIT: once `COMMITS_PER_CHECKPOINT` commits came since the last checkpoint began, asks
   * for the next one (the first commit after a running one ends, if it is still running then).
   *
   * The first COMMIT after the thread copied the whole WAL as it found it also finishes that checkpoint on the
   * writer: a PASSIVE checkpoint there copies only the commits made while the thread ran (a few hundred pages
   * under the heaviest load), and leaves nothing in the WAL that the database file lacks, which is what lets
   * SQLite start the WAL over at the next transaction. The thread alone never gets there while commits keep
   * coming (each one appends while it copies), so without this step the WAL only grew until the writer's safety
   * net checkpointed everything left at once: a 25–55 ms stop of the event loop every second or so under load,
   * against ~11 ms for this step (bench/README.md, `server`). Never throws: the COMMIT has already succeeded,
   * and a checkpoint that fails costs only speed (the commits are in the WAL, and the next round tries again).
   */
  committed(): void {
    if (this.finishOnWriter) {
      this.finishOnWriter = false;
      try {
        this.writer.checkpoint();
      } catch {
        // Left to the thread's next round, or to the writer's safety net.
      }
    }
    this.commitsSinceCheckpoint += 1;
    if (this.commitsSinceCheckpoint >= COMMITS_PER_CHECKPOINT && !this.running) void this.checkpoint();
  }

  /**
   * Runs a checkpoint now (or joins the one running) and resolves with what it did; `undefined` once the
   * checkpointer has failed or closed.
   */
  checkpoint(): Promise<CheckpointResult | undefined> {
    if (this.failed || this.closed) return Promise.resolve(undefined);
    const result = new Promise<CheckpointResult | undefined>((resolve) => this.waiters.push(resolve));
    if (!this.running) {
      this.running = true;
      this.commitsSinceCheckpoint = 0;
      (this.worker ??= this.start()).postMessage('checkpoint');
    }
    return result;
  }

  private start(): Worker {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    // No inherited flags: the program is plain JavaScript, so the thread need not load tsx as the server does.
    const worker = new Worker(PROGRAM, { eval: true, execArgv: [], workerData: { driver, file: this.file } });
    // A checkpoint is never a reason to keep the process alive: close() ends the thread when the store closes.
    worker.unref();
    worker.on('message', (answer: Answer) => {
      this.running = false;
      if (!answer.ok) return this.fail(answer.error ?? 'the checkpoint failed');
      // Copied short of the WAL's end: a reader still needs older pages, and the writer could do no better.
      this.finishOnWriter = !!answer.walFrames && answer.copied === answer.walFrames;
      this.settle({ walFrames: answer.walFrames ?? 0, copied: answer.copied ?? 0 });
    });
    worker.on('error', (error) => this.fail(error.message));
    worker.on('exit', (code) => this.fail(`the checkpoint thread stopped (exit code ${code})`));
    return worker;
  }

  private settle(result: CheckpointResult | undefined): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve(result);
  }

  private fail(message: string): void {
    this.running = false;
    this.settle(undefined);
    if (this.failed || this.closed) return;
    this.failed = true;
    this.writer.setAutoCheckpointPages(SQLITE_DEFAULT_CHECKPOINT_PAGES);
    this.onError(message);
    void this.worker?.terminate();
    this.worker = undefined;
  }

  /** Ends the thread after the checkpoint it may be running. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      await new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage('close');
      });
    }
    this.settle(undefined);
  }
}
