import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { it } from 'vitest';
import type { CommandResult, PushAnswer } from '../../../domain/protocol';
import { freshDatabase } from './postgres';

/**
 * Which store the servers of the integration suites run on. The `postgres` Vitest project
 * (vitest.config.ts) sets DISPATCH_TEST_STORE=postgres: every server the support starts then gets a fresh
 * database of its own in the cluster at DISPATCH_TEST_DATABASE_URL. Otherwise SQLite in the data folder.
 */
export const TEST_STORE: 'sqlite' | 'postgres' = process.env.DISPATCH_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';
export const onPostgres = TEST_STORE === 'postgres';

/**
 * `it` for a test about SQLite's own file (an old file's upgrade), which opens SqliteStore itself: the
 * postgres project lists it as skipped, saying so in its name, instead of running the same SQLite test twice.
 */
export function itOnSqlite(name: string, test: () => Promise<void>): void {
  if (onPostgres) {
    const reason = "about SQLite's file: runs in the sqlite project";
    console.warn(`Skipped on PostgreSQL: ${name} (${reason}).`);
    it.skip(`${name} (${reason})`, test);
  } else it(name, test);
}

/** Where a server keeps its data: the data folder (token key, sessions; SQLite's file) and PostgreSQL's database. */
export interface StoreLocation {
  dataDir: string;
  /** Set on PostgreSQL: the server's own database (`startServer({ databaseUrl })`, `--database-url`). */
  databaseUrl?: string;
}

export interface TestStorage extends StoreLocation {
  /** Removes the data folder and drops the database. */
  remove(): Promise<void>;
}

/**
 * A fresh place for one server (and its restarts): a new data folder (or `dataDir`, which `remove()`
 * then removes too) and, on PostgreSQL, a new database.
 */
export async function testStorage(label: string, dataDir?: string): Promise<TestStorage> {
  const folder = dataDir ?? (await mkdtemp(join(tmpdir(), `dispatch-${label}-`)));
  const removeFolder = () => rm(folder, { recursive: true, force: true, maxRetries: 3 });
  if (!onPostgres) return { dataDir: folder, remove: removeFolder };
  const database = await freshDatabase();
  return {
    dataDir: folder,
    databaseUrl: database.url,
    async remove() {
      await removeFolder();
      await database.drop();
    },
  };
}

/**
 * What the server stored for one client id: its last processed command id and each command's outcome,
 * read straight from the database beside the running server (an in-process one or a child process): on
 * SQLite read-only from the file (WAL lets a reader in), on PostgreSQL over a connection of its own. Both
 * stores keep these in `clients` and `command_results` (server/store/sqlite/schema.ts, postgres/schema.ts).
 */
export async function storedOutcomes(location: StoreLocation, clientId: string): Promise<PushAnswer> {
  const client = 'SELECT last_id FROM clients WHERE client_id = $1';
  const results = 'SELECT result FROM command_results WHERE client_id = $1 ORDER BY command_id';
  let lastId: number | string | undefined;
  let rows: { result: string }[];
  if (location.databaseUrl) {
    const connection = new pg.Client({ connectionString: location.databaseUrl });
    await connection.connect();
    try {
      lastId = (await connection.query<{ last_id: string }>(client, [clientId])).rows[0]?.last_id;
      rows = (await connection.query<{ result: string }>(results, [clientId])).rows;
    } finally {
      await connection.end();
    }
  } else {
    const db = new Database(join(location.dataDir, 'dispatch.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const sqlite = (text: string) => db.prepare(text.replace('$1', '?'));
      lastId = (sqlite(client).get(clientId) as { last_id: number } | undefined)?.last_id;
      rows = sqlite(results).all(clientId) as { result: string }[];
    } finally {
      db.close();
    }
  }
  return {
    lastProcessedId: Number(lastId ?? 0),
    results: rows.map((row) => JSON.parse(row.result) as CommandResult),
  };
}
