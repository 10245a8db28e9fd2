/**
 * What the board bench's set-up page (bench/browser/boardSeed.mts) exposes as `window.bench`, and what
 * bench/board.ts passes to it. Plain data only: it crosses a process boundary.
 */

/** How much the warm cache holds (docs/ARCHITECTURE.md §8 / issue 4: 300 technicians, 3,000 appointments that day, 20,000 jobs). */
export interface BoardSeedSpec {
  technicians: number;
  /** Appointments on the board's day (today, local time, within working hours). */
  appointmentsToday: number;
  /** Jobs in the cache in all: those of today's appointments, others on other days, some unscheduled. */
  jobs: number;
  /** Working hours the board shows (its default settings), so every appointment of the day is on the axis. */
  startHour: number;
  endHour: number;
}

/** What the database holds after seeding (the demo's records included), for the figures' notes. */
export interface BoardSeedResult {
  database: string;
  technicians: number;
  appointmentsToday: number;
  jobs: number;
  appointments: number;
  customers: number;
  ms: number;
}

export interface BoardSeedPage {
  /** Signs in through the console's own session code and keeps the session where the console looks for it. */
  signIn(email: string, password: string): Promise<{ userId: string }>;
  /** The console's sync client catches up with the server once, so its cursor and server id are real. */
  sync(): Promise<{ cursor: number }>;
  /** Tops the console's database up to `spec` with bulkPut, 1,000 rows per transaction. */
  seed(spec: BoardSeedSpec): Promise<BoardSeedResult>;
}
