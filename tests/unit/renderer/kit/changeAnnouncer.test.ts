import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../../../domain';
import type { Change } from '../../../../domain/protocol';
import { ChangeAnnouncer, summarize } from '../../../../renderer/kit/changeAnnouncer';

let seq = 0;
function activity(jobId: string, actorUserId: string | null, actorName: string, summary: string): Change {
  const data = { id: `a${++seq}`, jobId, actorUserId, actorName, summary, kind: 'appointment.status' };
  return { seq, kind: 'activity', id: data.id, data: data as unknown as ActivityEvent };
}
const job = (jobId: string): Change => ({ seq: ++seq, kind: 'job', id: jobId, data: { id: jobId } });

/** An announcer on a hand-driven clock: `fire()` ends the window. */
function harness() {
  const told: string[] = [];
  const pending: (() => void)[] = [];
  const announcer = new ChangeAnnouncer({
    selfUserId: 'u-me',
    announce: (message) => told.push(message),
    titles: async (ids) => new Map(ids.map((id) => [id, `Title of ${id}`])),
    timers: { set: (run) => pending.push(run), clear: () => pending.splice(0) },
  });
  const fire = async () => {
    for (const run of pending.splice(0)) run();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { announcer, told, pending, fire };
}

describe('ChangeAnnouncer', () => {
  it('tells many changes heard in one window as one sentence, the first in full and the other jobs counted', async () => {
    const { announcer, told, pending, fire } = harness();
    announcer.hear([job('j1'), activity('j1', 'u-tech2', 'Jake Ortiz', 'Started')]);
    announcer.hear([activity('j2', 'u-d2', 'Maria Lopez', 'Appointment rescheduled')]);
    announcer.hear([
      activity('j3', null, 'Acme portal', 'Job is now Offered'),
      activity('j1', 'u-tech2', 'Jake Ortiz', 'x'),
    ]);
    expect(told).toEqual([]);
    expect(pending).toHaveLength(1);
    await fire();
    expect(told).toEqual(['Jake Ortiz, Title of j1: Started; 2 other jobs changed']);
  });

  it('tells a single change alone, and a later window again', async () => {
    const { announcer, told, fire } = harness();
    announcer.hear([activity('j1', 'u-tech2', 'Jake Ortiz', 'On My Way, ETA 20 min')]);
    await fire();
    announcer.hear([activity('j2', 'u-tech2', 'Jake Ortiz', 'Started')]);
    await fire();
    expect(told).toEqual(['Jake Ortiz, Title of j1: On My Way, ETA 20 min', 'Jake Ortiz, Title of j2: Started']);
  });

  it("ignores this console's own changes and changes without activity", async () => {
    const { announcer, told, pending, fire } = harness();
    announcer.hear([job('j1'), activity('j1', 'u-me', 'Dana Reyes', 'Job scheduled')]);
    expect(pending).toHaveLength(0);
    await fire();
    expect(told).toEqual([]);
  });

  it('says nothing once closed', async () => {
    const { announcer, told, fire } = harness();
    announcer.hear([activity('j1', 'u-tech2', 'Jake Ortiz', 'Started')]);
    announcer.close();
    await fire();
    expect(told).toEqual([]);
  });

  it('counts one other job in the singular and leaves out a title it does not know', () => {
    const events = [activity('j1', 'u-t', 'Jake Ortiz', 'Started'), activity('j2', 'u-t', 'Jake Ortiz', 'Paused')];
    expect(
      summarize(
        events.map((change) => change.data as ActivityEvent),
        new Map(),
      ),
    ).toBe('Jake Ortiz: Started; 1 other job changed');
  });
});
