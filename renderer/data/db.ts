import Dexie, { type Table } from 'dexie';
import type { ChangeKind } from '../../domain/protocol';
import type { ActivityBatch, ActivityPack } from './activityPacks';
import type { SavedScreen } from './savedScreen';
import { unassignedMarker } from './unassignedMarker';
import type {
  ActivityEvent,
  Appointment,
  CompleteReason,
  Customer,
  CustomerNotification,
  Job,
  Note,
  Organization,
  User,
} from '../../domain';

/** A command waiting for the server: the user's action, durable before the UI says it is done. */
export interface OutboxEntry {
  id: number;
  name: string;
  args: unknown;
  createdAt: number;
  /** Queued while the console was offline (shown in the activity as an offline replay). */
  offline: boolean;
  /**
   * The job the command touches, so its optimistic effect can be replayed without reading all others;
   * absent for a command about an organization, a user or a customer (see `entity`).
   */
  jobId?: string;
  /** The directory entity a command about no job touches, as `kind:id` (directoryState.ts, `entityKey`). */
  entity?: string;
  /** Appointments the command creates, so later commands on them find their job while still pending. */
  appointmentIds: string[];
  /**
   * Set once the server applied it: the seq it committed at. The entry stays (and keeps its effect on
   * screen) until the pulled log reaches that seq, so the UI never flickers back to the old state.
   */
  ackedSeq?: number;
}

/** A command the server refused. Stays until the dispatcher dismisses it. */
export interface Conflict {
  key?: number;
  commandId: number;
  name: string;
  args: unknown;
  /** The job it was about; absent for a command about an organization, a user or a customer. */
  jobId?: string;
  /** The directory entity it was about, as `kind:id`. */
  entity?: string;
  code: string;
  message: string;
  createdAt: number;
  rejectedAt: number;
}

/** Sync bookkeeping, one row. */
export interface SyncMeta {
  key: 'sync';
  /** Identifies this installation+user to the server; command ids are gapless per client id. */
  clientId: string;
  nextCommandId: number;
  /** The last change-log seq applied to the confirmed tables. */
  cursor: number;
  /** The server database the cursor belongs to; a different one means reset. */
  serverId: string | null;
  lastSyncedAt: number | null;
}

/** What the sync leader reports, so every window shows the same indicator. */
export interface SyncStatusRow {
  key: 'status';
  state: 'online' | 'offline' | 'syncing';
  /** How far a long catch-up has come. */
  head: number;
  cursor: number;
  error: string | null;
  updatedAt: number;
}

export type MetaRow = SyncMeta | SyncStatusRow;

/**
 * A job whose activity this console does not hold in full: a catch-up far behind left out the activity of
 * jobs outside the window around today (sync/activityWindow.ts). Opening its drawer online fetches every
 * line and removes the row (docs/ARCHITECTURE.md §3b).
 */
export interface ActivityGap {
  jobId: string;
}

/**
 * How a connection's read-write transactions commit (Chromium; other engines ignore it). `strict`: on disk
 * before the transaction completes — the outbox, where a command is the dispatcher's promise. `relaxed`:
 * the OS may still hold the write — the confirmed tables and the cursor, which a pull rebuilds and which
 * always move together (docs/ARCHITECTURE.md, "What a console holds offline").
 */
export type Durability = 'strict' | 'relaxed';

/**
 * The console's local database. Confirmed tables hold exactly what the server's log said; the outbox
 * holds what the user did since. The schema is versioned: an upgrade must carry `outbox` and `conflicts`
 * over untouched (tests/unit/renderer/db-upgrade.test.ts proves it).
 */
