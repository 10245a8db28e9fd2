import { describe, expect, test } from 'vitest';
import { customerName, type Appointment, type Customer, type Job } from '../../../../domain';
import { buildLane } from '../../../../renderer/board/lanes';
import { APPOINTMENT_STATUS, personName } from '../../../../renderer/kit/labels';

const household = { firstName: 'Maria', lastName: 'Gonzalez', companyName: 'Gonzalez Bakery' };

describe('names, one way everywhere', () => {
  test('a customer is the person first, the company only when no person is on file', () => {
    expect(customerName(household)).toBe('Maria Gonzalez');
    expect(customerName({ firstName: '', lastName: '', companyName: 'Driskill Hotel' })).toBe('Driskill Hotel');
    expect(customerName(undefined)).toBe('');
  });

  test("the board names a block's customer as the jobs list does (it used to put the company first)", () => {
    const job = { id: 'job-1', title: 'No heat', serviceType: 'hvac' } as Job;
    const appointment = {
      id: 'apt-1',
      jobId: 'job-1',
      start: 0,
      durationMinutes: 60,
      technicianId: null,
      status: 'scheduled',
    } as Appointment;
    const lane = buildLane(
      'lane',
      [{ appointment, job, jobStatus: 'scheduled', pending: false, customer: household as Customer, noteCount: 0 }],
      undefined,
    );
    expect(lane.blocks[0]!.customerName).toBe('Maria Gonzalez');
  });

  test('a provider-side person, and nobody', () => {
    expect(personName({ firstName: 'Luis', lastName: 'Herrera' })).toBe('Luis Herrera');
    expect(personName(undefined)).toBe('Unassigned');
  });

  test('one label per appointment status', () => {
    expect(
      Object.fromEntries(Object.entries(APPOINTMENT_STATUS).map(([status, { label }]) => [status, label])),
    ).toEqual({
      scheduled: 'Scheduled',
      enroute: 'On My Way',
      started: 'Started',
      complete: 'Complete',
      canceled: 'Canceled',
    });
  });
});
