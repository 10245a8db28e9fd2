/**
 * Chained edits of one appointment (PROTOCOL.md, `expectedVersion`): a dispatcher's second offline edit
 * carries the version he saw before his first, and is accepted only while every write since that version
 * was his own client's. Without the rule the second edit either had no version (a lost update when
 * someone else changed the appointment meanwhile) or was refused as stale against his own first edit.
 */
import { describe, expect, it } from 'vitest';
import type { Appointment, CommandEffect, JobState } from '../../../domain';
import {
  ACTORS,
  after,
  APPOINTMENT_ID,
  at,
  expectApplied,
  expectRefused,
  JOB_ID,
  makeAppointment,
  makeJob,
  makeState,
  run,
  SAM,
  TOMORROW_9,
} from './fixtures';

const { dispatcher, technician } = ACTORS;
/** Dana's console and another dispatcher's (Marcus's), as the push's clientId names them. */
const DANAS_CONSOLE = 'c_dana_console';
const MARCUS_CONSOLE = 'c_marcus_console';
const marcus = { ...dispatcher, userId: 'u-marcus', name: 'Marcus Lee' };

const STALE = 'Sam Ortiz changed this appointment at 10:05 AM after you last saw it; your change was not applied.';

/** What the server's writer does after a command applies: every written entity gets the commit's seq. */
function commit(state: JobState, effect: CommandEffect, seq: number): JobState {
  return after(state, {
    ...effect,
    appointments: effect.appointments.map((appointment) => ({ ...appointment, version: seq })),
  });
}

const a1 = (state: JobState): Appointment =>
  state.appointments.find((appointment) => appointment.id === APPOINTMENT_ID)!;

/** a1 at version 9, last written (like `makeAppointment`'s v7) by Sam at 10:05, with the given chain. */
const writtenAt9 = (lastWrite: Appointment['lastWrite']) =>
  makeState(makeJob(), [makeAppointment({ version: 9, updatedBy: 'Sam Ortiz', updatedAt: at(10, 5), lastWrite })]);

const move = (expectedVersion: number, start = TOMORROW_9) => ({
  appointmentId: APPOINTMENT_ID,
  expectedVersion,
  start,
});