export class DispatchDb extends Dexie {
  jobs!: Table<Job, string>;
  appointments!: Table<Appointment, string>;
  customers!: Table<Customer, string>;
  users!: Table<User, string>;
  organizations!: Table<Organization, string>;
  completeReasons!: Table<CompleteReason, string>;
  activity!: Table<ActivityEvent, string>;
  notifications!: Table<CustomerNotification, string>;
  notes!: Table<Note, string>;
  activityGaps!: Table<ActivityGap, string>;
  activityPacks!: Table<ActivityPack, string>;
  activityBatches!: Table<ActivityBatch, number>;
  screens!: Table<SavedScreen, string>;
  outbox!: Table<OutboxEntry, number>;
  conflicts!: Table<Conflict, number>;
  meta!: Table<MetaRow, string>;

  constructor(name: string, durability: Durability = 'strict') {
    // Strict by default: a command is on disk before the call that queued it resolves.
    super(name, { chromeTransactionDurability: durability });
    this.version(1).stores(SCHEMA_V1);
    // Only an index is added: Dexie builds it from the rows on disk; outbox and conflicts carry over as they are.
    this.version(2).stores(SCHEMA_V2);
    // A new table. An older console skipped the 'note' changes a newer server sent (a kind it did not know)
    // and moved its cursor past them, so the upgrade pulls the log again from 0 to fetch every note: notes
    // always sync in full. Confirmed rows stay (the pull rewrites them); outbox and conflicts carry over.
    this.version(3)
      .stores(SCHEMA_V3)
      .upgrade((tx) =>
        tx
          .table('meta')
          .where('key')
          .equals('sync')
          .modify((meta: SyncMeta) => {
            meta.cursor = 0;
          }),
      );
    // Only an index is added: Dexie builds it from the rows on disk; outbox and conflicts carry over as they are.
    this.version(4).stores(SCHEMA_V4);
    // Only an index is added, as in version 2.
    this.version(5).stores(SCHEMA_V5);
    // Only an index is dropped (activity's unused [jobId+receivedAt]): outbox and conflicts carry over as they are.
    this.version(6).stores(SCHEMA_V6);
    // An index on a stored marker (unassignedMarker.ts): the upgrade writes it on the appointments already
    // without a technician; from then on the middleware writes it on every put. Outbox and conflicts carry over.
    this.version(7)
      .stores(SCHEMA_V7)
      .upgrade((tx) =>
        tx
          .table('appointments')
          .toCollection()
          .modify((appointment: Appointment & { unassignedStart?: number }) => {
            if (appointment.technicianId === null) appointment.unassignedStart = appointment.start;
          }),
      );
    // A new table, empty: nothing on disk changes.
    this.version(8).stores(SCHEMA_V8);
    // A new table, empty: nothing on disk changes.
    this.version(9).stores(SCHEMA_V9);
    // A new table, empty: nothing on disk changes.
    this.version(10).stores(SCHEMA_V10);
    // A new table, empty: nothing on disk changes.
    this.version(11).stores(SCHEMA_V11);
    // Indexes only: IndexedDB drops the three and builds the new one from the rows on disk; no row changes.
    this.version(12).stores(SCHEMA_V12);
    this.use(unassignedMarker);
  }
}

export const SCHEMA_V1 = {
  jobs: 'id, organizationId, lifecycle, customerId, createdAt',
  appointments: 'id, jobId, [technicianId+start], start',
  customers: 'id',
  users: 'id, organizationId',
  organizations: 'id',
  completeReasons: 'id',
  activity: 'id, jobId, [jobId+receivedAt]',
  notifications: 'id, jobId',
  outbox: 'id, jobId, *appointmentIds, ackedSeq',
  conflicts: '++key, commandId, jobId',
  meta: 'key',
};

/**
 * Version 2: `[status+jobId]` on appointments, so the board's queue finds the jobs that have a live
 * appointment from index keys alone instead of reading every open job and all their appointments.
 */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  appointments: `${SCHEMA_V1.appointments}, [status+jobId]`,
};

/** Version 3: notes on jobs and appointments (their own kind of change), found by job. */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  notes: 'id, jobId',
};

