/**
 * customer.update: a dispatcher corrects a customer's contact and address from the drawer; wrong phones and
 * emails are refused naming the field, and someone else's edit since the dispatcher looked is not overwritten.
 */
import { describe, expect, it } from 'vitest';
import { parseCommand, targetEntity, type Customer } from '../../../domain';
import { ACTORS, CUSTOMER, expectEffect, expectReadable, expectRefused, makeState, run } from './fixtures';

const { dispatcher, technician, enterprise, otherDisp } = ACTORS;

const SEEN: Customer = {
  ...CUSTOMER,
  version: 4,
  updatedBy: 'Dana Reyes',
  lastWrite: { clientId: 'c-old', basedOn: 3 },
};
const stateWith = (customer: Customer = SEEN) => makeState(undefined, [], customer);
const update = (args: Record<string, unknown>) => ({ customerId: CUSTOMER.id, ...args });

describe('customer.update', () => {
  it('targets the customer, not a job', () => {
    const parsed = parseCommand('customer.update', update({ notes: 'Gate code 1234' }));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(targetEntity(parsed.value.target)).toEqual({ kind: 'customer', id: CUSTOMER.id });
  });

  it('changes the phones, email, address and notes it is given and keeps the rest', () => {
    const effect = expectEffect(
      run(
        stateWith(),
        dispatcher,
        'customer.update',
        update({
          phoneNumbers: [{ number: 'tel:+1-512-555-0177', primary: true, type: 'mobile' }],
          email: 'new@example.com',
          homeAddress: { street1: '12 New St', city: 'Austin', state: 'TX', timezone: 'America/Chicago' },
          notes: 'Gate code 1234',
        }),
      ),
    );
    expect(effect.job).toBeUndefined();
    expect(effect.customer).toMatchObject({
      id: CUSTOMER.id,
      firstName: CUSTOMER.firstName,
      email: 'new@example.com',
      phoneNumbers: [{ number: 'tel:+1-512-555-0177', primary: true, type: 'mobile' }],
      homeAddress: { street1: '12 New St' },
      notes: 'Gate code 1234',
      updatedBy: 'Dana Reyes',
    });
  });

  it('clears the email on null, and makes the first phone primary when none is', () => {
    const effect = expectEffect(
      run(
        stateWith({ ...SEEN, email: 'old@example.com' }),
        dispatcher,
        'customer.update',
        update({ email: null, phoneNumbers: [{ number: '512-555-0101', primary: false }] }),
      ),
    );
    expect(effect.customer?.email).toBeUndefined();
    expect(effect.customer?.phoneNumbers[0]?.primary).toBe(true);
  });

  it.each([
    [{ phoneNumbers: [{ number: 'call me', primary: true }] }, 'phoneNumbers.0.number'],
    [{ email: 'not-an-email' }, 'email'],
    [{ homeAddress: { street1: '', city: 'Austin' } }, 'homeAddress.street1'],
    [{}, 'nothing to change'],
  ])('refuses %j as INVALID_ARGS naming %s', (args, field) => {
    const parsed = parseCommand('customer.update', update(args));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.code).toBe('INVALID_ARGS');
    expect(parsed.message).toContain(field);
    expectReadable(parsed.message);
  });

  it('refuses a customer left with neither a first name nor a company name', () => {
    expectRefused(
      run(stateWith({ ...SEEN, companyName: undefined }), dispatcher, 'customer.update', update({ firstName: '' })),
      'INVALID_ARGS',
    );
  });

  it.each([
    ['technician', technician, 'FORBIDDEN'],
    ['job source', enterprise, 'FORBIDDEN'],
    ["another organization's dispatcher", otherDisp, 'NOT_FOUND'],
  ] as const)('refuses a %s', (_who, actor, code) => {
    expectRefused(run(stateWith(), actor, 'customer.update', update({ notes: 'x' })), code);
  });

  it('refuses a customer it cannot find', () => {
    expectRefused(run(makeState(undefined), dispatcher, 'customer.update', update({ notes: 'x' })), 'NOT_FOUND');
  });

  it("refuses an edit made before someone else's change, as a move is", () => {
    const changed = { ...SEEN, version: 6, updatedBy: 'Marcus Lee', lastWrite: { clientId: 'c-other', basedOn: 4 } };
    const message = expectRefused(
      run(stateWith(changed), dispatcher, 'customer.update', update({ expectedVersion: 4, notes: 'x' }), {
        clientId: 'c-mine',
      }),
      'STALE_VERSION',
    );
    expect(message).toContain("Marcus Lee changed this customer's details");
    expectEffect(run(stateWith(), dispatcher, 'customer.update', update({ expectedVersion: 4, notes: 'x' })));
  });
});
