import 'fake-indexeddb/auto';
import { DEFAULT_COMPLETE_REASONS, type Actor, type Appointment, type Job } from '../../../domain';
import { afterEach, beforeEach } from 'vitest';
import { DispatchCommands } from '../../../renderer/data/commands';
import { DispatchDb } from '../../../renderer/data/db';
import { readMeta } from '../../../renderer/data/outbox';

/**
 * A console's local database (fake-indexeddb, in memory) holding one CoolAir job as the server confirmed
 * it: an appointment Luis started at 10:02 and one still scheduled.
 */
export const DANA: Actor = {
  userId: 'u-dispatcher',
  name: 'Dana Whitfield',
  role: 'dispatcher',
  organizationId: 'org-coolair',
  source: 'console',
};

/** 10:02 in Austin on a March morning (CST, UTC−6). */
export const STARTED_AT = Date.UTC(2031, 2, 3, 16, 2);

export const JOB: Job = {
  id: 'job-1',
  organizationId: 'org-coolair',
  sourceId: null,
  customerId: 'cus-1',
  title: 'No heat',
  address: { street1: '1 Main St', city: 'Austin', state: 'TX', timezone: 'America/Chicago' },
  timeWindows: [],
  lifecycle: 'open',
  createdAt: Date.UTC(2031, 2, 1),
  version: 5,
};

export const appointment = (overrides: Partial<Appointment>): Appointment => ({
  id: 'apt-started',
  jobId: JOB.id,
  organizationId: 'org-coolair',
  technicianId: 'u-tech1',
  start: Date.UTC(2031, 2, 3, 15),
  durationMinutes: 120,
  status: 'scheduled',
  version: 9,
  ...overrides,
});

let counter = 0;

export async function consoleDatabase(): Promise<DispatchDb> {
  const db = new DispatchDb(`renderer-unit-${process.pid}-${++counter}`);
  await db.open();
  await db.organizations.put({ id: 'org-coolair', name: 'CoolAir Heating & Cooling', kind: 'provider', version: 1 });
  await db.users.bulkPut([
    {
      id: 'u-tech1',
      organizationId: 'org-coolair',
      firstName: 'Luis',
      lastName: 'Herrera',
      email: 'tech1@demo.test',
      roles: ['technician'],
      version: 2,
    },
    {
      id: 'u-tech2',
      organizationId: 'org-coolair',
      firstName: 'Jake',
      lastName: 'Sullivan',
      email: 'tech2@demo.test',
      roles: ['technician'],
      version: 3,
    },
  ]);
  await db.completeReasons.bulkPut([...DEFAULT_COMPLETE_REASONS]);
  await db.customers.put({
    id: 'cus-1',
    organizationId: 'org-coolair',
    firstName: 'Maria',
    phoneNumbers: [],
    version: 4,
  });
  await db.jobs.put(JOB);
  await db.appointments.bulkPut([
    appointment({
      status: 'started',
      enrouteAt: STARTED_AT - 20 * 60_000,
      startedAt: STARTED_AT,
      updatedBy: 'Luis Herrera',
      updatedAt: STARTED_AT,
    }),
    appointment({ id: 'apt-scheduled', start: Date.UTC(2031, 2, 4, 15) }),
  ]);
  await readMeta(db);
  return db;
}

export async function dropDatabase(db: DispatchDb): Promise<void> {
  db.close();
  await DispatchDb.delete(db.name);
}

/**
 * Dana's console for each test in the calling file: a fresh database (as `consoleDatabase()` fills it) and her
 * command queue on it, dropped after the test. Read `.db` and `.commands` inside a test or a later hook.
 */
export function danasConsoleEachTest(): { readonly db: DispatchDb; readonly commands: DispatchCommands } {
  let db: DispatchDb | undefined;
  let commands: DispatchCommands | undefined;
  beforeEach(async () => {
    db = await consoleDatabase();
    commands = new DispatchCommands(db, DANA);
  });
  afterEach(() => dropDatabase(db!));
  return {
    get db() {
      return db!;
    },
    get commands() {
      return commands!;
    },
  };
}
