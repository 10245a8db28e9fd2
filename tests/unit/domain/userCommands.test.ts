/** user.setAvailability and user.update: who may change a technician's hours and skills, and what is stored. */
import { describe, expect, it } from 'vitest';
import { applyCommand, parseCommand, type Actor } from '../../../domain';
import { context, makeState, SAM, TOM, ACTORS } from './fixtures';

const availability = { weekly: [{ weekday: 1, start: '08:00', end: '17:00' }], timeOff: [] };

function run(actor: Actor, name: string, args: unknown) {
  const parsed = parseCommand(name, args);
  if (!parsed.ok) throw new Error(parsed.message);
  return applyCommand(parsed.value, { ...makeState(undefined), user: TOM }, context(actor));
}

describe("a technician's hours and skills", () => {
  it('a dispatcher of the organization sets both', () => {
    const hours = run(ACTORS.dispatcher, 'user.setAvailability', { userId: TOM.id, availability });
    expect(hours.ok && hours.effect.users?.[0]).toMatchObject({ id: TOM.id, availability });
    const skills = run(ACTORS.dispatcher, 'user.update', { userId: TOM.id, skills: ['hvac', 'EPA  608', 'epa 608'] });
    expect(skills.ok && skills.effect.users?.[0]?.skills).toEqual(['hvac', 'EPA 608']);
  });

  it('the technician sets their own hours, not their skills nor a colleague’s hours', () => {
    expect(run(ACTORS.technician, 'user.setAvailability', { userId: TOM.id, availability }).ok).toBe(true);
    expect(run(ACTORS.technician, 'user.update', { userId: TOM.id, skills: [] })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(run(ACTORS.otherTech, 'user.setAvailability', { userId: TOM.id, availability })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });

  it('another organization cannot see the technician', () => {
    expect(run(ACTORS.otherDisp, 'user.update', { userId: TOM.id, skills: [] })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });

  it('bad hours are refused naming the field', () => {
    const parsed = parseCommand('user.setAvailability', {
      userId: SAM.id,
      availability: { weekly: [{ weekday: 9, start: '08:00', end: '17:00' }], timeOff: [] },
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain('availability.weekly.0.weekday');
  });
});
