/** Warnings before a visit is placed (domain/scheduling/warnings.ts), and how an overruled one is recorded. */
import { describe, expect, it } from 'vitest';
import { schedulingWarnings, type Appointment, type SchedulingWarningCode } from '../../../domain';
import { overruledSummary } from '../../../domain/scheduling/warnings';
import {
  ACTORS,
  APPOINTMENT_ID,
  expectApplied,
  makeAppointment,
  makeJob,
  makeState,
  PROVIDER,
  run,
  SAM,
  TOM,
} from './fixtures';

const CHICAGO = 'America/Chicago';
/** A time on Tuesday 14 July 2026 on Chicago's clock (UTC−5). */
const chicago = (hour: number, minute = 0) => Date.UTC(2026, 6, 14, hour + 5, minute);

const visit = (id: string, hour: number, minutes: number, overrides: Partial<Appointment> = {}): Appointment =>
  makeAppointment({ id, jobId: `job-${id}`, start: chicago(hour), durationMinutes: minutes, ...overrides });

const codes = (warnings: { code: SchedulingWarningCode }[]) => warnings.map((warning) => warning.code);

describe('DOUBLE_BOOKED: the technician already has a visit then', () => {
  const day = [visit('b1', 10, 120), visit('b2', 14, 60)];
  const cases: [string, number, number, Partial<Appointment>[] | null, SchedulingWarningCode[]][] = [
    ['overlapping the start of a visit', 9, 120, null, ['DOUBLE_BOOKED']],
    ['inside a visit', 10.5, 30, null, ['DOUBLE_BOOKED']],
    ['covering two visits', 9, 8 * 60, null, ['DOUBLE_BOOKED']],
    ['ending exactly when the next begins', 8, 120, null, []],
    ['starting exactly when the last ends', 12, 120, null, []],
    ['in a free gap', 12, 120, null, []],
    ['over a canceled visit', 10, 60, [{ status: 'canceled' }], []],
    ['over a completed visit', 10, 60, [{ status: 'complete' }], []],
    ['over a visit On My Way', 10, 60, [{ status: 'enroute' }], ['DOUBLE_BOOKED']],
    ['over a started visit', 10, 60, [{ status: 'started' }], ['DOUBLE_BOOKED']],
    ["over another technician's visit", 10, 60, [{ technicianId: SAM.id }], []],
  ];
  it.each(cases)('%s', (_name, hour, minutes, overrides, expected) => {
    const booked = overrides ? day.map((appointment, index) => ({ ...appointment, ...overrides[index] })) : day;
    const start = chicago(Math.floor(hour), (hour % 1) * 60);
    const warnings = schedulingWarnings({ technician: TOM, start, durationMinutes: minutes }, booked, CHICAGO);
    expect(codes(warnings)).toEqual(expected);
  });

  it('names the technician and the clashing visits on the office clock', () => {
    const [warning] = schedulingWarnings(
      { technician: TOM, start: chicago(9), durationMinutes: 8 * 60 },
      [...day].reverse(),
      CHICAGO,
    );
    expect(warning).toEqual({
      code: 'DOUBLE_BOOKED',
      message: 'Tom Baker is already booked 10:00 AM–12:00 PM and 2:00 PM–3:00 PM.',
    });
    // The same instants read on another office's clock.
    const [utc] = schedulingWarnings({ technician: TOM, start: chicago(9), durationMinutes: 120 }, day, 'UTC');
    expect(utc?.message).toBe('Tom Baker is already booked 3:00 PM–5:00 PM.');
  });

  it('lists three clashes, then counts the rest', () => {
    const busy = [8, 9, 10, 11, 12].map((hour) => visit(`h${hour}`, hour, 60));
    const [warning] = schedulingWarnings({ technician: TOM, start: chicago(8), durationMinutes: 300 }, busy, CHICAGO);
    expect(warning?.message).toBe(
      'Tom Baker is already booked 8:00 AM–9:00 AM, 9:00 AM–10:00 AM, 10:00 AM–11:00 AM and 2 more.',
    );
  });

  it('a moved visit never clashes with itself', () => {
    const self = visit(APPOINTMENT_ID, 10, 120);
    const moved = { technician: TOM, start: chicago(11), durationMinutes: 120, appointmentId: APPOINTMENT_ID };
    expect(schedulingWarnings(moved, [self], CHICAGO)).toEqual([]);
    expect(codes(schedulingWarnings({ ...moved, appointmentId: 'other' }, [self], CHICAGO))).toEqual(['DOUBLE_BOOKED']);
  });
});

