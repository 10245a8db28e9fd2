import type { Change } from '../types';

/** A row as better-sqlite3 returns it. Entities are stored whole as JSON in a `data` column. */
export type Row = Record<string, unknown>;

export const parse = <T>(row: Row | undefined): T | undefined =>
  row ? (JSON.parse(row.data as string) as T) : undefined;
export const parseAll = <T>(rows: Row[]): T[] => rows.map((row) => JSON.parse(row.data as string) as T);

/** `IN (?, ?, ?)` for a list of values. */
export const placeholders = (values: readonly unknown[]) => `(${values.map(() => '?').join(', ')})`;

/** A change-log row (`seq, kind, entity_id, data`) as the change it records. */
export const toChange = (row: Row): Change => ({
  seq: row.seq as number,
  kind: row.kind as Change['kind'],
  id: row.entity_id as string,
  data: JSON.parse(row.data as string),
});
