import type { Pool } from 'pg';
import { join } from 'node:path';
import { PgStore } from './postgres';
import { SqliteStore } from './sqlite';
import type { Store } from './types';

export interface OpenedStore {
  store: Store;
  /**
   * PostgreSQL's connection pool (absent on SQLite), for what else the server keeps in the same database.
   * It belongs to the store: `store.close()` ends it, so close its other users first.
   */
  pool?: Pool;
}

/** The database could not be opened at start-up: the message is one line for the operator, no stack. */
export class StoreOpenError extends Error {}

/** PostgreSQL when `databaseUrl` is given, else SQLite in `dataDir` (dispatch.sqlite) as always. */
export async function openStore(options: {
  databaseUrl?: string;
  dataDir: string;
  onPoolError?: (error: Error) => void;
  onCheckpointError?: (message: string) => void;
}): Promise<OpenedStore> {
  if (!options.databaseUrl) {
    const file = join(options.dataDir, 'dispatch.sqlite');
    return { store: new SqliteStore(file, { onCheckpointError: options.onCheckpointError }) };
  }
  try {
    const store = await PgStore.open(options.databaseUrl, { onPoolError: options.onPoolError });
    return { store, pool: store.pool };
  } catch (error) {
    throw new StoreOpenError(
      `Cannot open the PostgreSQL database ${redacted(options.databaseUrl)}: ${reasonOf(error)}`,
    );
  }
}

/** Node reports a refused connection to every address of a host as an AggregateError with no message. */
function reasonOf(error: unknown): string {
  const { message, code, errors } = error as Error & { code?: string; errors?: Error[] };
  if (message) return message;
  if (errors?.length) return [...new Set(errors.map((inner) => inner.message))].join('; ');
  return code ?? String(error);
}

/** The URL without its password, fit for a log line. */
export function redacted(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(the given database URL)';
  }
}