describe("OUTSIDE_HOURS, TIME_OFF, MISSING_SKILLS: from the technician's availability and skills", () => {
  // Tuesdays 8:00 AM–5:00 PM on the office clock; off Tuesday 14 July 1:00–3:00 PM for the dentist.
  const jake = {
    ...TOM,
    availability: {
      weekly: [{ weekday: 2, start: '08:00', end: '17:00' }],
      timeOff: [{ start: chicago(13), end: chicago(15), reason: 'Dentist' }],
    },
    skills: ['hvac', 'EPA 608'],
  };
  const hvac = { serviceType: 'hvac', requiredTags: ['EPA 608'] };
  const cases: [string, number, number, Partial<typeof jake>, object | undefined, SchedulingWarningCode[]][] = [
    ['within hours, skilled', 9, 120, {}, hvac, []],
    ['starting before the day begins', 7, 120, {}, hvac, ['OUTSIDE_HOURS']],
    ['running past the end of the day', 16, 120, {}, hvac, ['OUTSIDE_HOURS']],
    ['ending exactly at closing time', 15, 120, {}, hvac, []],
    ['over time off', 12, 120, {}, hvac, ['TIME_OFF']],
    ['over time off and past closing', 14, 240, {}, hvac, ['OUTSIDE_HOURS', 'TIME_OFF']],
    [
      'on a day without hours',
      9,
      60,
      { availability: { weekly: [{ weekday: 3, start: '08:00', end: '17:00' }], timeOff: [] } },
      hvac,
      ['OUTSIDE_HOURS'],
    ],
    ['anytime when no hours were ever set', 22, 60, { availability: undefined }, hvac, []],
    ['without a required tag', 9, 60, { skills: ['hvac'] }, hvac, ['MISSING_SKILLS']],
    [
      'without the service type (case and spacing ignored for the rest)',
      9,
      60,
      { skills: ['epa  608'] },
      hvac,
      ['MISSING_SKILLS'],
    ],
    ['skills never recorded hold nobody back', 9, 60, { skills: undefined }, hvac, []],
    ['a job that needs nothing', 9, 60, { skills: [] }, {}, []],
    ['no job given: skills are not judged', 9, 60, { skills: [] }, undefined, []],
  ];
  it.each(cases)('%s', (_name, hour, minutes, overrides, job, expected) => {
    const technician = { ...jake, ...overrides };
    const warnings = schedulingWarnings(
      { technician, start: chicago(hour), durationMinutes: minutes, job },
      [],
      CHICAGO,
    );
    expect(codes(warnings)).toEqual(expected);
  });

  it('says what is wrong, naming the technician, the times and the hours', () => {
    const day = [visit('b1', 16, 60)];
    const warnings = schedulingWarnings(
      { technician: { ...jake, skills: [] }, start: chicago(14), durationMinutes: 240, job: hvac },
      day,
      CHICAGO,
    );
    expect(warnings).toEqual([
      { code: 'DOUBLE_BOOKED', message: 'Tom Baker is already booked 4:00 PM–5:00 PM.' },
      { code: 'OUTSIDE_HOURS', message: "2:00 PM–6:00 PM is outside Tom Baker's working hours (8:00 AM–5:00 PM)." },
      { code: 'TIME_OFF', message: 'Tom Baker is off during 2:00 PM–6:00 PM (Dentist).' },
      { code: 'MISSING_SKILLS', message: 'Tom Baker lacks HVAC and EPA 608.' },
    ]);
    const [dayOff] = schedulingWarnings(
      {
        technician: { ...jake, availability: { weekly: [{ weekday: 3, start: '08:00', end: '17:00' }], timeOff: [] } },
        start: chicago(9),
        durationMinutes: 60,
      },
      [],
      CHICAGO,
    );
    expect(dayOff?.message).toBe("9:00 AM–10:00 AM is outside Tom Baker's working hours (off that day).");
  });
});

