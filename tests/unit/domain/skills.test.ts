/** What a job needs of its technician and what a technician lacks. */
import { describe, expect, it } from 'vitest';
import { missingSkills, normalizeSkills, parseCommand, requiredSkills, skillLabel } from '../../../domain';
import { ACTORS, DANA, expectApplied, JOB_ID, run, stateOf, step } from './fixtures';

describe('missing skills', () => {
  it.each([
    ['has the service type', ['hvac'], { serviceType: 'hvac' }, []],
    ['lacks the service type', ['plumbing'], { serviceType: 'hvac' }, ['hvac']],
    [
      'has type and tag, any case and spacing',
      ['HVAC', 'epa  608'],
      { serviceType: 'hvac', requiredTags: ['EPA 608'] },
      [],
    ],
    ['lacks a required tag', ['hvac'], { serviceType: 'hvac', requiredTags: ['EPA 608'] }, ['EPA 608']],
    ['lacks both', [], { serviceType: 'hvac', requiredTags: ['EPA 608'] }, ['hvac', 'EPA 608']],
    ['a job asking nothing', [], {}, []],
    ['a blank service type asks nothing', [], { serviceType: '  ' }, []],
    ['a tag repeating the type is asked once', [], { serviceType: 'pool', requiredTags: ['Pool'] }, ['pool']],
  ])('%s', (_name, skills, job, missing) => {
    expect(missingSkills({ skills }, job)).toEqual(missing);
  });

  it('holds nobody to skills never recorded (users from before skills existed)', () => {
    expect(missingSkills({}, { serviceType: 'hvac', requiredTags: ['EPA 608'] })).toEqual([]);
  });

  it('lists what a job needs, type first', () => {
    expect(requiredSkills({ serviceType: 'hvac', requiredTags: ['EPA 608', 'Ladder'] })).toEqual([
      'hvac',
      'EPA 608',
      'Ladder',
    ]);
  });

  it('shows known service types by name and tags as written', () => {
    expect(skillLabel('hvac')).toBe('HVAC');
    expect(skillLabel('appliance')).toBe('Appliance repair');
    expect(skillLabel(' EPA 608 ')).toBe('EPA 608');
  });

  it('drops blanks and repeats, keeping the first spelling', () => {
    expect(normalizeSkills(['EPA  608', ' ', 'hvac', 'epa 608', 'HVAC'])).toEqual(['EPA 608', 'hvac']);
  });
});

describe('a job carries required tags', () => {
  it('job.update sets them, without repeats', () => {
    const { effect } = step(stateOf('unscheduled'), ACTORS.dispatcher, 'job.update', {
      jobId: JOB_ID,
      requiredTags: ['EPA 608', 'epa 608', 'Ladder'],
    });
    expect(effect.job?.requiredTags).toEqual(['EPA 608', 'Ladder']);
    expect(effect.activity[0]).toMatchObject({ field: 'requiredTags' });
  });

  it('job.create stores them', () => {
    const effect = expectApplied(
      run(stateOf('none'), ACTORS.dispatcher, 'job.create', {
        jobId: 'job-new',
        organizationId: DANA.organizationId,
        title: 'Recharge refrigerant',
        serviceType: 'hvac',
        requiredTags: ['EPA 608'],
        address: { street1: '1 Main St', city: 'Austin' },
        customer: { id: 'cust-new', firstName: 'Ana' },
      }),
    );
    expect(effect.job).toMatchObject({ serviceType: 'hvac', requiredTags: ['EPA 608'] });
  });

  it('refuses a tag that is too long', () => {
    const parsed = parseCommand('job.update', { jobId: JOB_ID, requiredTags: ['x'.repeat(61)] });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain('requiredTags');
  });
});
