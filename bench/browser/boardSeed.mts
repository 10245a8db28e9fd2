/**
 * The board bench's set-up page (bench/board.ts), served from the console's own origin so that it fills
 * the very IndexedDB database the console opens: it signs in and syncs once through the console's own
 * code (so the sync cursor and server id are real and a reload pulls nothing), then tops the database up
 * with bulkPut to the bench's size. Nothing here is timed for a figure.
 */
import type { Appointment, Customer, Job, User } from '../../domain';
import { actorOf, loadSession, saveSession, signIn } from '../../renderer/kit/session';
import { appointmentsStartingBetween } from '../../renderer/data/appointmentIndex';
import { databaseName, DispatchDb } from '../../renderer/data/db';
import { readTechnicians } from '../../renderer/data/views';
import { openSyncClient } from '../../renderer/sync/client';
import type { BoardSeedPage, BoardSeedResult, BoardSeedSpec } from '../support/boardProtocol';
import { todayBounds } from './today';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const CHUNK = 1_000;
const FIRST = [
  'Ada',
  'Ben',
  'Cleo',
  'Dan',
  'Eva',
  'Finn',
  'Gia',
  'Hugo',
  'Ivy',
  'Jon',
  'Kim',
  'Leo',
  'Mia',
  'Ned',
  'Ola',
  'Pia',
  'Quin',
  'Rui',
  'Sam',
  'Tess',
];
const LAST = [
  'Alvarez',
  'Brooks',
  'Chen',
  'Diaz',
  'Evans',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ito',
  'Jensen',
  'Kowalski',
  'Lopez',
  'Moreau',
  'Nakamura',
  'Okafor',
];
const SERVICES = [
  'AC repair',
  'Furnace tune-up',
  'Heat pump install',
  'Duct cleaning',
  'Thermostat swap',
  'Boiler service',
];
/** Durations cycle through these: a 90-minute visit overlaps the next one, so some lanes stack two rows. */
const DURATIONS = [45, 60, 60, 90, 60];

