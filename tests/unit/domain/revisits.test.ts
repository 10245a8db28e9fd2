/**
 * "A canceled revisit does not reopen a finished job": with no live appointment a job shows how it last
 * ended (Complete, or Paused after a pausing reason), Unscheduled only when no visit ever completed. Every
 * path into that state and out of it, as command sequences from a named state.
 */
import { describe, expect, it } from 'vitest';
import type { JobDisplayStatus, JobLifecycle } from '../../../domain';
import {
  ACTORS,
  APPOINTMENT_ID,
  at,
  expectRefused,
  JOB_ID,
  run,
  SAM,
  stateOf,
  statusOf,
  step,
  TOMORROW_9,
  type StateName,
} from './fixtures';

const { dispatcher, technician } = ACTORS;

/** One step: who does what, in the shorthand the table uses. */
type Step =
  | 'revisit' // the dispatcher schedules a2 for Sam tomorrow
  | 'revisit2' // and a3 as well (a two-person visit)
  | 'cancel a1'
  | 'cancel a2'
  | 'cancel a3'
  | 'enroute a2'
  | 'undo a2'
  | 'start a2'
  | 'repaired a1'
  | 'repaired a2'
  | 'repaired a3'
  | 'parts a1'
  | 'parts a2'
  | 'complete job';

function apply(stepName: Step) {
  const [verb, target] = stepName.split(' ') as [string, string | undefined];
  const appointmentId = target ?? APPOINTMENT_ID;
  const status = (to: string, extra: object = {}) => ({ appointmentId, status: to, ...extra });
  switch (verb) {
    case 'revisit':
      return [
        dispatcher,
        'appointment.create',
        { jobId: JOB_ID, id: 'a2', technicianId: SAM.id, start: TOMORROW_9 },
      ] as const;
    case 'revisit2':
      return [
        dispatcher,
        'appointment.create',
        { jobId: JOB_ID, id: 'a3', technicianId: SAM.id, start: TOMORROW_9 },
      ] as const;
    case 'cancel':
      return [dispatcher, 'appointment.cancel', { appointmentId }] as const;
    case 'enroute':
      return [dispatcher, 'appointment.setStatus', status('enroute', { etaMinutes: 20 })] as const;
    case 'undo':
      return [dispatcher, 'appointment.setStatus', status('scheduled')] as const;
    case 'start':
      return [dispatcher, 'appointment.setStatus', status('started')] as const;
    case 'repaired':
      return [dispatcher, 'appointment.setStatus', status('complete', { completeReasonId: 'cr-repaired' })] as const;
    case 'parts':
      return [
        dispatcher,
        'appointment.setStatus',
        status('complete', { completeReasonId: 'cr-waiting-for-parts' }),
      ] as const;
    case 'complete':
      return [dispatcher, 'job.complete', { jobId: JOB_ID }] as const;
  }
  throw new Error(`unknown step ${stepName}`);
}

/** The steps happen a minute apart, after everything the named states hold (their last visit ended at 11:00). */
function runSteps(start: StateName, steps: Step[]) {
  let state = stateOf(start);
  for (const [index, name] of steps.entries()) {
    const [actor, command, args] = apply(name);
    state = step(state, actor, command, args, { occurredAt: at(12, index), now: at(12, index) }).state;
  }
  return state;
}

