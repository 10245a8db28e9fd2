import { describe, expect, test } from 'vitest';
import type { Appointment, Job, JobDisplayStatus } from '../../../../domain';
import type { JobSummary } from '../../../../renderer/data/views';
import {
  buildRows,
  countByStatus,
  DEFAULT_SORT,
  filterAndSort,
  searchRows,
  type JobRow,
  type RowSources,
} from '../../../../renderer/jobs/jobRows';

/** A morning in Austin: six jobs of CoolAir's, as the jobs list receives them (derived status and all). */
const DAY = Date.UTC(2031, 3, 3, 14);
const HOUR = 3_600_000;

const sources: RowSources = {
  customers: new Map([
    ['cus-maria', { firstName: 'Maria', lastName: 'Gonzalez' }],
    ['cus-emile', { firstName: 'Émile', lastName: 'Durand' }],
    ['cus-hotel', { firstName: '', lastName: '', companyName: 'Driskill Hotel' }],
    ['cus-zoe', { firstName: 'Zoe', lastName: 'Adams' }],
  ]),
  users: new Map([['u-tech1', { firstName: 'Luis', lastName: 'Herrera' }]]),
  organizations: new Map([['org-coolair', { name: 'CoolAir Heating & Cooling' }]]),
};

function job(
  id: string,
  title: string,
  customerId: string,
  createdAt: number,
  street1: string,
  extra: Partial<Job> = {},
): Job {
  return {
    id,
    organizationId: 'org-coolair',
    sourceId: null,
    customerId,
    title,
    address: { street1, city: 'Austin', state: 'TX', postalCode: '78701' },
    timeWindows: [],
    lifecycle: 'open',
    createdAt,
    version: 1,
    ...extra,
  };
}

function visit(
  id: string,
  jobId: string,
  start: number,
  status: Appointment['status'],
  technicianId: string | null = 'u-tech1',
): Appointment {
  return { id, jobId, organizationId: 'org-coolair', technicianId, start, durationMinutes: 120, status, version: 1 };
}

const summary = (
  status: JobDisplayStatus,
  jobValue: Job,
  appointments: Appointment[] = [],
  pending = false,
): JobSummary => ({ job: jobValue, status, appointments, pending });

const SUMMARIES: JobSummary[] = [
  summary(
    'scheduled',
    job('job-1001', 'No heat upstairs', 'cus-maria', DAY - 5 * HOUR, '2204 Enfield Rd', {
      address: { street1: '2204 Enfield Rd', street2: 'Unit 4', city: 'Austin', state: 'TX', postalCode: '78703' },
    }),
    [
      visit('a-later', 'job-1001', DAY + 4 * HOUR, 'scheduled'),
      visit('a-earlier', 'job-1001', DAY + 1 * HOUR, 'scheduled', null),
      visit('a-done', 'job-1001', DAY - 24 * HOUR, 'complete'),
    ],
  ),
  summary('in_progress', job('job-1002', 'Water heater leaking', 'cus-emile', DAY - 4 * HOUR, '9301 Brodie Ln'), [
    visit('b-next', 'job-1002', DAY + 1 * HOUR, 'scheduled'),
    visit('b-started', 'job-1002', DAY + 3 * HOUR, 'started'),
  ]),
  summary('unscheduled', job('job-1003', 'Ice machine down', 'cus-hotel', DAY - 3 * HOUR, '604 Brazos St')),
  summary(
    'offered',
    job('job-1004', 'AC blowing warm air', 'cus-zoe', DAY - 2 * HOUR, '4512 Avenue H', {
      sourceId: 'org-acme',
      lifecycle: 'offered',
    }),
    [],
    true,
  ),
  summary('paused', job('job-1005', 'Furnace short-cycling', 'cus-maria', DAY - 1 * HOUR, '1807 W 35th St')),
  summary('complete', job('job-1006', 'annual maintenance', 'cus-unknown', DAY - 6 * HOUR, '11 Rainey St')),
];

const rows = buildRows(SUMMARIES, sources);
const ids = (list: readonly JobRow[]) => list.map((row) => row.id);

