import pg from 'pg';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { Change } from '../types';

/** The pool (reads outside a transaction) or the transaction's client. */
export type Db = Pool | PoolClient;

export interface CheckedOut {
  client: PoolClient;
  /** Back to the pool; with an error (or after the connection was lost) the pool closes it instead. */
  release(error?: Error): void;
}

/**
 * A client of our own out of the pool. pg reports a connection lost while checked out (the database
 * restarted, an operator ended the session) as an 'error' event, which unheard would end the process; it
 * is heard here, the queries waiting on it fail, and the connection is discarded on release.
 */
export async function checkOut(pool: Pool): Promise<CheckedOut> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (error: Error) => (lost = error);
  client.on('error', onError);
  return {
    client,
    release(error) {
      client.removeListener('error', onError);
      client.release(error ?? lost);
    },
  };
}

/** A row with the entity's JSON text in `data`. */
export type DataRow = { data: string };

export const parseAll = <T>(rows: DataRow[]): T[] => rows.map((row) => JSON.parse(row.data) as T);

/**
 * Fixed statements are named, so each connection parses and plans them once and later runs send only
 * their values. The name is derived from the text; dynamic statements (filters) stay unnamed.
 */
const names = new Map<string, string>();
export function named(text: string, values: unknown[]): pg.QueryConfig {
  let name = names.get(text);
  if (name === undefined) {
    name = `dispatch_${names.size + 1}`;
    names.set(text, name);
  }
  return { name, text, values };
}

export async function rowsOf<R extends QueryResultRow>(db: Db, text: string, values: unknown[] = []): Promise<R[]> {
  return (await db.query<R>(named(text, values))).rows;
}

/**
 * int8 (counts, sequence numbers, epoch milliseconds) as JS numbers, not pg's default strings: every value
 * the store keeps in one is far below 2^53. Set per pool, not on pg's global parser table.
 */
export const INT8_AS_NUMBER = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/** A WHERE clause built condition by condition with numbered parameters. */
export class Where {
  readonly conditions: string[] = [];
  readonly values: unknown[] = [];

  /** `condition` gets the parameter's placeholder (`$3`) for `value`. */
  add(condition: (placeholder: string) => string, value: unknown): void {
    this.values.push(value);
    this.conditions.push(condition(`$${this.values.length}`));
  }

  raw(condition: string): void {
    this.conditions.push(condition);
  }

  /** `column = ANY($n)` when the list is given. */
  list(column: string, values: readonly unknown[] | undefined): void {
    if (values) this.add((p) => `${column} = ANY(${p})`, values);
  }

  get clause(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

/** A change-log row as the change it records. */
export const toChange = (row: { seq: number; kind: string; entity_id: string; data: string }): Change => ({
  seq: row.seq,
  kind: row.kind as Change['kind'],
  id: row.entity_id,
  data: JSON.parse(row.data),
});
