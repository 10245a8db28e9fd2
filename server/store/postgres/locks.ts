/**
 * Advisory lock keys (two-int form, so they cannot collide with one-int locks of other software in the same
 * database). The first int spells "disp"; advisory locks are per database, so two Dispatch databases in one
 * cluster never wait for each other.
 */
const NAMESPACE = 0x64697370;

/** Held (transaction-scoped) while the schema is checked and migrated at start-up. */
export const MIGRATION_LOCK: [number, number] = [NAMESPACE, 1];

/**
 * Taken first by every write transaction of every process and held to its COMMIT: the one lock that
 * orders all writes to the database (docs/ARCHITECTURE.md, the store section).
 */
export const WRITER_LOCK: [number, number] = [NAMESPACE, 2];

/**
 * Held (transaction-scoped) while the sign-in tables (sessions, the token key, the throttle's counts) are created if missing; never
 * together with the others, since those tables are made apart from the store's migrations.
 */
export const AUTH_SCHEMA_LOCK: [number, number] = [NAMESPACE, 3];