describe('every write records which client wrote it and where its chain began', () => {
  it('a console write starts a chain at the version it replaced; the same console continues it', () => {
    const first = expectApplied(
      run(makeState(makeJob(), [makeAppointment()]), dispatcher, 'appointment.move', move(7), {
        clientId: DANAS_CONSOLE,
      }),
    );
    expect(first.appointments[0]!.lastWrite).toEqual({ clientId: DANAS_CONSOLE, basedOn: 7 });
    const atEight = commit(makeState(makeJob(), [makeAppointment()]), first, 8);
    const second = expectApplied(
      run(atEight, dispatcher, 'appointment.move', move(8, TOMORROW_9 + 3_600_000), { clientId: DANAS_CONSOLE }),
    );
    expect(second.appointments[0]!.lastWrite).toEqual({ clientId: DANAS_CONSOLE, basedOn: 7 });
  });

  it("another console's write, a REST write and a field status each start a new chain", () => {
    const dana = writtenAt9({ clientId: DANAS_CONSOLE, basedOn: 7 });
    const byMarcus = expectApplied(run(dana, marcus, 'appointment.move', move(9), { clientId: MARCUS_CONSOLE }));
    expect(byMarcus.appointments[0]!.lastWrite).toEqual({ clientId: MARCUS_CONSOLE, basedOn: 9 });
    const byRest = expectApplied(run(dana, dispatcher, 'appointment.move', move(9)));
    expect(byRest.appointments[0]!.lastWrite).toEqual({ clientId: null, basedOn: 9 });
    const byTechnician = expectApplied(
      run(dana, technician, 'appointment.setStatus', {
        appointmentId: APPOINTMENT_ID,
        status: 'enroute',
        etaMinutes: 20,
      }),
    );
    expect(byTechnician.appointments[0]!.lastWrite).toEqual({ clientId: null, basedOn: 9 });
  });

  it('REST (no client) never continues a chain, not even one of its own', () => {
    const rest = writtenAt9({ clientId: null, basedOn: 7 });
    const next = expectApplied(run(rest, dispatcher, 'appointment.move', move(9)));
    expect(next.appointments[0]!.lastWrite).toEqual({ clientId: null, basedOn: 9 });
  });

  it('a new appointment is based on 0, and an appointment written before chains existed on its version', () => {
    const created = expectApplied(
      run(
        makeState(makeJob()),
        dispatcher,
        'appointment.create',
        { jobId: JOB_ID, id: 'a2', technicianId: SAM.id, start: TOMORROW_9 },
        { clientId: DANAS_CONSOLE },
      ),
    );
    expect(created.appointments[0]!.lastWrite).toEqual({ clientId: DANAS_CONSOLE, basedOn: 0 });
    const legacy = expectApplied(
      run(
        makeState(makeJob(), [makeAppointment()]),
        dispatcher,
        'appointment.cancel',
        { appointmentId: APPOINTMENT_ID },
        { clientId: DANAS_CONSOLE },
      ),
    );
    expect(legacy.appointments[0]!.lastWrite).toEqual({ clientId: DANAS_CONSOLE, basedOn: 7 });
  });

  it('appointments a job command writes (a cancel cascading) are stamped too', () => {
    const effect = expectApplied(
      run(
        makeState(makeJob(), [makeAppointment()]),
        dispatcher,
        'job.cancel',
        { jobId: JOB_ID },
        { clientId: MARCUS_CONSOLE },
      ),
    );
    expect(effect.appointments.map((appointment) => appointment.lastWrite)).toEqual([
      { clientId: MARCUS_CONSOLE, basedOn: 7 },
    ]);
  });
});

describe.each(['appointment.move', 'appointment.cancel'])('%s with an expectedVersion', (name) => {
  const args = (expectedVersion: number) =>
    name === 'appointment.move' ? move(expectedVersion) : { appointmentId: APPOINTMENT_ID, expectedVersion };
  const ownChain = () => writtenAt9({ clientId: DANAS_CONSOLE, basedOn: 7 });

  it('applies with the current version, whoever wrote it', () => {
    expectApplied(
      run(writtenAt9({ clientId: MARCUS_CONSOLE, basedOn: 4 }), dispatcher, name, args(9), { clientId: DANAS_CONSOLE }),
    );
    expectApplied(run(ownChain(), dispatcher, name, args(9)));
  });

  it.each([7, 8])(
    "applies with version %i when every write since was this console's own (chain based on 7, now 9)",
    (expected) => {
      expectApplied(run(ownChain(), dispatcher, name, args(expected), { clientId: DANAS_CONSOLE }));
    },
  );

  it("refuses an older version when the writes since were another console's", () => {
    expect(
      expectRefused(
        run(writtenAt9({ clientId: MARCUS_CONSOLE, basedOn: 7 }), dispatcher, name, args(7), {
          clientId: DANAS_CONSOLE,
        }),
        'STALE_VERSION',
      ),
    ).toBe(STALE);
  });

  it("refuses a version from before the chain's root (someone else wrote in between)", () => {
    expect(
      expectRefused(run(ownChain(), dispatcher, name, args(6), { clientId: DANAS_CONSOLE }), 'STALE_VERSION'),
    ).toBe(STALE);
  });

  it('refuses a version the appointment has not reached, even inside its own chain', () => {
    expect(
      expectRefused(run(ownChain(), dispatcher, name, args(10), { clientId: DANAS_CONSOLE }), 'STALE_VERSION'),
    ).toBe(STALE);
  });

  it('a command without a client (REST, the server) never chains: an older version is refused', () => {
    expect(expectRefused(run(ownChain(), dispatcher, name, args(7)), 'STALE_VERSION')).toBe(STALE);
    // Two writes without a client are no chain either (null is nobody, not one client).
    expect(
      expectRefused(run(writtenAt9({ clientId: null, basedOn: 7 }), dispatcher, name, args(7)), 'STALE_VERSION'),
    ).toBe(STALE);
    expect(
      expectRefused(
        run(writtenAt9({ clientId: null, basedOn: 7 }), dispatcher, name, args(7), { clientId: null }),
        'STALE_VERSION',
      ),
    ).toBe(STALE);
  });

  it('an appointment written before chains existed accepts only its current version', () => {
    expect(
      expectRefused(
        run(writtenAt9(undefined), dispatcher, name, args(7), { clientId: DANAS_CONSOLE }),
        'STALE_VERSION',
      ),
    ).toBe(STALE);
  });
});

