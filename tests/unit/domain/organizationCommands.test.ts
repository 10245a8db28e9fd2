/**
 * organization.update: who may change an organization's settings, what a bad value is refused with, and
 * the stale-edit rule it shares with appointment moves (the LastWrite chain of one client's own edits).
 */
import { describe, expect, it } from 'vitest';
import { attentionThresholds, officeTimeZone, parseCommand, targetEntity, type Organization } from '../../../domain';
import { ACTORS, expectEffect, expectReadable, expectRefused, makeState, PROVIDER, run } from './fixtures';

const { dispatcher, technician, enterprise, otherDisp, system } = ACTORS;

/** Acme with a zone and thresholds of its own, version 5, last written by someone else. */
const ACME: Organization = {
  ...PROVIDER,
  timeZone: 'America/New_York',
  attention: { lateStartGraceMinutes: 20 },
  version: 5,
  lastWrite: { clientId: 'c-other', basedOn: 4 },
};

/** A state whose directory holds Acme as given (no job: an organization command loads none). */
function stateWith(organization: Organization = ACME) {
  const base = makeState(undefined);
  return { ...base, organization: (id: string) => (id === organization.id ? organization : base.organization(id)) };
}

const update = (args: Record<string, unknown>) => ({ organizationId: ACME.id, ...args });

describe('organization.update', () => {
  it('targets the organization, not a job', () => {
    const parsed = parseCommand('organization.update', update({ name: 'Acme' }));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(targetEntity(parsed.value.target)).toEqual({ kind: 'organization', id: ACME.id });
  });

  it('changes the zone and one threshold, keeping the others, and stamps who changed it', () => {
    const effect = expectEffect(
      run(
        stateWith(),
        dispatcher,
        'organization.update',
        update({ timeZone: 'America/Chicago', attention: { pausedAgingDays: 7 } }),
      ),
    );
    expect(effect.job).toBeUndefined();
    expect(effect.appointments).toEqual([]);
    expect(effect.organization).toMatchObject({ id: ACME.id, name: ACME.name, timeZone: 'America/Chicago' });
    expect(officeTimeZone(effect.organization)).toBe('America/Chicago');
    expect(attentionThresholds(effect.organization)).toEqual({
      lateStartGraceMinutes: 20,
      offerWaitingMinutes: 60,
      pausedAgingDays: 7,
    });
    expect(effect.organization?.updatedBy).toBe('Dana Reyes');
  });

  it('renames the organization', () => {
    const effect = expectEffect(
      run(stateWith(), dispatcher, 'organization.update', update({ name: 'Acme Heating & Air' })),
    );
    expect(effect.organization?.name).toBe('Acme Heating & Air');
  });

  it('refuses an unknown time zone with its own code, naming the field', () => {
    const message = expectRefused(
      run(stateWith(), dispatcher, 'organization.update', update({ timeZone: 'Mars/Olympus' })),
      'UNKNOWN_TIME_ZONE',
    );
    expect(message).toContain('timeZone');
    expect(message).toContain('Mars/Olympus');
  });

  it.each([
    [{ attention: { lateStartGraceMinutes: 0 } }, 'attention.lateStartGraceMinutes'],
    [{ attention: { lateStartGraceMinutes: 1.5 } }, 'attention.lateStartGraceMinutes'],
    [{ attention: { offerWaitingMinutes: 7 * 24 * 60 + 1 } }, 'attention.offerWaitingMinutes'],
    [{ attention: { pausedAgingDays: 366 } }, 'attention.pausedAgingDays'],
    [{ attention: { pausedAgingDays: -2 } }, 'attention.pausedAgingDays'],
    [{ attention: {} }, 'attention'],
    [{ name: '   ' }, 'name'],
    [{}, 'nothing to change'],
    [{ attention: { idleMinutes: 5 } }, 'attention'],
  ])('refuses %j as INVALID_ARGS naming %s', (args, field) => {
    const parsed = parseCommand('organization.update', update(args));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.code).toBe('INVALID_ARGS');
    expect(parsed.message).toContain(field);
    expectReadable(parsed.message);
  });

  it('accepts the maxima', () => {
    const attention = { lateStartGraceMinutes: 1440, offerWaitingMinutes: 10080, pausedAgingDays: 365 };
    const effect = expectEffect(run(stateWith(), dispatcher, 'organization.update', update({ attention })));
    expect(effect.organization?.attention).toEqual(attention);
  });

  it.each([
    ['technician', technician, 'FORBIDDEN'],
    ['enterprise user', enterprise, 'NOT_FOUND'],
    ["another organization's dispatcher", otherDisp, 'NOT_FOUND'],
  ] as const)('refuses a %s', (_who, actor, code) => {
    expectRefused(run(stateWith(), actor, 'organization.update', update({ name: 'Mine now' })), code);
  });

  it('lets the system change any organization', () => {
    expect(
      expectEffect(run(stateWith(), system, 'organization.update', update({ name: 'Acme' }))).organization?.name,
    ).toBe('Acme');
  });

  it('refuses an organization that does not exist', () => {
    expectRefused(
      run(stateWith(), dispatcher, 'organization.update', { organizationId: 'nope', name: 'x' }),
      'NOT_FOUND',
    );
  });

  describe('stale edits', () => {
    it('applies on the version the dispatcher saw', () => {
      expectEffect(run(stateWith(), dispatcher, 'organization.update', update({ expectedVersion: 5, name: 'A' })));
    });

    it("refuses an edit made before someone else's change, saying who changed what", () => {
      const changed = { ...ACME, version: 6, updatedBy: 'Marcus Lee', lastWrite: { clientId: 'c-other', basedOn: 5 } };
      const message = expectRefused(
        run(stateWith(changed), dispatcher, 'organization.update', update({ expectedVersion: 5, name: 'A' }), {
          clientId: 'c-mine',
        }),
        'STALE_VERSION',
      );
      expect(message).toContain("Marcus Lee changed the organization's settings");
    });

    it('accepts a second offline edit once only our own first edit came in between (the LastWrite chain)', () => {
      const first = expectEffect(
        run(stateWith(), dispatcher, 'organization.update', update({ expectedVersion: 5, name: 'A' }), {
          clientId: 'c-mine',
        }),
      ).organization!;
      // Our first edit started a chain rooted at the version it replaced.
      expect(first.lastWrite).toEqual({ clientId: 'c-mine', basedOn: 5 });
      const committed = { ...first, version: 9 };
      // The second edit was made on version 5 too (the first was still pending).
      expectEffect(
        run(stateWith(committed), dispatcher, 'organization.update', update({ expectedVersion: 5, timeZone: 'UTC' }), {
          clientId: 'c-mine',
        }),
      );
      // The same edit from another console, or without a client (REST), is stale.
      expectRefused(
        run(stateWith(committed), dispatcher, 'organization.update', update({ expectedVersion: 5, timeZone: 'UTC' }), {
          clientId: 'c-other',
        }),
        'STALE_VERSION',
      );
      expectRefused(
        run(stateWith(committed), dispatcher, 'organization.update', update({ expectedVersion: 5, timeZone: 'UTC' })),
        'STALE_VERSION',
      );
    });

    it('writes over anything when no version is given (an integration)', () => {
      const changed = { ...ACME, version: 12 };
      expectEffect(run(stateWith(changed), dispatcher, 'organization.update', update({ name: 'A' })));
    });
  });
});
