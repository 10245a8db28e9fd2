import { describe, expect, test } from 'vitest';
import { DEFAULT_COMPLETE_REASONS, type Actor, type JobState } from '../../../../domain';
import type { JobDetails } from '../../../../renderer/data/views';
import { allowedActions } from '../../../../renderer/kit/allowedActions';
import {
  ACTORS,
  COMPLETE_REASONS,
  ENTERPRISE,
  NOW,
  PROVIDER,
  SAM,
  statusOf,
  stateOf,
  TOM,
  type StateName,
} from '../../domain/fixtures';

/** The drawer's view of a job in one of the domain fixtures' states. */
function detailsOf(state: JobState): JobDetails {
  const people = new Map([TOM, SAM].map((user) => [user.id, user]));
  return {
    job: state.job,
    appointments: state.appointments,
    customer: state.customer,
    pendingJob: false,
    pendingAppointmentIds: new Set(),
    pendingNotes: [],
    lookups: {
      technicians: people,
      organizations: new Map([PROVIDER, ENTERPRISE].map((organization) => [organization.id, organization])),
      completeReasons: [...COMPLETE_REASONS],
    },
    status: statusOf(state),
    source: ENTERPRISE,
    provider: PROVIDER,
    completeReasons: [...DEFAULT_COMPLETE_REASONS],
    people,
    technicians: [TOM, SAM],
    activity: [],
    activityOnServer: false,
    texts: [],
    notes: [],
    unsent: [],
  };
}

function actionsFor(name: StateName, actor: Actor) {
  const allowed = allowedActions(detailsOf(stateOf(name)), actor, NOW);
  return {
    job: [...allowed.job].sort(),
    appointments: Object.fromEntries([...allowed.appointments].map(([id, actions]) => [id, [...actions].sort()])),
  };
}

type Expected = { job: string[]; a1?: string[] };

/**
 * What the drawer offers, state by state: the same answers the domain rules give the server, so a
 * button is there exactly when its command would be accepted.
 */
const DISPATCHER: Record<Exclude<StateName, 'none'>, Expected> = {
  offered: { job: ['accept', 'decline'] },
  unscheduled: { job: ['cancel-job', 'new-appointment'] },
  scheduled: { job: ['cancel-job', 'new-appointment'], a1: ['cancel', 'complete', 'enroute', 'start'] },
  // Once a technician is on the way, the job is not canceled from the drawer; the visit can be sent back.
  'in_progress/enroute': { job: ['new-appointment'], a1: ['complete', 'start', 'undo-enroute'] },
  'in_progress/started': { job: ['new-appointment'], a1: ['complete'] },
  paused: { job: ['cancel-job', 'complete-job', 'new-appointment'], a1: [] },
  // A new appointment reopens a complete job (a return visit).
  complete: { job: ['new-appointment'], a1: [] },
  canceled: { job: [], a1: [] },
  rejected: { job: [] },
  withdrawn: { job: [] },
};

function expected({ job, a1 }: Expected) {
  return { job, appointments: a1 ? { a1 } : {} };
}

describe('allowedActions', () => {
  test.each(Object.entries(DISPATCHER))("the provider's dispatcher, job %s", (name, actions) => {
    expect(actionsFor(name as StateName, ACTORS.dispatcher)).toEqual(expected(actions));
  });

  test('the assigned technician moves their own visit along, and nothing else', () => {
    expect(actionsFor('offered', ACTORS.technician)).toEqual(expected({ job: [] }));
    expect(actionsFor('scheduled', ACTORS.technician)).toEqual(
      expected({ job: [], a1: ['complete', 'enroute', 'start'] }),
    );
    expect(actionsFor('in_progress/enroute', ACTORS.technician)).toEqual(
      expected({ job: [], a1: ['complete', 'start', 'undo-enroute'] }),
    );
  });

  test("another technician may not touch a colleague's visit", () => {
    expect(actionsFor('scheduled', ACTORS.otherTech)).toEqual(expected({ job: [], a1: [] }));
  });

  test('the enterprise that sent the job withdraws its offer or cancels the job, and schedules nothing', () => {
    expect(actionsFor('offered', ACTORS.enterprise)).toEqual(expected({ job: ['withdraw'] }));
    expect(actionsFor('unscheduled', ACTORS.enterprise)).toEqual(expected({ job: ['cancel-job'] }));
    expect(actionsFor('scheduled', ACTORS.enterprise)).toEqual(expected({ job: ['cancel-job'], a1: [] }));
  });

  test('a dispatcher of another provider is offered nothing', () => {
    for (const name of ['offered', 'unscheduled', 'scheduled', 'paused'] as const) {
      expect(actionsFor(name, ACTORS.otherDisp).job, name).toEqual([]);
      expect(Object.values(actionsFor(name, ACTORS.otherDisp).appointments).flat(), name).toEqual([]);
    }
  });

  test('no job (not synced yet, or gone): no actions', () => {
    const allowed = allowedActions(
      { ...detailsOf(stateOf('scheduled')), job: undefined, appointments: [] },
      ACTORS.dispatcher,
      NOW,
    );
    expect(allowed.job.size).toBe(0);
    expect(allowed.appointments.size).toBe(0);
  });
});
