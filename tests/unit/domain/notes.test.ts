/** Notes: what `note.add` and a completion's note write, and the text a note may hold. */
import { describe, expect, it } from 'vitest';
import { completionNoteId, parseCommand, MAX_NOTE_LENGTH } from '../../../domain';
import {
  ACTORS,
  APPOINTMENT_ID,
  expectApplied,
  expectRefused,
  JOB_ID,
  makeAppointment,
  makeJob,
  makeState,
  run,
  stateOf,
} from './fixtures';

const { dispatcher, technician, otherTech, enterprise } = ACTORS;

describe('note.add', () => {
  it('writes the note alone: the job is handed back as it was, no appointment, activity or text', () => {
    const state = stateOf('scheduled');
    const effect = expectApplied(
      run(state, dispatcher, 'note.add', {
        noteId: 'n-1',
        jobId: JOB_ID,
        text: '  Gate code 4411.\nBeware of the dog.  ',
      }),
    );
    expect(effect.notes).toEqual([{ id: 'n-1', jobId: JOB_ID, text: 'Gate code 4411.\nBeware of the dog.' }]);
    expect(effect.job).toBe(state.job);
    expect(effect.appointments).toEqual([]);
    expect(effect.activity).toEqual([]);
    expect(effect.notifications).toEqual([]);
  });

  it('names the visit a note is about', () => {
    const effect = expectApplied(
      run(stateOf('in_progress/started'), technician, 'note.add', {
        noteId: 'n-2',
        jobId: JOB_ID,
        appointmentId: APPOINTMENT_ID,
        text: 'Ordering parts',
      }),
    );
    expect(effect.notes).toEqual([{ id: 'n-2', jobId: JOB_ID, appointmentId: APPOINTMENT_ID, text: 'Ordering parts' }]);
  });

  it("refuses a visit of another job, and a colleague's visit to a technician", () => {
    const state = makeState(makeJob(), [makeAppointment()]);
    const elsewhere = { noteId: 'n-3', jobId: JOB_ID, appointmentId: 'a-of-another-job', text: 'x' };
    expectRefused(run(state, dispatcher, 'note.add', elsewhere), 'NOT_FOUND');
    const colleagues = { noteId: 'n-4', jobId: JOB_ID, appointmentId: APPOINTMENT_ID, text: 'x' };
    expect(expectRefused(run(state, otherTech, 'note.add', colleagues), 'FORBIDDEN')).toBe(
      'Technicians can only change their own appointments.',
    );
    expect(
      expectRefused(run(state, otherTech, 'note.add', { noteId: 'n-5', jobId: JOB_ID, text: 'x' }), 'FORBIDDEN'),
    ).toBe('Technicians can only add notes to jobs they have a visit on.');
  });

  it('lets the job source write on the jobs it sent, also before they are accepted', () => {
    expectApplied(
      run(stateOf('offered'), enterprise, 'note.add', { noteId: 'n-6', jobId: JOB_ID, text: 'Warranty ok' }),
    );
  });

  it.each([
    ['blank', '  \n '],
    ['too long', 'x'.repeat(MAX_NOTE_LENGTH + 1)],
    ['a control character', 'bell\u0007'],
    ['a bidi override', 'abc\u202Edef'],
    ['a lone surrogate', 'half \ud800'],
  ])('refuses a text that is %s as INVALID_ARGS naming the field', (_what, text) => {
    const parsed = parseCommand('note.add', { noteId: 'n-7', jobId: JOB_ID, text });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.code).toBe('INVALID_ARGS');
      expect(parsed.message).toContain('text');
    }
  });

  it('keeps line breaks and tabs, and the longest note allowed', () => {
    for (const text of ['one\ntwo\r\nthree\tfour', 'x'.repeat(MAX_NOTE_LENGTH)]) {
      expect(parseCommand('note.add', { noteId: 'n-8', jobId: JOB_ID, text }).ok).toBe(true);
    }
  });
});

describe('appointment.complete with a note', () => {
  const complete = (extra: object = {}) => ({
    appointmentId: APPOINTMENT_ID,
    completeReasonId: 'cr-waiting-for-parts',
    ...extra,
  });

  it('adds the note on the visit in the same command as the reason', () => {
    const effect = expectApplied(
      run(stateOf('in_progress/started'), technician, 'appointment.complete', complete({ note: 'Ordering parts.' })),
    );
    expect(effect.appointments[0]).toMatchObject({ status: 'complete', completeReasonId: 'cr-waiting-for-parts' });
    expect(effect.notes).toEqual([
      { id: completionNoteId(APPOINTMENT_ID), jobId: JOB_ID, appointmentId: APPOINTMENT_ID, text: 'Ordering parts.' },
    ]);
  });

  it('stays valid without one (older clients queued it so), and then writes no note', () => {
    const effect = expectApplied(run(stateOf('in_progress/started'), technician, 'appointment.complete', complete()));
    expect(effect.notes ?? []).toEqual([]);
  });

  it('a refused completion writes no note', () => {
    expectRefused(
      run(stateOf('complete'), technician, 'appointment.complete', complete({ note: 'Done twice?' })),
      'INVALID_TRANSITION',
    );
  });
});
