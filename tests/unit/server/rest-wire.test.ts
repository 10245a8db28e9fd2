import { describe, expect, test } from 'vitest';
import type { ActivityEvent } from '../../../domain';
import {
  activityToWire,
  appointmentToWire,
  completeReasonToWire,
  customerToWire,
  DurationSeconds,
  IsoTime,
  jobToWire,
  locationToWire,
  WireCustomerInput,
  WireLocation,
  WireTimeWindows,
} from '../../../server/rest/wire';
import { at, COMPLETE_REASONS, CUSTOMER, ENTERPRISE_REASON, makeAppointment, makeJob } from '../domain/fixtures';

/**
 * The integration API's wire format (snake_case, ISO 8601 with an offset, durations in seconds) against
 * the domain's (camelCase, epoch ms, minutes): each way, and what is refused on the way in.
 */
describe('REST wire inputs', () => {
  test('an ISO 8601 time with an offset is read as epoch milliseconds', () => {
    expect(IsoTime.parse('2025-06-10T14:00:00Z')).toBe(Date.UTC(2025, 5, 10, 14));
    expect(IsoTime.parse('2025-06-10T10:00:00-04:00')).toBe(Date.UTC(2025, 5, 10, 14));
    expect(IsoTime.parse('2025-06-10T14:00:00.250+00:00')).toBe(Date.UTC(2025, 5, 10, 14) + 250);
  });

  test('a time without an offset, or not a time, is refused with an example of the format', () => {
    for (const text of ['2025-06-10T14:00:00', '2025-06-10', 'tomorrow', '']) {
      const parsed = IsoTime.safeParse(text);
      expect(parsed.success, text).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/ISO 8601 time with an offset/);
    }
    expect(IsoTime.safeParse(1_750_000_000_000).success).toBe(false);
  });

  test('durations are whole minutes sent as seconds, from 5 minutes to a day', () => {
    expect(DurationSeconds.parse(3_600)).toBe(60);
    expect(DurationSeconds.parse(300)).toBe(5);
    expect(DurationSeconds.parse(86_400)).toBe(1_440);
    for (const seconds of [299, 86_460, 90 * 60 + 30, 1.5, -600])
      expect(DurationSeconds.safeParse(seconds).success, String(seconds)).toBe(false);
    expect(DurationSeconds.safeParse(5_430).error?.issues[0]?.message).toBe(
      'duration is in seconds and must be whole minutes',
    );
  });

  test('a location: snake_case in, camelCase out, nulls dropped; unknown keys refused', () => {
    expect(
      WireLocation.parse({
        street_1: '12 Elm St',
        street_2: null,
        city: 'Springfield',
        state: 'MA',
        postal_code: '01101',
        timezone: 'America/New_York',
      }),
    ).toEqual({
      street1: '12 Elm St',
      city: 'Springfield',
      state: 'MA',
      postalCode: '01101',
      timezone: 'America/New_York',
    });
    expect(WireLocation.safeParse({ street_1: '12 Elm St', city: 'Springfield', street1: 'x' }).success).toBe(false);
    expect(WireLocation.safeParse({ street_1: '12 Elm St', city: 'Springfield', state: 'Mass' }).success).toBe(false);
    expect(WireLocation.safeParse({ street_1: '  ', city: 'Springfield' }).success).toBe(false);
  });

  test('time windows: start_time/end_time in, start/end out; at most 3, each ending after it starts', () => {
    const window = { start_time: '2025-06-10T12:00:00Z', end_time: '2025-06-10T16:00:00Z' };
    expect(WireTimeWindows.parse([window])).toEqual([
      { start: Date.UTC(2025, 5, 10, 12), end: Date.UTC(2025, 5, 10, 16) },
    ]);
    expect(WireTimeWindows.safeParse([window, window, window, window]).error?.issues[0]?.message).toBe(
      'at most 3 time windows',
    );
    const backwards = WireTimeWindows.safeParse([{ start_time: window.end_time, end_time: window.start_time }]);
    expect(backwards.error?.issues[0]?.message).toBe('a time window ends after it starts');
  });

  test("a new job's customer: snake_case in, absent phone numbers read as none", () => {
    expect(
      WireCustomerInput.parse({
        first_name: 'Maria',
        last_name: 'Lopez',
        company_name: null,
        email: 'maria@example.test',
      }),
    ).toEqual({
      firstName: 'Maria',
      lastName: 'Lopez',
      email: 'maria@example.test',
      phoneNumbers: [],
    });
    expect(WireCustomerInput.safeParse({ first_name: 'Maria', email: 'not an address' }).success).toBe(false);
  });
});

