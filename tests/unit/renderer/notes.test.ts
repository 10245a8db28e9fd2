import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { completionNoteId, type Note } from '../../../domain';
import { mergeLane, underWayOf } from '../../../renderer/board/laneData';
import { readPendingLayer } from '../../../renderer/board/pendingLayer';
import { CommandRejected } from '../../../renderer/data/outbox';
import { readJobDetails, readLaneWindow, readVisitsUnderWay } from '../../../renderer/data/views';
import { DANA, danasConsoleEachTest, JOB } from './fixtures';

/** Notes in the console: shown at once (pending), counted on the blocks, and replaced by the confirmed row. */
const consoleOf = danasConsoleEachTest();

const DAY_START = Date.UTC(2031, 2, 3);
const DAY_END = Date.UTC(2031, 2, 5);

/** The note counts of Luis's blocks as the board merges them: appointment id → count. */
async function countsOnBoard(): Promise<Record<string, number>> {
  const { db } = consoleOf;
  const window = await readLaneWindow(db, 'u-tech1', DAY_START, DAY_END);
  const lane = mergeLane(
    window,
    await readPendingLayer(db, DANA, undefined),
    'u-tech1',
    DAY_START,
    DAY_END,
    underWayOf(await readVisitsUnderWay(db), window, undefined),
  );
  return Object.fromEntries(lane.map((entry) => [entry.appointment.id, entry.noteCount]));
}

describe('a note the dispatcher adds', () => {
  test('shows at once as pending, with her name, role and source, and counts on every visit of the job', async () => {
    const { db, commands } = consoleOf;
    const noteId = await commands.addNote(JOB.id, 'Gate code 4411.\nDog in the yard.');
    const details = await readJobDetails(db, DANA, JOB.id);
    expect(details.notes).toEqual([
      expect.objectContaining({
        id: noteId,
        jobId: JOB.id,
        text: 'Gate code 4411.\nDog in the yard.',
        authorName: 'Dana Whitfield',
        authorRole: 'dispatcher',
        source: 'console',
        offline: false,
      }),
    ]);
    expect(details.pendingNotes.map((note) => note.id)).toEqual([noteId]);
    expect(await countsOnBoard()).toEqual({ 'apt-started': 1, 'apt-scheduled': 1 });

    // The server's change arrives: the confirmed row replaces the pending one, counted once.
    const pending = details.notes[0]!;
    const confirmed: Note = { ...pending, receivedAt: pending.writtenAt + 1_000, version: 12 };
    await db.transaction('rw', [db.notes, db.outbox], async () => {
      await db.notes.put(confirmed);
      await db.outbox.clear();
    });
    const after = await readJobDetails(db, DANA, JOB.id);
    expect(after.notes).toEqual([confirmed]);
    expect(after.pendingNotes).toEqual([]);
    expect(await countsOnBoard()).toEqual({ 'apt-started': 1, 'apt-scheduled': 1 });
  });

  test("a visit's note counts on that visit's block only; newest first in the drawer", async () => {
    const { db, commands } = consoleOf;
    await commands.addNote(JOB.id, 'About the whole job');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await commands.addNote(JOB.id, 'About the started visit', 'apt-started');
    expect(await countsOnBoard()).toEqual({ 'apt-started': 2, 'apt-scheduled': 1 });
    const details = await readJobDetails(db, DANA, JOB.id);
    expect(details.notes.map((note) => note.text)).toEqual(['About the started visit', 'About the whole job']);
  });

  test('a blank note is refused at once and nothing is queued', async () => {
    const { db, commands } = consoleOf;
    await expect(commands.addNote(JOB.id, '  \n ')).rejects.toBeInstanceOf(CommandRejected);
    expect(await db.outbox.count()).toBe(0);
  });
});

test('completing with a note queues one command whose note shows next to the reason', async () => {
  const { db, commands } = consoleOf;
  await commands.complete('apt-started', 'cr-waiting-for-parts', '  The technician is ordering parts.  ');
  const [entry] = await db.outbox.toArray();
  expect(entry).toMatchObject({
    name: 'appointment.complete',
    args: {
      appointmentId: 'apt-started',
      completeReasonId: 'cr-waiting-for-parts',
      note: 'The technician is ordering parts.',
    },
  });
  const details = await readJobDetails(db, DANA, JOB.id);
  expect(details.appointments.find((visit) => visit.id === 'apt-started')?.status).toBe('complete');
  expect(details.notes).toEqual([
    expect.objectContaining({ id: completionNoteId('apt-started'), appointmentId: 'apt-started' }),
  ]);
  // Without a note, the command is the one older consoles sent.
  await commands.complete('apt-scheduled', 'cr-repaired', '   ');
  expect((await db.outbox.toArray())[1]!.args).toEqual({
    appointmentId: 'apt-scheduled',
    completeReasonId: 'cr-repaired',
  });
});