describe('the activity records what the dispatcher overruled', () => {
  const office = { ...PROVIDER, timeZone: CHICAGO };
  const stateWith = (appointments: Appointment[] = []) => {
    const state = makeState(makeJob(), appointments);
    return { ...state, organization: (id: string) => (id === office.id ? office : state.organization(id)) };
  };

  it('phrases each code once, in a fixed order, on the office clock', () => {
    expect(
      overruledSummary(['TIME_OFF', 'DOUBLE_BOOKED', 'TIME_OFF'], { technician: TOM, start: chicago(10) }, CHICAGO),
    ).toBe("Scheduled anyway: double-booked Tom Baker at 10:00 AM; scheduled over Tom Baker's time off");
    expect(
      overruledSummary(['OUTSIDE_HOURS', 'MISSING_SKILLS'], { technician: TOM, start: chicago(20) }, CHICAGO),
    ).toBe("Scheduled anyway: scheduled outside Tom Baker's working hours; Tom Baker lacks the job's required skills");
  });

  it('appointment.create with acknowledged warnings writes one more line', () => {
    const effect = expectApplied(
      run(stateWith(), ACTORS.dispatcher, 'appointment.create', {
        id: 'a-new',
        jobId: 'job-1',
        technicianId: TOM.id,
        start: chicago(10),
        durationMinutes: 60,
        acknowledgedWarnings: ['DOUBLE_BOOKED'],
      }),
    );
    expect(effect.activity).toContainEqual(
      expect.objectContaining({
        kind: 'appointment.overruled',
        appointmentId: 'a-new',
        to: 'DOUBLE_BOOKED',
        summary: 'Scheduled anyway: double-booked Tom Baker at 10:00 AM',
      }),
    );
    // The command's arguments are not stored on the appointment.
    expect(effect.appointments[0]).not.toHaveProperty('acknowledgedWarnings');
  });

  it('appointment.move records it at the new time, for the new technician', () => {
    const effect = expectApplied(
      run(stateWith([makeAppointment()]), ACTORS.dispatcher, 'appointment.move', {
        appointmentId: APPOINTMENT_ID,
        start: chicago(15, 30),
        technicianId: SAM.id,
        acknowledgedWarnings: ['DOUBLE_BOOKED'],
      }),
    );
    expect(effect.activity.at(-1)).toMatchObject({
      kind: 'appointment.overruled',
      summary: 'Scheduled anyway: double-booked Sam Ortiz at 3:30 PM',
    });
  });

  it('names the skills the technician lacks, from the job and the technician', () => {
    const state = stateWith();
    const skilled = {
      ...state,
      job: makeJob({ serviceType: 'hvac', requiredTags: ['EPA 608'] }),
      technician: (id: string) => (id === TOM.id ? { ...TOM, skills: ['hvac'] } : state.technician(id)),
    };
    const effect = expectApplied(
      run(skilled, ACTORS.dispatcher, 'appointment.create', {
        id: 'a-new',
        jobId: 'job-1',
        technicianId: TOM.id,
        start: chicago(10),
        acknowledgedWarnings: ['MISSING_SKILLS'],
      }),
    );
    expect(effect.activity.map((line) => line.summary)).toContain('Scheduled anyway: Tom Baker lacks EPA 608');
  });

  it('job.accept with an appointment records it too', () => {
    const state = stateWith();
    const offered = { ...state, job: makeJob({ lifecycle: 'offered' }) };
    const effect = expectApplied(
      run(offered, ACTORS.dispatcher, 'job.accept', {
        jobId: 'job-1',
        appointment: { id: 'a-new', technicianId: TOM.id, start: chicago(8), durationMinutes: 60 },
        acknowledgedWarnings: ['TIME_OFF'],
      }),
    );
    expect(effect.activity.map((line) => line.summary)).toContain(
      "Scheduled anyway: scheduled over Tom Baker's time off",
    );
  });

  it('without warnings, or without a technician, nothing more is written (older consoles send none)', () => {
    const args = { id: 'a-new', jobId: 'job-1', start: chicago(10), durationMinutes: 60 };
    const plain = expectApplied(
      run(stateWith(), ACTORS.dispatcher, 'appointment.create', { ...args, technicianId: TOM.id }),
    );
    const unassigned = expectApplied(
      run(stateWith(), ACTORS.dispatcher, 'appointment.create', {
        ...args,
        technicianId: null,
        acknowledgedWarnings: ['DOUBLE_BOOKED'],
      }),
    );
    for (const effect of [plain, unassigned])
      expect(effect.activity.map((line) => line.kind)).not.toContain('appointment.overruled');
  });

  it('an unknown code is bad input', () => {
    expect(() =>
      run(stateWith(), ACTORS.dispatcher, 'appointment.create', {
        id: 'a-new',
        jobId: 'job-1',
        technicianId: TOM.id,
        start: chicago(10),
        acknowledgedWarnings: ['TOO_EARLY'],
      }),
    ).toThrow(/did not parse/);
  });
});
