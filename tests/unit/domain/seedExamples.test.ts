/** The seed's own examples ("Understanding Status (appts and jobs)"), each as a named test. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPLETE_REASONS, type Appointment } from '../../../domain';
import {
  ACTORS,
  APPOINTMENT_ID,
  at,
  CUSTOMER,
  JOB_ID,
  makeAppointment,
  makeJob,
  makeState,
  NOW,
  SAM,
  stateOf,
  statusOf,
  step,
  TOM,
  TOMORROW_9,
} from './fixtures';

const { dispatcher, technician, enterprise } = ACTORS;
const setStatus = (status: string, extra: object = {}) => ({ appointmentId: APPOINTMENT_ID, status, ...extra });
const secondVisit = { jobId: JOB_ID, id: 'a2', technicianId: TOM.id, start: TOMORROW_9 };

describe('the seed, example by example', () => {
  it('first appointment completed "Waiting For Parts", second scheduled to install the part → Scheduled', () => {
    const partsOrdered = step(
      stateOf('in_progress/started'),
      technician,
      'appointment.setStatus',
      setStatus('complete', { completeReasonId: 'cr-waiting-for-parts' }),
    );
    expect(statusOf(partsOrdered.state)).toBe('paused');
    const installVisit = step(partsOrdered.state, dispatcher, 'appointment.create', secondVisit);
    expect(statusOf(installVisit.state)).toBe('scheduled');
    expect(installVisit.state.appointments.map((appointment) => appointment.status)).toEqual(['complete', 'scheduled']);
  });

  it('shows Scheduled for the seed screenshot: a completed "ordering parts" visit and a scheduled one', () => {
    const state = makeState(makeJob(), [
      makeAppointment({ status: 'complete', completedAt: at(11), completeReasonId: 'cr-waiting-for-parts' }),
      makeAppointment({ id: 'a2', start: TOMORROW_9 }),
    ]);
    expect(statusOf(state)).toBe('scheduled');
  });

  it('complete with "Repaired (job completed)" → Complete', () => {
    const { state, effect } = step(
      stateOf('in_progress/started'),
      technician,
      'appointment.setStatus',
      setStatus('complete', { completeReasonId: 'cr-repaired' }),
    );
    expect(statusOf(state)).toBe('complete');
    expect(effect.job.lifecycle).toBe('complete');
    expect(effect.appointments[0]).toMatchObject({
      status: 'complete',
      completeReasonId: 'cr-repaired',
      completedAt: NOW - 60_000,
    });
    expect(effect.activity.map((draft) => draft.summary)).toEqual([
      'Appointment completed: Repaired (job completed)',
      'Job is now Complete',
    ]);
  });

  it('accept without an appointment → Unscheduled', () => {
    const { state, effect } = step(stateOf('offered'), dispatcher, 'job.accept', { jobId: JOB_ID });
    expect(statusOf(state)).toBe('unscheduled');
    expect(effect.appointments).toEqual([]);
    expect(effect.activity[0]).toMatchObject({ kind: 'job.accepted', from: 'offered', to: 'unscheduled' });
  });

  it('accept with an appointment (one command) → Scheduled', () => {
    const { state, effect } = step(stateOf('offered'), dispatcher, 'job.accept', {
      jobId: JOB_ID,
      appointment: { id: 'a-new', technicianId: TOM.id, start: TOMORROW_9, durationMinutes: 90 },
    });
    expect(statusOf(state)).toBe('scheduled');
    expect(effect.appointments).toEqual([
      expect.objectContaining({
        id: 'a-new',
        jobId: JOB_ID,
        technicianId: TOM.id,
        start: TOMORROW_9,
        durationMinutes: 90,
        status: 'scheduled',
      }),
    ]);
    expect(effect.activity.map((draft) => draft.kind)).toEqual(['job.accepted', 'appointment.scheduled']);
    expect(effect.activity[1]!.summary).toBe('Appointment scheduled with Tom Baker');
  });

  it('On My Way → In Progress, and the customer gets one text with the ETA on the primary phone', () => {
    const { state, effect } = step(
      stateOf('scheduled'),
      technician,
      'appointment.setStatus',
      setStatus('enroute', { etaMinutes: 25 }),
    );
    expect(statusOf(state)).toBe('in_progress');
    expect(effect.appointments[0]).toMatchObject({ status: 'enroute', etaMinutes: 25, enrouteAt: NOW - 60_000 });
    expect(effect.notifications).toEqual([
      {
        jobId: JOB_ID,
        appointmentId: APPOINTMENT_ID,
        customerId: CUSTOMER.id,
        channel: 'sms',
        to: 'tel:+1-555-0101',
        body: 'Hi Maria, Tom from Acme Heating is on the way and should arrive in about 25 minutes.',
      },
    ]);
    expect(effect.activity[0]!.summary).toBe('On My Way, ETA 25 min (customer texted)');
  });

  // "Start Appointment ... lets the customer know that they have arrived."
  it.each(['scheduled', 'in_progress/enroute'] as const)(
    'Start from %s → In Progress, and the customer is texted the arrival',
    (from) => {
      const { state, effect } = step(stateOf(from), technician, 'appointment.setStatus', setStatus('started'));
      expect(statusOf(state)).toBe('in_progress');
      expect(effect.appointments[0]).toMatchObject({ status: 'started', startedAt: NOW - 60_000 });
      expect(effect.notifications).toEqual([
        {
          jobId: JOB_ID,
          appointmentId: APPOINTMENT_ID,
          customerId: CUSTOMER.id,
          channel: 'sms',
          to: 'tel:+1-555-0101',
          body: 'Hi Maria, Tom from Acme Heating has arrived and is starting work.',
        },
      ]);
      expect(effect.activity[0]!.summary).toBe('Appointment started (customer texted)');
    },
  );

  it('undo On My Way → Scheduled, and the ETA is forgotten', () => {
    const { state, effect } = step(
      stateOf('in_progress/enroute'),
      technician,
      'appointment.setStatus',
      setStatus('scheduled'),
    );
    expect(statusOf(state)).toBe('scheduled');
    expect(effect.appointments[0]).toMatchObject({ status: 'scheduled', enrouteAt: undefined, etaMinutes: undefined });
    expect(effect.notifications).toEqual([]);
    expect(effect.activity[0]!.summary).toBe('On My Way undone');
  });

  // "Usually, there is one option that Completes the job, whereas the rest move it into a Paused status."
  it.each(
    DEFAULT_COMPLETE_REASONS.map(
      (reason) => [reason.label, reason.id, reason.effect === 'complete' ? 'complete' : 'paused'] as const,
    ),
  )('complete the last visit with "%s" → %s', (_label, completeReasonId, expected) => {
    const { state } = step(
      stateOf('in_progress/started'),
      technician,
      'appointment.setStatus',
      setStatus('complete', { completeReasonId }),
    );
    expect(statusOf(state)).toBe(expected);
  });

  it("defaults include the seed's reasons with their effects", () => {
    expect(DEFAULT_COMPLETE_REASONS.map((reason) => [reason.label, reason.effect])).toEqual([
      ['Repaired (job completed)', 'complete'],
      ['Ready For Billing', 'complete'],
      ['Waiting For Parts', 'pause'],
      ['Requires Follow-Up Appointment', 'pause'],
      ['No Show', 'pause'],
      ['Customer Not Home', 'pause'],
      ['Interrupted — emergency call', 'pause'],
    ]);
  });

  it('paused → "Complete Job" → Complete', () => {
    const { state, effect } = step(stateOf('paused'), dispatcher, 'job.complete', { jobId: JOB_ID });
    expect(statusOf(state)).toBe('complete');
    expect(effect.activity[0]).toMatchObject({ kind: 'job.completed', from: 'paused', to: 'complete' });
  });

  it('paused → new appointment → Scheduled', () => {
    const { state, effect } = step(stateOf('paused'), dispatcher, 'appointment.create', secondVisit);
    expect(statusOf(state)).toBe('scheduled');
    expect(effect.activity.map((draft) => [draft.kind, draft.from, draft.to])).toEqual([
      ['appointment.scheduled', null, TOMORROW_9],
      ['job.status', 'paused', 'scheduled'],
    ]);
  });

  it('complete → new appointment → Scheduled (a revisit; the job stays complete underneath)', () => {
    const { state, effect } = step(stateOf('complete'), dispatcher, 'appointment.create', secondVisit);
    expect(effect.job.lifecycle).toBe('complete');
    expect(statusOf(state)).toBe('scheduled');
    expect(effect.activity.at(-1)).toMatchObject({ kind: 'job.status', from: 'complete', to: 'scheduled' });
  });

  it('cancel job cascades to its live appointments and leaves finished ones alone', () => {
    const finished = makeAppointment({
      id: 'a0',
      status: 'complete',
      completedAt: at(9),
      completeReasonId: 'cr-follow-up',
    });
    const live: Appointment[] = [
      makeAppointment(),
      makeAppointment({ id: 'a2', technicianId: SAM.id, start: TOMORROW_9 }),
    ];
    const { state, effect } = step(makeState(makeJob(), [finished, ...live]), enterprise, 'job.cancel', {
      jobId: JOB_ID,
      reason: 'Customer bought a new furnace',
    });
    expect(statusOf(state)).toBe('canceled');
    expect(effect.job).toMatchObject({
      lifecycle: 'canceled',
      closedReason: 'Customer bought a new furnace',
      updatedBy: 'Erin Walsh',
    });
    expect(
      effect.appointments.map((appointment) => [appointment.id, appointment.status, appointment.canceledAt]),
    ).toEqual([
      ['a1', 'canceled', NOW - 60_000],
      ['a2', 'canceled', NOW - 60_000],
    ]);
    expect(state.appointments.find((appointment) => appointment.id === 'a0')!.status).toBe('complete');
    expect(effect.activity.map((draft) => [draft.kind, draft.appointmentId ?? null])).toEqual([
      ['job.canceled', null],
      ['appointment.status', 'a1'],
      ['appointment.status', 'a2'],
    ]);
  });

  it('walks one job through the whole seed: offer, accept and schedule, On My Way, start, parts, install, repaired', () => {
    const seen: string[] = [];
    let state = makeState(undefined);
    const next = (actor: (typeof ACTORS)[keyof typeof ACTORS], name: string, args: unknown) => {
      state = step(state, actor, name, args).state;
      seen.push(statusOf(state));
    };
    next(enterprise, 'job.offer', {
      jobId: JOB_ID,
      organizationId: 'prov-1',
      title: 'Furnace not heating',
      address: { street1: '12 Elm St', city: 'Springfield', timezone: 'America/New_York' },
      customer: { id: 'cust-1', firstName: 'Maria', phoneNumbers: [{ number: 'tel:+1-555-0101', primary: true }] },
    });
    next(dispatcher, 'job.accept', { jobId: JOB_ID, appointment: { id: 'a1', technicianId: TOM.id, start: at(10) } });
    next(technician, 'appointment.setStatus', setStatus('enroute', { etaMinutes: 15 }));
    next(technician, 'appointment.setStatus', setStatus('started'));
    next(technician, 'appointment.setStatus', setStatus('complete', { completeReasonId: 'cr-waiting-for-parts' }));
    next(dispatcher, 'appointment.create', secondVisit);
    next(technician, 'appointment.setStatus', { appointmentId: 'a2', status: 'started' });
    next(technician, 'appointment.setStatus', {
      appointmentId: 'a2',
      status: 'complete',
      completeReasonId: 'cr-repaired',
    });
    expect(seen).toEqual([
      'offered',
      'scheduled',
      'in_progress',
      'in_progress',
      'paused',
      'scheduled',
      'in_progress',
      'complete',
    ]);
  });
});
