import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../domain';
import { detailsChanges, detailsOf, validateDetails } from '../../../../renderer/kit/jobDetails';
import { JOB } from '../fixtures';

/** The drawer's "Edit details": only what changed goes into job.update; a cleared field is sent cleared. */

const job: Job = {
  ...JOB,
  description: 'Furnace clicks, no flame',
  serviceType: 'hvac',
  timeWindows: [{ start: Date.UTC(2031, 2, 4, 15), end: Date.UTC(2031, 2, 4, 18) }],
};

describe('detailsChanges', () => {
  it('is empty for the job as it is (the dialog then just closes)', () => {
    expect(detailsChanges(job, detailsOf(job))).toEqual({});
  });

  it('names only the fields that changed, and sends a cleared one as empty', () => {
    const values = { ...detailsOf(job), title: 'No heat upstairs', serviceType: '' };
    expect(detailsChanges(job, values)).toEqual({ title: 'No heat upstairs', serviceType: '' });
  });

  it('sends the windows when one is removed', () => {
    expect(detailsChanges(job, { ...detailsOf(job), windows: [] })).toEqual({ timeWindows: [] });
  });
});

describe('validateDetails', () => {
  it('wants a title and windows that end after they start', () => {
    expect(
      validateDetails({ ...detailsOf(job), title: ' ', windows: [{ start: '', end: '2031-03-04T09:00' }] }),
    ).toEqual({ title: 'Give the job a title.', 'windows.0.start': 'Choose when the window starts.' });
  });
});
