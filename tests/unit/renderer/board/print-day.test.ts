import { describe, expect, test } from 'vitest';
import type { Appointment, Customer, Job, Note, User } from '../../../../domain';
import { printDayPages } from '../../../../renderer/board/printDay';

const DAY = Date.UTC(2026, 2, 3, 6); // midnight in Chicago
const HOUR = 3_600_000;

const tech = (id: string, firstName: string, lastName: string) =>
  ({ id, firstName, lastName, roles: ['technician'], organizationId: 'org' }) as unknown as User;
const appointment = (id: string, jobId: string, technicianId: string | null, start: number, status = 'scheduled') =>
  ({ id, jobId, technicianId, start, durationMinutes: 90, status }) as unknown as Appointment;
const job = (id: string, title: string, customerId: string) =>
  ({
    id,
    title,
    customerId,
    serviceType: 'HVAC',
    address: { street1: '12 Elm St', city: 'Austin', state: 'TX', postalCode: '78701' },
  }) as unknown as Job;
const customer = (id: string, firstName: string, phones: [string, boolean][]) =>
  ({
    id,
    firstName,
    lastName: 'Ng',
    phoneNumbers: phones.map(([number, primary]) => ({ number, primary })),
  }) as unknown as Customer;
const note = (id: string, jobId: string, text: string, writtenAt: number, appointmentId?: string) =>
  ({ id, jobId, text, writtenAt, appointmentId, authorName: 'Dana Whitfield' }) as unknown as Note;

describe('printDayPages', () => {
  const sources = {
    from: DAY,
    to: DAY + 24 * HOUR,
    technicians: [tech('t-ravi', 'Ravi', 'Patel'), tech('t-ana', 'Ana', 'Cruz'), tech('t-idle', 'Zed', 'Idle')],
    appointments: [
      appointment('a-late', 'j-2', 't-ana', DAY + 14 * HOUR),
      appointment('a-early', 'j-1', 't-ana', DAY + 8 * HOUR),
      appointment('a-ravi', 'j-3', 't-ravi', DAY + 9 * HOUR),
      appointment('a-canceled', 'j-1', 't-ravi', DAY + 10 * HOUR, 'canceled'),
      appointment('a-unassigned', 'j-3', null, DAY + 11 * HOUR),
      appointment('a-tomorrow', 'j-3', 't-ravi', DAY + 25 * HOUR),
      appointment('a-yesterday', 'j-3', 't-ravi', DAY - HOUR),
    ],
    jobs: new Map([
      ['j-1', job('j-1', 'No heat', 'c-1')],
      ['j-2', job('j-2', 'Tune-up', 'c-2')],
      ['j-3', job('j-3', 'Leak', 'c-1')],
    ]),
    customers: new Map([
      [
        'c-1',
        customer('c-1', 'Lee', [
          ['tel:+1-512-555-0101', false],
          ['tel:+1-512-555-0102', true],
        ]),
      ],
      ['c-2', customer('c-2', 'Kim', [])],
    ]),
    notes: [
      note('n-2', 'j-1', 'bring the ladder', DAY + 2),
      note('n-1', 'j-1', 'gate code 4411', DAY + 1),
      note('n-other-visit', 'j-3', 'only for the revisit', DAY, 'a-tomorrow'),
      note('n-this-visit', 'j-3', 'dog in the yard', DAY, 'a-ravi'),
    ],
  };

  test('a page per technician with visits that day, by name; the visits in time order', () => {
    const pages = printDayPages(sources);
    expect(pages.map((page) => page.technician)).toEqual(['Ana Cruz', 'Ravi Patel']);
    expect(pages[0].visits.map((visit) => visit.appointmentId)).toEqual(['a-early', 'a-late']);
    // Canceled, unassigned, and other days' visits are not printed.
    expect(pages[1].visits.map((visit) => visit.appointmentId)).toEqual(['a-ravi']);
  });

  test("each visit has its time, customer, address, primary phone, job and notes (the job's and its own)", () => {
    const [ana, ravi] = printDayPages(sources);
    expect(ana.visits[0]).toEqual({
      appointmentId: 'a-early',
      jobId: 'j-1',
      start: DAY + 8 * HOUR,
      end: DAY + 9.5 * HOUR,
      customer: 'Lee Ng',
      address: '12 Elm St, Austin, TX 78701',
      phone: '+1-512-555-0102',
      job: 'No heat',
      serviceType: 'HVAC',
      notes: ['Dana Whitfield: gate code 4411', 'Dana Whitfield: bring the ladder'],
    });
    expect(ana.visits[1]).toMatchObject({ customer: 'Kim Ng', phone: '', notes: [] });
    expect(ravi.visits[0].notes).toEqual(['Dana Whitfield: dog in the yard']);
  });

  test('a day without visits prints no pages', () => {
    expect(printDayPages({ ...sources, from: DAY + 48 * HOUR, to: DAY + 72 * HOUR })).toEqual([]);
  });
});
