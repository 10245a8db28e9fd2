import Dexie from 'dexie';
import { DispatchDb, type Durability } from './db';

export type StorageProblemCode = 'QUOTA_EXCEEDED' | 'OPEN_FAILED' | 'DATABASE_CLOSED';

/**
 * Local storage failed. The message says what the dispatcher can do; nothing already saved is lost —
 * a failed write aborts its own transaction and leaves the outbox as it was.
 */
export class StorageProblem extends Error {
  constructor(
    readonly code: StorageProblemCode,
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StorageProblem';
  }
}

export function describeStorageError(error: unknown): StorageProblem {
  if (error instanceof StorageProblem) return error;
  const name = (error as { name?: string })?.name ?? '';
  const inner = (error as { inner?: { name?: string } })?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return new StorageProblem(
      'QUOTA_EXCEEDED',
      "This computer's storage for the console is full. Free some disk space, then retry; nothing you saved is lost.",
      error,
    );
  }
  if (name === Dexie.errnames.DatabaseClosed) {
    return new StorageProblem(
      'DATABASE_CLOSED',
      'The local database was closed (another window upgraded it, or the browser cleared it). Retrying will reopen it.',
      error,
    );
  }
  return new StorageProblem(
    'OPEN_FAILED',
    `The local database could not be opened (${(error as Error)?.message ?? name}). Retry, or restart the console.`,
    error,
  );
}

/**
 * Opens the console's database and asks the browser to keep it (persistent storage is not evicted under
 * disk pressure, so an outbox survives a full disk elsewhere). A closed database reopens on next use.
 * `durability` is the connection's (db.ts): the sync engine writes confirmed state through a relaxed one.
 */
export async function openDispatchDb(name: string, durability: Durability = 'strict'): Promise<DispatchDb> {
  const db = new DispatchDb(name, durability);
  try {
    await db.open();
  } catch (error) {
    db.close();
    throw describeStorageError(error);
  }
  // Another window's newer schema: close ours so its upgrade can proceed; Dexie reopens on next use.
  // Dexie 4's close() turns auto-open off unless told otherwise: this window would then fail every read
  // and write with DatabaseClosedError until reloaded — and, holding the sync lock, stall every window's sync.
  db.on('versionchange', () => {
    db.close({ disableAutoOpen: false });
    return false;
  });
  void (globalThis.navigator as Navigator | undefined)?.storage?.persist?.().catch(() => false);
  return db;
}