function session() {
  const current = loadSession();
  if (!current) throw new Error('signIn() first');
  return current;
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function sync(): Promise<{ cursor: number }> {
  const current = session();
  const client = await openSyncClient({
    serverUrl: current.serverUrl,
    actor: actorOf(current),
    getToken: async () => current.accessToken,
  });
  try {
    await waitFor(async () => {
      const status = client.status.get();
      return (
        status.state === 'online' &&
        status.head > 0 &&
        status.cursor >= status.head &&
        (await client.db.outbox.count()) === 0
      );
    }, 'the first sync');
    return { cursor: client.status.get().cursor };
  } finally {
    await client.close();
  }
}

/** Rows per transaction, every table of a chunk in one transaction (the way sync writes). */
async function put(
  db: DispatchDb,
  rows: { users: User[]; customers: Customer[]; jobs: Job[]; appointments: Appointment[] },
): Promise<void> {
  const longest = Math.max(rows.users.length, rows.customers.length, rows.jobs.length, rows.appointments.length);
  for (let index = 0; index < longest; index += CHUNK) {
    await db.transaction('rw', [db.users, db.customers, db.jobs, db.appointments], async () => {
      await db.users.bulkPut(rows.users.slice(index, index + CHUNK));
      await db.customers.bulkPut(rows.customers.slice(index, index + CHUNK));
      await db.jobs.bulkPut(rows.jobs.slice(index, index + CHUNK));
      await db.appointments.bulkPut(rows.appointments.slice(index, index + CHUNK));
    });
  }
}

async function seed(spec: BoardSeedSpec): Promise<BoardSeedResult> {
  const startedAt = performance.now();
  const current = session();
  const organizationId = current.user.organizationId;
  const name = databaseName(current.serverUrl, current.user.id);
  const db = new DispatchDb(name);
  await db.open();
  try {
    const { dayStart, dayEnd } = todayBounds();
    const countToday = async () =>
      (await appointmentsStartingBetween(db, dayStart, dayEnd)).filter((a) => a.status !== 'canceled').length;

    // Technicians: the demo's, topped up to the bench's number.
    const existing = await readTechnicians(db, organizationId);
    const users: User[] = Array.from({ length: Math.max(0, spec.technicians - existing.length) }, (_, index) => ({
      id: `bench-tech-${index}`,
      organizationId,
      firstName: FIRST[index % FIRST.length],
      lastName: `${LAST[Math.floor(index / FIRST.length) % LAST.length]} ${index}`,
      email: `bench-tech-${index}@bench.test`,
      roles: ['technician'],
      version: 1,
    }));
    const owners = users.length ? users : existing;

    const customerCount = Math.ceil(spec.jobs / 2.5);
    const customers: Customer[] = Array.from({ length: customerCount }, (_, index) => ({
      id: `bench-customer-${index}`,
      organizationId,
      firstName: FIRST[(index * 7) % FIRST.length],
      lastName: LAST[(index * 3) % LAST.length],
      ...(index % 5 === 0 ? { companyName: `${LAST[index % LAST.length]} Holdings ${index}` } : {}),
      phoneNumbers: [
        { number: `tel:+1-512-555-${String(index % 10_000).padStart(4, '0')}`, primary: true, type: 'mobile' },
      ],
      homeAddress: { street1: `${100 + index} Bench Street`, city: 'Springfield', state: 'TX', postalCode: '78701' },
      version: 1,
    }));

    const jobs: Job[] = [];
    const appointments: Appointment[] = [];
    const addJob = (lifecycle: Job['lifecycle'], createdAt: number): Job => {
      const index = jobs.length;
      const job: Job = {
        id: `bench-job-${index}`,
        organizationId,
        sourceId: null,
        customerId: customers[index % customers.length].id,
        title: `${SERVICES[index % SERVICES.length]} #${index}`,
        serviceType: SERVICES[index % SERVICES.length],
        address: {
          street1: `${100 + (index % 5_000)} Bench Street`,
          city: 'Springfield',
          state: 'TX',
          postalCode: '78701',
        },
        timeWindows: [],
        lifecycle,
        createdAt,
        version: 1,
      };
      jobs.push(job);
      return job;
    };
    const addAppointment = (
      job: Job,
      technicianId: string,
      start: number,
      durationMinutes: number,
      status: Appointment['status'],
    ) => {
      appointments.push({
        id: `${job.id}-a1`,
        jobId: job.id,
        organizationId,
        technicianId,
        start,
        durationMinutes,
        status,
        version: 1,
      });
    };

    // Today: every bench technician gets the same share, spread over the working hours.
    const todayCount = Math.max(0, spec.appointmentsToday - (await countToday()));
    const perTechnician = Math.ceil(todayCount / owners.length);
    const workMinutes = (spec.endHour - spec.startHour) * 60;
    const spacing = Math.max(15, Math.floor(workMinutes / perTechnician / 15) * 15);
    for (let index = 0; index < todayCount; index++) {
      const technician = owners[index % owners.length];
      const slot = Math.floor(index / owners.length);
      const start = dayStart + spec.startHour * 60 * MINUTE + slot * spacing * MINUTE;
      const job = addJob('open', dayStart - 7 * DAY + index * MINUTE);
      addAppointment(job, technician.id, start, DURATIONS[index % DURATIONS.length], 'scheduled');
    }

    // The rest of the cache: 1 % waiting in the queue unscheduled, the others on the 60 days before and after.
    const others = Math.max(0, spec.jobs - (await db.jobs.count()) - jobs.length);
    for (let index = 0; index < others; index++) {
      if (index % 100 === 0) {
        addJob('open', dayStart - DAY + index * MINUTE);
        continue;
      }
      const offset = (index % 120) - 60 + (index % 120 >= 60 ? 1 : 0);
      const past = offset < 0;
      const job = addJob(past ? 'complete' : 'open', dayStart + (offset - 14) * DAY);
      const start = dayStart + offset * DAY + (spec.startHour + (index % 10)) * 60 * MINUTE;
      addAppointment(
        job,
        owners[index % owners.length].id,
        start,
        DURATIONS[index % DURATIONS.length],
        past ? 'complete' : 'scheduled',
      );
    }

    await put(db, { users, customers, jobs, appointments });
    return {
      database: name,
      technicians: (await readTechnicians(db, organizationId)).length,
      appointmentsToday: await countToday(),
      jobs: await db.jobs.count(),
      appointments: await db.appointments.count(),
      customers: await db.customers.count(),
      ms: performance.now() - startedAt,
    };
  } finally {
    db.close();
  }
}

const page: BoardSeedPage = {
  async signIn(email, password) {
    const signed = await signIn(location.origin, email, password);
    saveSession(signed);
    return { userId: signed.user.id };
  },
  sync,
  seed,
};
(globalThis as { bench?: BoardSeedPage }).bench = page;
document.title = 'board bench ready';