/**
 * Version 4: `entity` on the outbox, so the pending commands about an organization, a user or a customer
 * (which have no job) are found without reading the whole outbox. Only an index is added.
 */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  outbox: `${SCHEMA_V3.outbox}, entity`,
};

/**
 * Version 5: `[status+start]` on appointments, so the attention panel finds the visits that can be late
 * (scheduled ones starting before a horizon, every one On My Way or started) without reading the day's
 * completed ones or every scheduled visit of the weeks ahead.
 */
export const SCHEMA_V5 = {
  ...SCHEMA_V4,
  appointments: `${SCHEMA_V4.appointments}, [status+start]`,
};

/**
 * Version 6: activity loses `[jobId+receivedAt]`, which nothing reads (the drawer reads a job's activity by
 * `jobId` and sorts it in memory). Activity is half of a catch-up's rows, and every index is one more
 * write per row.
 */
export const SCHEMA_V6 = {
  ...SCHEMA_V5,
  activity: 'id, jobId',
};

/**
 * Version 7: `unassignedStart` on appointments, the start of those without a technician (a marker the
 * database middleware keeps, `unassignedMarker.ts`), so the board's unassigned lane reads its few
 * appointments through an index instead of the whole window's.
 */
export const SCHEMA_V7 = {
  ...SCHEMA_V6,
  appointments: `${SCHEMA_V6.appointments}, unassignedStart`,
};

/**
 * Version 8: `activityGaps`, the jobs whose activity a far-behind catch-up left on the server (the activity
 * of jobs outside a window around today), fetched when a drawer opens one.
 */
export const SCHEMA_V8 = {
  ...SCHEMA_V7,
  activityGaps: 'jobId',
};

/**
 * Version 9: `activityPacks`, a job's activity lines written by a far catch-up as one row (activityPacks.ts):
 * IndexedDB pays per row, and a log about today's jobs is mostly activity.
 */
export const SCHEMA_V9 = {
  ...SCHEMA_V8,
  activityPacks: 'jobId',
};

/**
 * Version 10: `activityBatches`, the activity lines of one large write (a flushed outbox's answers, a pull page)
 * as rows of up to 100 lines, found by job through a multi-entry index (activityPacks.ts): two thirds of the rows
 * a flush's answers wrote were single activity lines.
 */
export const SCHEMA_V10 = {
  ...SCHEMA_V9,
  activityBatches: '++key, *jobIds',
};

/**
 * Version 11: `screens`, what the board's first screen showed, saved with the sync cursor it was read at
 * (savedScreen.ts): the next opening paints it in one read instead of every lane's own.
 */
export const SCHEMA_V11 = {
  ...SCHEMA_V10,
  screens: 'key',
};

/**
 * Version 12: the appointments' three status and start indexes (`start`, `[status+jobId]`, `[status+start]`)
 * become one, `[status+start+jobId]`, whose prefixes answer all their reads (appointmentIndex.ts): two index
 * entries fewer on every appointment written, and a flush or a catch-up writes thousands.
 */
export const SCHEMA_V12 = {
  ...SCHEMA_V11,
  appointments: 'id, jobId, [technicianId+start], [status+start+jobId], unassignedStart',
};

/** Confirmed-state tables, by change kind: one for every kind the protocol has (a new kind fails to compile here). */
export const TABLE_OF_KIND = {
  organization: 'organizations',
  user: 'users',
  customer: 'customers',
  job: 'jobs',
  appointment: 'appointments',
  activity: 'activity',
  notification: 'notifications',
  completeReason: 'completeReasons',
  note: 'notes',
} as const satisfies Record<ChangeKind, string>;

export const CONFIRMED_TABLES = Object.values(TABLE_OF_KIND);

/** One database per server and user: two people sharing a computer never share an outbox. */
export function databaseName(serverUrl: string, userId: string): string {
  return `dispatch:${new URL(serverUrl).host}:${userId}`;
}