describe('an offline dispatcher moves an appointment twice, both moves made on version 7', () => {
  const start = makeState(makeJob(), [makeAppointment()]);
  const firstMove = move(7, TOMORROW_9);
  const secondMove = move(7, TOMORROW_9 + 3_600_000);

  it('with nobody else in between, both apply and the second one wins', () => {
    const afterFirst = commit(
      start,
      expectApplied(run(start, dispatcher, 'appointment.move', firstMove, { clientId: DANAS_CONSOLE })),
      8,
    );
    const afterSecond = commit(
      afterFirst,
      expectApplied(run(afterFirst, dispatcher, 'appointment.move', secondMove, { clientId: DANAS_CONSOLE })),
      9,
    );
    expect(a1(afterSecond)).toMatchObject({
      start: TOMORROW_9 + 3_600_000,
      version: 9,
      lastWrite: { clientId: DANAS_CONSOLE, basedOn: 7 },
    });
  });

  it('with commits of other appointments in between (the seq moved on, a1 did not), both still apply', () => {
    const afterFirst = commit(
      start,
      expectApplied(run(start, dispatcher, 'appointment.move', firstMove, { clientId: DANAS_CONSOLE })),
      12,
    );
    expectApplied(run(afterFirst, dispatcher, 'appointment.move', secondMove, { clientId: DANAS_CONSOLE }));
  });

  it("when another dispatcher moved it first, both are refused: the second does not overwrite the other's move", () => {
    const marcusMoved = commit(
      start,
      expectApplied(
        run(start, marcus, 'appointment.move', move(7, TOMORROW_9 + 7_200_000), { clientId: MARCUS_CONSOLE }),
      ),
      8,
    );
    const first = run(marcusMoved, dispatcher, 'appointment.move', firstMove, { clientId: DANAS_CONSOLE });
    const second = run(marcusMoved, dispatcher, 'appointment.move', secondMove, { clientId: DANAS_CONSOLE });
    for (const outcome of [first, second])
      expect(expectRefused(outcome, 'STALE_VERSION')).toMatch(
        /^Marcus Lee changed this appointment at \d{1,2}:\d\d [AP]M after you last saw it; your change was not applied\.$/,
      );
  });

  it('when another dispatcher moved it between the two, the second is refused', () => {
    const afterFirst = commit(
      start,
      expectApplied(run(start, dispatcher, 'appointment.move', firstMove, { clientId: DANAS_CONSOLE })),
      8,
    );
    const marcusMoved = commit(
      afterFirst,
      expectApplied(
        run(afterFirst, marcus, 'appointment.move', move(8, TOMORROW_9 + 7_200_000), { clientId: MARCUS_CONSOLE }),
      ),
      9,
    );
    expectRefused(
      run(marcusMoved, dispatcher, 'appointment.move', secondMove, { clientId: DANAS_CONSOLE }),
      'STALE_VERSION',
    );
  });

  it('on the console, before any is confirmed, the replay accepts both (the version is not bumped locally)', () => {
    const replayedFirst = after(
      start,
      expectApplied(run(start, dispatcher, 'appointment.move', firstMove, { clientId: DANAS_CONSOLE })),
    );
    expectApplied(run(replayedFirst, dispatcher, 'appointment.move', secondMove, { clientId: DANAS_CONSOLE }));
  });
});