describe('a jobs list row', () => {
  test('names the customer (a company when there is no person), and the street and city line', () => {
    const [first, , hotel] = rows;
    expect(first).toMatchObject({
      customerName: 'Maria Gonzalez',
      street: '2204 Enfield Rd, Unit 4',
      city: 'Austin, TX 78703',
      providerName: 'CoolAir Heating & Cooling',
    });
    expect(hotel.customerName).toBe('Driskill Hotel');
    expect(rows[5].customerName).toBe('');
  });

  test('shows the next appointment: the earliest scheduled one, or the one under way before anything else', () => {
    // Unassigned appointments say so (null), rather than naming nobody.
    expect(rows[0].next).toEqual({
      appointmentId: 'a-earlier',
      start: DAY + HOUR,
      status: 'scheduled',
      technicianName: null,
    });
    expect(rows[1].next).toEqual({
      appointmentId: 'b-started',
      start: DAY + 3 * HOUR,
      status: 'started',
      technicianName: 'Luis Herrera',
    });
    // Only scheduled and in-progress jobs have a "next" to show.
    expect(rows.slice(2).map((row) => row.next)).toEqual([null, null, null, null]);
  });

  test('an unchanged job keeps its row object, so the list re-renders only what changed', () => {
    const previous = new Map(rows.map((row) => [row.id, row]));
    const changed = SUMMARIES.map((entry) =>
      entry.job.id === 'job-1003' ? { ...entry, job: { ...entry.job, title: 'Ice machine still down' } } : entry,
    );
    const again = buildRows(changed, sources, previous);
    expect(again[0]).toBe(rows[0]);
    expect(again[2]).not.toBe(rows[2]);
    expect(searchRows(again, 'still')).toEqual([again[2]]);
  });
});

describe('searching the jobs list', () => {
  test('by job title, any case, every word anywhere in the row', () => {
    expect(ids(searchRows(rows, 'WATER'))).toEqual(['job-1002']);
    expect(ids(searchRows(rows, 'leaking heater'))).toEqual(['job-1002']);
    expect(ids(searchRows(rows, 'heater furnace'))).toEqual([]);
  });

  test('by job number, customer and address', () => {
    expect(ids(searchRows(rows, '1005'))).toEqual(['job-1005']);
    expect(ids(searchRows(rows, 'maria'))).toEqual(['job-1001', 'job-1005']);
    expect(ids(searchRows(rows, 'driskill'))).toEqual(['job-1003']);
    expect(ids(searchRows(rows, 'enfield unit 4'))).toEqual(['job-1001']);
    expect(ids(searchRows(rows, '78703'))).toEqual(['job-1001']);
    expect(ids(searchRows(rows, 'maria furnace'))).toEqual(['job-1005']);
  });

  test('an empty search shows every job', () => {
    expect(searchRows(rows, '   ')).toBe(rows);
  });
});

describe('filtering and sorting the jobs list', () => {
  test('newest first by default; no status selected shows all', () => {
    expect(ids(filterAndSort(rows, [], DEFAULT_SORT))).toEqual([
      'job-1005',
      'job-1004',
      'job-1003',
      'job-1002',
      'job-1001',
      'job-1006',
    ]);
  });

  test('by one or several statuses, with counts for the filter chips', () => {
    expect(ids(filterAndSort(rows, ['paused'], DEFAULT_SORT))).toEqual(['job-1005']);
    expect(ids(filterAndSort(rows, ['offered', 'unscheduled'], DEFAULT_SORT))).toEqual(['job-1004', 'job-1003']);
    expect(countByStatus(rows)).toMatchObject({
      offered: 1,
      unscheduled: 1,
      scheduled: 1,
      in_progress: 1,
      paused: 1,
      complete: 1,
      canceled: 0,
    });
  });

  test('by status in the order a job moves through them, either way', () => {
    const order = ['job-1004', 'job-1003', 'job-1001', 'job-1002', 'job-1005', 'job-1006'];
    expect(ids(filterAndSort(rows, [], { key: 'status', direction: 'asc' }))).toEqual(order);
    expect(ids(filterAndSort(rows, [], { key: 'status', direction: 'desc' }))).toEqual([...order].reverse());
  });

  test('by title A to Z ignoring case, and by customer ignoring accents, nameless customers last either way', () => {
    expect(ids(filterAndSort(rows, [], { key: 'title', direction: 'asc' }))).toEqual([
      'job-1004',
      'job-1006',
      'job-1005',
      'job-1003',
      'job-1001',
      'job-1002',
    ]);
    // Driskill, Émile (as Emile), Maria ×2 (newest first), Zoe; the job without a customer name at the end.
    expect(ids(filterAndSort(rows, [], { key: 'customer', direction: 'asc' }))).toEqual([
      'job-1003',
      'job-1002',
      'job-1005',
      'job-1001',
      'job-1004',
      'job-1006',
    ]);
    expect(ids(filterAndSort(rows, [], { key: 'customer', direction: 'desc' })).at(-1)).toBe('job-1006');
  });

  test('by next appointment: soonest first, jobs with nothing coming last', () => {
    const sorted = filterAndSort(rows, [], { key: 'next', direction: 'asc' });
    expect(ids(sorted).slice(0, 2)).toEqual(['job-1001', 'job-1002']);
    expect(ids(filterAndSort(rows, [], { key: 'next', direction: 'desc' })).slice(0, 2)).toEqual([
      'job-1002',
      'job-1001',
    ]);
    expect(ids(filterAndSort(rows, ['scheduled', 'paused'], { key: 'next', direction: 'desc' }))).toEqual([
      'job-1001',
      'job-1005',
    ]);
  });
});
