/**
 * What the bench page (bench/browser/main.mts) exposes as `window.bench`, and what the Node side
 * (bench/client.ts) passes to it through `page.evaluate`. Plain data only: it crosses a process boundary.
 */
import type { Actor } from '../../domain';

/** A signed-in console: the page uses this token instead of logging in itself. */
export interface BenchSession {
  serverUrl: string;
  token: string;
  actor: Actor;
}

export interface MovePlan {
  /**
   * Appointments to move, in turn (call i moves appointments[i % length]), each with its job: the board
   * hands `commands.move` the block's job, and so do the timed calls.
   */
  appointments: { appointmentId: string; jobId: string }[];
  /** How many `client.commands.move` calls. */
  calls: number;
  /** Start of call i: firstStart + ((offset + i) % 16) × 15 minutes, so every call changes something. */
  firstStart: number;
  offset: number;
}

export interface SyncedResult {
  /** ms from opening the connection to the outbox empty and the cursor at the expected head. */
  ms: number;
  cursor: number;
  conflicts: number;
}

/** A catch-up's engine options: the default (the far-behind levers on), or the state before them. */
export interface CatchUpEngine {
  pullLimit?: number;
  /** Seqs behind the head above which the far-behind levers apply; a huge number turns them off. */
  farBehind?: number;
}

export interface CatchUpResult extends SyncedResult {
  /** Activity lines the console holds at the end, and jobs whose activity it left on the server. */
  activity: number;
  activityGaps: number;
}

export interface QueueResult {
  /** ms of each `client.commands.move` call made offline (the first `apiCalls` of the queue). */
  calls: number[];
  queued: number;
}

export interface FlushResult extends SyncedResult {
  queued: number;
  /** Raw `bulkPut` of the same outbox rows into the outbox of an empty database of the same schema. */
  baselineMs: number;
}

export interface LatencyResult {
  /** One value per call: ms from the call to its durable outbox write. */
  calls: number[];
  /**
   * One value per raw put: ms for a one-row rw transaction on an outbox of the same schema, in a database no
   * engine uses, started at the same pace as the calls (an idle wait before each costs the put as much as
   * it costs a call: see bench/README.md, `client`).
   */
  baseline: number[];
  /** The same raw puts one right after another (the baseline until 2026-12-05), for the record. */
  backToBack: number[];
}

export interface BenchPage {
  /** Opens a console on an empty database and waits until it has pulled up to `head`. */
  prepare(session: BenchSession, database: string, head: number): Promise<SyncedResult>;
  /**
   * Opens a console whose engine cannot connect (an outage) and queues `plan.calls` moves: the first
   * `apiCalls` through `client.commands.move`, the rest as the same outbox rows written in bulk.
   */
  queue(session: BenchSession, database: string, plan: MovePlan, apiCalls: number): Promise<QueueResult>;
  /**
   * Lets the queued console connect and waits until its outbox is empty and its cursor is at
   * `expectedHead`; closes it. Then times the baseline on the same rows.
   */
  flush(expectedHead: number): Promise<FlushResult>;
  /** A console on an empty database pulls from 0 to `head` (the database is deleted afterwards). */
  catchUp(session: BenchSession, database: string, head: number, engine?: CatchUpEngine): Promise<CatchUpResult>;
  /** Raw `bulkPut` of every change up to `head` into the same tables, `chunk` changes per transaction. */
  catchUpBaseline(session: BenchSession, head: number, chunk: number): Promise<{ ms: number; changes: number }>;
  /**
   * Online console: `plan.calls` sequential moves, started `intervalMs` apart (or back to back when a
   * call takes longer), each timed to its durable outbox write; then the raw put baseline.
   */
  latency(
    session: BenchSession,
    database: string,
    plan: MovePlan,
    head: number,
    intervalMs: number,
  ): Promise<LatencyResult>;
  /** Deletes a database (between runs, untimed). */
  drop(database: string): Promise<void>;
}
