/**
 * job.update's conflict rule: the editor says what it saw of the fields it changes (`seen`); a field
 * someone else changed since is refused, any other change to the job in between (a status) is not.
 */
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../domain';
import { ACTORS, expectEffect, expectRefused, JOB_ID, makeJob, makeState, run } from './fixtures';

const { dispatcher } = ACTORS;

describe('job.update with what the editor saw', () => {
  const job = makeJob({ title: 'AC not cooling', description: 'Upstairs unit', updatedBy: 'Marcus Lee' });

  it('applies when the fields it changes are as the editor saw them, whatever else changed', () => {
    const effect = expectEffect(
      run(makeState({ ...job, version: 9 }), dispatcher, 'job.update', {
        jobId: JOB_ID,
        title: 'AC not cooling, two units',
        seen: { title: 'AC not cooling' },
      }),
    );
    expect(effect.job?.title).toBe('AC not cooling, two units');
  });

  it('refuses a field someone else changed since, naming who and which field, and changes nothing', () => {
    const changed = { ...job, title: 'AC leaking water' };
    const message = expectRefused(
      run(makeState(changed), dispatcher, 'job.update', {
        jobId: JOB_ID,
        title: 'AC not cooling, two units',
        seen: { title: 'AC not cooling' },
      }),
      'STALE_VERSION',
    );
    expect(message).toBe("Marcus Lee changed the job's title after you last saw it; your change was not applied.");
  });

  it('reads a missing description or an empty list as empty, as the form shows them', () => {
    const bare = makeJob({ description: undefined, timeWindows: [] });
    expectEffect(
      run(makeState(bare), dispatcher, 'job.update', {
        jobId: JOB_ID,
        description: 'Gate code 1234',
        timeWindows: [{ start: Date.UTC(2031, 2, 4, 15), end: Date.UTC(2031, 2, 4, 18) }],
        seen: { description: '', timeWindows: [] },
      }),
    );
  });

  it('writes over without `seen` (an integration), and refuses `seen` alone as nothing to change', () => {
    expectEffect(run(makeState({ ...job, title: 'X' }), dispatcher, 'job.update', { jobId: JOB_ID, title: 'Y' }));
    const parsed = parseCommand('job.update', { jobId: JOB_ID, seen: { title: 'AC not cooling' } });
    expect(parsed).toMatchObject({ ok: false, code: 'INVALID_ARGS' });
  });
});