describe('REST wire outputs', () => {
  test('a location goes out with every key, absent fields as null, and reads back the same', () => {
    const location = { street1: '12 Elm St', city: 'Springfield', state: 'MA' };
    const wire = locationToWire(location);
    expect(wire).toEqual({
      street_1: '12 Elm St',
      street_2: null,
      city: 'Springfield',
      state: 'MA',
      postal_code: null,
      timezone: null,
    });
    expect(WireLocation.parse(wire)).toEqual(location);
  });

  test('a customer', () => {
    expect(customerToWire(CUSTOMER)).toEqual({
      id: 'cust-1',
      organization_id: 'prov-1',
      first_name: 'Maria',
      last_name: 'Lopez',
      company_name: null,
      email: null,
      phone_numbers: [
        { number: 'tel:+1-555-0100', primary: false, type: 'home' },
        { number: 'tel:+1-555-0101', primary: true, type: 'mobile' },
      ],
      home_address: null,
      notes: null,
      version: 1,
    });
  });

  test('an appointment: ISO times, duration in seconds, the technician as user_id', () => {
    const appointment = makeAppointment({ status: 'enroute', enrouteAt: at(9, 50), etaMinutes: 10 });
    expect(appointmentToWire(appointment)).toEqual({
      id: 'a1',
      job_id: 'job-1',
      organization_id: 'prov-1',
      time: '2025-06-10T14:00:00.000Z',
      duration: 7_200,
      user_id: 'u-tom',
      status: 'enroute',
      eta_minutes: 10,
      complete_reason_id: null,
      enroute_at: '2025-06-10T13:50:00.000Z',
      started_at: null,
      completed_at: null,
      version: 7,
    });
  });

  test('a job: the API status beside the display status, its customer and windows on the wire', () => {
    const job = makeJob({ timeWindows: [{ start: at(12), end: at(16) }], externalIds: ['WC-1'] });
    const wire = jobToWire(
      job,
      [makeAppointment({ status: 'started', startedAt: at(10, 2) })],
      CUSTOMER,
      COMPLETE_REASONS,
    );
    // A started visit is "in progress" to a dispatcher; the API's status set has no such value.
    expect(wire).toMatchObject({
      status: 'scheduled',
      display_status: 'in_progress',
      status_message: null,
      external_ids: ['WC-1'],
      created_at: '2025-06-10T12:00:00.000Z',
      updated_at: null,
    });
    expect(wire.time_windows).toEqual([
      { start_time: '2025-06-10T16:00:00.000Z', end_time: '2025-06-10T20:00:00.000Z' },
    ]);
    expect(wire.customer).toEqual(customerToWire(CUSTOMER));
    expect(wire.address).toEqual(locationToWire(job.address));
    expect(
      jobToWire(
        makeJob({ lifecycle: 'rejected', closedReason: 'Outside our service area' }),
        [],
        undefined,
        COMPLETE_REASONS,
      ),
    ).toMatchObject({
      status: 'rejected',
      status_message: 'Outside our service area',
      customer: null,
    });
  });

  test('an activity row names fields as the wire does, with times and durations converted', () => {
    const event: ActivityEvent = {
      id: 'act-1',
      organizationId: 'prov-1',
      jobId: 'job-1',
      appointmentId: 'a1',
      kind: 'appointment.moved',
      field: 'start',
      from: at(10),
      to: at(11),
      summary: 'Moved to 11:00',
      actorUserId: 'u-dana',
      actorName: 'Dana Reyes',
      actorRole: 'dispatcher',
      source: 'console',
      occurredAt: at(9),
      receivedAt: at(9, 1),
      offline: false,
      version: 1,
    };
    expect(activityToWire(event)).toMatchObject({
      field: 'time',
      from: '2025-06-10T14:00:00.000Z',
      to: '2025-06-10T15:00:00.000Z',
      occurred_at: '2025-06-10T13:00:00.000Z',
    });
    expect(activityToWire({ ...event, field: 'durationMinutes', from: 60, to: 90 })).toMatchObject({
      field: 'duration',
      from: 3_600,
      to: 5_400,
    });
    expect(activityToWire({ ...event, field: 'start,technicianId', from: null, to: null })).toMatchObject({
      field: 'time,user_id',
      from: null,
      to: null,
    });
    expect(
      activityToWire({ ...event, field: undefined, from: undefined, to: undefined, appointmentId: undefined }),
    ).toMatchObject({ field: null, from: null, to: null, appointment_id: null });
  });

  test('a complete reason, archived or not (absent reads as not)', () => {
    expect(completeReasonToWire(ENTERPRISE_REASON)).toEqual({
      id: 'cr-e1-invoiced',
      label: 'Invoiced to Warranty Co',
      effect: 'complete',
      source_id: 'ent-1',
      archived: false,
    });
    expect(completeReasonToWire({ ...ENTERPRISE_REASON, archived: true })).toMatchObject({ archived: true });
  });
});
