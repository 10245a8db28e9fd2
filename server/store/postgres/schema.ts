import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { MIGRATION_LOCK, WRITER_LOCK } from './locks';

/**
 * The PostgreSQL schema, the same shape as SQLite's (server/store/sqlite/schema.ts): entities stored whole
 * as JSON text (the domain owns their shape; text is parsed as cheaply as SQLite's), columns beside them
 * only to find, filter and order rows. `pos` columns keep insertion order where SQLite uses its rowid; ids
 * compare byte-wise (COLLATE "C") so pages are ordered as on SQLite whatever the database's locale.
 */
const SCHEMA_1 = `
CREATE TABLE organizations (id TEXT COLLATE "C" PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE users (
  id TEXT COLLATE "C" PRIMARY KEY, organization_id TEXT NOT NULL, email TEXT NOT NULL, password_hash TEXT NOT NULL,
  data TEXT NOT NULL);
CREATE UNIQUE INDEX users_email ON users (lower(email));
CREATE TABLE customers (id TEXT COLLATE "C" PRIMARY KEY, organization_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX customers_org ON customers (organization_id);
CREATE TABLE jobs (
  id TEXT COLLATE "C" PRIMARY KEY, organization_id TEXT NOT NULL, source_id TEXT, customer_id TEXT NOT NULL,
  display_status TEXT NOT NULL, created_at BIGINT NOT NULL, data TEXT NOT NULL);
CREATE INDEX jobs_org ON jobs (organization_id, created_at);
CREATE INDEX jobs_source ON jobs (source_id, created_at);
CREATE INDEX jobs_customer ON jobs (organization_id, customer_id);
CREATE TABLE appointments (
  id TEXT COLLATE "C" PRIMARY KEY, job_id TEXT NOT NULL, organization_id TEXT NOT NULL, source_id TEXT,
  technician_id TEXT, start BIGINT NOT NULL, status TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX appointments_job ON appointments (job_id);
CREATE INDEX appointments_org_start ON appointments (organization_id, start);
CREATE TABLE complete_reasons (id TEXT PRIMARY KEY, pos BIGSERIAL NOT NULL, data TEXT NOT NULL);
CREATE TABLE activity (
  id TEXT PRIMARY KEY, job_id TEXT NOT NULL, received_at BIGINT NOT NULL, pos BIGSERIAL NOT NULL, data TEXT NOT NULL);
CREATE INDEX activity_job ON activity (job_id, received_at);
CREATE TABLE notifications (id TEXT PRIMARY KEY, job_id TEXT NOT NULL, pos BIGSERIAL NOT NULL, data TEXT NOT NULL);
CREATE INDEX notifications_job ON notifications (job_id);
CREATE TABLE notes (
  id TEXT PRIMARY KEY, job_id TEXT NOT NULL, appointment_id TEXT, received_at BIGINT NOT NULL, pos BIGSERIAL NOT NULL,
  data TEXT NOT NULL);
CREATE INDEX notes_job ON notes (job_id, received_at);
CREATE TABLE org_sequences (organization_id TEXT PRIMARY KEY, seq BIGINT NOT NULL);
CREATE TABLE changes (
  organization_id TEXT NOT NULL, seq BIGINT NOT NULL, idx INTEGER NOT NULL, kind TEXT NOT NULL, entity_id TEXT NOT NULL,
  data TEXT NOT NULL, PRIMARY KEY (organization_id, seq, idx));
CREATE TABLE clients (client_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, last_id BIGINT NOT NULL);
CREATE TABLE command_results (
  client_id TEXT NOT NULL, command_id BIGINT NOT NULL, result TEXT NOT NULL, recorded_at BIGINT NOT NULL,
  PRIMARY KEY (client_id, command_id));
CREATE INDEX command_results_recorded ON command_results (recorded_at);
CREATE TABLE idempotency (
  user_id TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, status_code INTEGER NOT NULL, body TEXT NOT NULL,
  created_at BIGINT NOT NULL, PRIMARY KEY (user_id, key));
CREATE INDEX idempotency_created ON idempotency (created_at);
`;

/**
 * The steps from an empty database to the current shape, in order; `meta.schema_version` says how many
 * have run. Unlike SQLite's, step 1 creates the tables, so every later step can assume them. Add a step
 * at the end, never edit one that has shipped.
 */
const MIGRATIONS: string[] = [SCHEMA_1];

export const PG_SCHEMA_VERSION = MIGRATIONS.length;

export interface DatabaseState {
  databaseId: string;
  /** Bumped by every transaction that writes organizations, users or complete reasons. */
  directoryVersion: number;
}

/**
 * Brings the database up to PG_SCHEMA_VERSION in one transaction under a transaction-scoped advisory lock:
 * processes starting at once queue on the lock, the first migrates, the others find the work done (DDL is
 * transactional in PostgreSQL, so a failed step leaves nothing half made). A database newer than this
 * server is refused rather than written with an older idea of its shape.
 */
export async function migrate(client: PoolClient): Promise<DatabaseState> {
  await client.query('BEGIN');
  try {
    // Waiting for another process's migration is expected at start-up, however long it takes.
    await client.query('SET LOCAL lock_timeout = 0');
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', MIGRATION_LOCK);
    await client.query('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    const found = await client.query<{ value: string }>("SELECT value FROM meta WHERE key = 'schema_version'");
    const version = Number(found.rows[0]?.value ?? 0);
    if (version > PG_SCHEMA_VERSION)
      throw new Error(
        `The database's schema is version ${version}, newer than this server's ${PG_SCHEMA_VERSION}: upgrade the server.`,
      );
    // A step changes tables other processes may be writing (a rolling upgrade): it waits for the writer lock
    // too, so its table locks never meet a writer's row locks half-way (docs/ARCHITECTURE.md, the store).
    if (version < PG_SCHEMA_VERSION) await client.query('SELECT pg_advisory_xact_lock($1, $2)', WRITER_LOCK);
    for (let step = version; step < PG_SCHEMA_VERSION; step++) await client.query(MIGRATIONS[step]);
    await client.query(
      `INSERT INTO meta (key, value) VALUES ('schema_version', $1), ('database_id', $2), ('directory_version', '0')
       ON CONFLICT (key) DO UPDATE SET value = CASE WHEN meta.key = 'schema_version' THEN excluded.value ELSE meta.value END`,
      [String(PG_SCHEMA_VERSION), randomUUID()],
    );
    const meta = await client.query<{ key: string; value: string }>(
      "SELECT key, value FROM meta WHERE key IN ('database_id', 'directory_version')",
    );
    await client.query('COMMIT');
    const value = (key: string) => meta.rows.find((row) => row.key === key)!.value;
    return { databaseId: value('database_id'), directoryVersion: Number(value('directory_version')) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