// [from, steps, display status, stored lifecycle]
// prettier-ignore
const PATHS: [StateName, Step[], JobDisplayStatus, JobLifecycle][] = [
  // Into "finished, no live appointment".
  ['complete',            ['revisit', 'cancel a2'],                                 'complete',  'complete'],
  ['complete',            ['revisit', 'enroute a2', 'undo a2', 'cancel a2'],        'complete',  'complete'],
  ['complete',            ['revisit', 'revisit2', 'cancel a2', 'cancel a3'],        'complete',  'complete'],
  ['paused',              ['complete job', 'revisit', 'cancel a2'],                 'complete',  'complete'],
  // A visit completed "Repaired" while another was live; that one canceled: the job ended Complete.
  ['scheduled',           ['revisit', 'repaired a1', 'cancel a2'],                  'complete',  'complete'],
  ['in_progress/started', ['revisit', 'repaired a1', 'cancel a2'],                  'complete',  'complete'],
  // ... and Paused when the last visit to complete paused the job.
  ['in_progress/started', ['revisit', 'parts a1', 'cancel a2'],                     'paused',    'open'],
  ['paused',              ['revisit', 'cancel a2'],                                 'paused',    'open'],
  ['complete',            ['revisit', 'revisit2', 'parts a2', 'cancel a3'],         'paused',    'open'],
  // Unscheduled only when no visit ever completed.
  ['scheduled',           ['cancel a1'],                                            'unscheduled', 'open'],
  ['scheduled',           ['revisit', 'cancel a1', 'cancel a2'],                    'unscheduled', 'open'],
  // Out of it: the revisit's live status shows while it lasts, and its own reason decides at the end.
  ['complete',            ['revisit'],                                              'scheduled',   'complete'],
  ['complete',            ['revisit', 'enroute a2'],                                'in_progress', 'complete'],
  ['complete',            ['revisit', 'start a2'],                                  'in_progress', 'complete'],
  ['complete',            ['revisit', 'start a2', 'parts a2'],                      'paused',      'open'],
  ['complete',            ['revisit', 'start a2', 'repaired a2'],                   'complete',    'complete'],
  ['complete',            ['revisit', 'cancel a2', 'revisit2'],                     'scheduled',   'complete'],
  ['complete',            ['revisit', 'start a2', 'parts a2', 'complete job'],      'complete',    'complete'],
  ['complete',            ['revisit', 'revisit2', 'repaired a2', 'repaired a3'],    'complete',    'complete'],
];

describe('a job with no live appointment shows how it last ended', () => {
  it.each(PATHS)('%s, then %j → %s (lifecycle %s)', (start, steps, status, lifecycle) => {
    const state = runSteps(start, steps);
    expect(statusOf(state)).toBe(status);
    expect(state.job!.lifecycle).toBe(lifecycle);
  });
});

describe('a complete job whose revisit was canceled', () => {
  const finished = () => runSteps('complete', ['revisit', 'cancel a2']);

  it('records the job staying Complete, not a status change', () => {
    const { effect } = step(runSteps('complete', ['revisit']), dispatcher, 'appointment.cancel', {
      appointmentId: 'a2',
    });
    expect(effect.activity.map((draft) => [draft.kind, draft.from, draft.to])).toEqual([
      ['appointment.status', 'scheduled', 'canceled'],
      ['job.status', 'scheduled', 'complete'],
    ]);
  });

  it('is already complete: "Complete Job" is refused as for any complete job', () => {
    expect(expectRefused(run(finished(), dispatcher, 'job.complete', { jobId: JOB_ID }), 'INVALID_TRANSITION')).toBe(
      'Only a paused job can be completed without a visit; this one is Complete.',
    );
  });

  it('cannot be canceled, as a complete job cannot', () => {
    expectRefused(run(finished(), dispatcher, 'job.cancel', { jobId: JOB_ID }), 'INVALID_TRANSITION');
  });

  it('takes another revisit, and its details can still be edited', () => {
    expect(
      statusOf(
        step(finished(), dispatcher, 'appointment.create', {
          jobId: JOB_ID,
          id: 'a4',
          technicianId: SAM.id,
          start: TOMORROW_9,
        }).state,
      ),
    ).toBe('scheduled');
    step(finished(), dispatcher, 'job.update', { jobId: JOB_ID, title: 'Furnace: follow-up check' });
  });

  it("lets the revisit's technician work it while it is live", () => {
    const onTheWay = step(
      runSteps('complete', ['revisit']),
      { ...technician, userId: SAM.id, name: 'Sam Ortiz' },
      'appointment.setStatus',
      {
        appointmentId: 'a2',
        status: 'enroute',
        etaMinutes: 15,
      },
    );
    expect(statusOf(onTheWay.state)).toBe('in_progress');
  });
});
