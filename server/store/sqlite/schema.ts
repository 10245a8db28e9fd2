import type Database from 'better-sqlite3';

/**
 * The SQLite schema. Entities are stored whole as JSON (the domain owns their shape); the columns beside
 * them exist only to find and filter rows. `display_status` is a query index recomputed by the same write
 * that changes a job or one of its appointments, never edited on its own.
 */
export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS organizations (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY, organization_id TEXT NOT NULL, email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS customers (id TEXT PRIMARY KEY, organization_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS customers_org ON customers (organization_id);
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY, organization_id TEXT NOT NULL, source_id TEXT, customer_id TEXT NOT NULL,
  display_status TEXT NOT NULL, created_at INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS jobs_org ON jobs (organization_id, created_at);
CREATE INDEX IF NOT EXISTS jobs_source ON jobs (source_id, created_at);
CREATE TABLE IF NOT EXISTS appointments (
  id TEXT PRIMARY KEY, job_id TEXT NOT NULL, organization_id TEXT NOT NULL, source_id TEXT,
  technician_id TEXT, start INTEGER NOT NULL, status TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS appointments_job ON appointments (job_id);
CREATE INDEX IF NOT EXISTS appointments_org_start ON appointments (organization_id, start);
CREATE TABLE IF NOT EXISTS complete_reasons (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS activity (
  id TEXT PRIMARY KEY, job_id TEXT NOT NULL, received_at INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS activity_job ON activity (job_id, received_at);
CREATE TABLE IF NOT EXISTS notifications (id TEXT PRIMARY KEY, job_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS notifications_job ON notifications (job_id);
CREATE TABLE IF NOT EXISTS notes (
  id TEXT PRIMARY KEY, job_id TEXT NOT NULL, appointment_id TEXT, received_at INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS notes_job ON notes (job_id, received_at);
CREATE TABLE IF NOT EXISTS org_sequences (organization_id TEXT PRIMARY KEY, seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS changes (
  organization_id TEXT NOT NULL, seq INTEGER NOT NULL, idx INTEGER NOT NULL, kind TEXT NOT NULL,
  entity_id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (organization_id, seq, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS clients (client_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, last_id INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS command_results (
  client_id TEXT NOT NULL, command_id INTEGER NOT NULL, result TEXT NOT NULL, recorded_at INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (client_id, command_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS idempotency (
  user_id TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, status_code INTEGER NOT NULL,
  body TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (user_id, key)) WITHOUT ROWID;
`;

/**
 * Changes to databases made by an earlier version, in order; `meta.schema_version` says how many have run.
 * The statements above create a new database in its latest shape, so each step must also be harmless
 * there (a new database starts at version 1 like an old one and runs every step).
 */
const MIGRATIONS: ((db: Database.Database, now: number) => void)[] = [
  // 2: when each command outcome was recorded, so outcomes expire after a time as well as by count. An
  // outcome stored before this is dated at the upgrade, which gives it the full time to be asked for.
  (db, now) => {
    const columns = db.prepare('PRAGMA table_info(command_results)').all() as { name: string }[];
    if (!columns.some((column) => column.name === 'recorded_at')) {
      db.exec('ALTER TABLE command_results ADD COLUMN recorded_at INTEGER NOT NULL DEFAULT 0');
    }
    db.prepare('UPDATE command_results SET recorded_at = ? WHERE recorded_at = 0').run(now);
    db.exec('CREATE INDEX IF NOT EXISTS command_results_recorded ON command_results (recorded_at)');
  },
  // 3: notes on jobs and appointments (issue 11), their own table; a database from before has none.
  (db) => {
    db.exec(`CREATE TABLE IF NOT EXISTS notes (
      id TEXT PRIMARY KEY, job_id TEXT NOT NULL, appointment_id TEXT, received_at INTEGER NOT NULL, data TEXT NOT NULL)`);
    db.exec('CREATE INDEX IF NOT EXISTS notes_job ON notes (job_id, received_at)');
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length + 1;

/** Brings a database made by any earlier version up to SCHEMA_VERSION, each step in its own transaction. */
export function migrate(db: Database.Database, now: number): void {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  for (let version = Number(row?.value ?? 1); version < SCHEMA_VERSION; version++) {
    db.transaction(() => {
      MIGRATIONS[version - 1](db, now);
      db.prepare(
        "INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ).run(String(version + 1));
    })();
  }
}
