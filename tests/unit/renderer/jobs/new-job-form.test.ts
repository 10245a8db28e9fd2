import { describe, expect, it } from 'vitest';
import type { Customer } from '../../../../domain';
import { customerOption, searchCustomers } from '../../../../renderer/jobs/customerSearch';
import { emptyNewJob, phoneUri, toNewJobInput, validateNewJob } from '../../../../renderer/jobs/newJobForm';

/** The "New job" dialog's rules, without the dialog: what it accepts, what it refuses inline, what it sends. */

const filled = () => ({
  ...emptyNewJob('America/Chicago'),
  firstName: 'Nina',
  street: '77 Rainey St',
  city: 'Austin',
  title: 'No hot water',
});

describe('phone numbers as typed', () => {
  it.each([
    ['(512) 555-0188', 'tel:+1-512-555-0188'],
    ['512.555.0188', 'tel:+1-512-555-0188'],
    ['+1 512 555 0188', 'tel:+1-512-555-0188'],
    ['1-512-555-0188', 'tel:+1-512-555-0188'],
    ['+44 20 7946 0958', 'tel:+442079460958'],
  ])('%s is %s', (typed, uri) => expect(phoneUri(typed)).toBe(uri));

  it.each(['555-0188', '555-CALL-NOW', 'abc5125550188', '+44 20', '512 555 0188 ext 4'])('%s is refused', (typed) =>
    expect(phoneUri(typed)).toBeNull(),
  );
});

describe('validateNewJob', () => {
  it('names every required field that is empty', () => {
    expect(Object.keys(validateNewJob(emptyNewJob('America/Chicago'))).sort()).toEqual([
      'city',
      'firstName',
      'street',
      'title',
    ]);
  });

  it('refuses a wrong phone (by its row) and a wrong email, and a window that ends before it starts', () => {
    const errors = validateNewJob({
      ...filled(),
      phones: [
        { number: '512-555-0188', type: 'mobile' },
        { number: 'front desk', type: 'work' },
      ],
      email: 'nina@',
      windows: [{ start: '2031-03-04T12:00', end: '2031-03-04T09:00' }],
    });
    expect(errors).toEqual({
      'phones.1.number': expect.stringMatching(/^Not a phone number/),
      email: expect.stringMatching(/^Not an email address/),
      'windows.0.end': 'The window ends after it starts.',
    });
  });

  it('takes a company without a person; an existing customer needs no contact fields', () => {
    expect(validateNewJob({ ...filled(), firstName: '', companyName: 'Driskill Hotel' })).toEqual({});
    expect(validateNewJob({ ...filled(), firstName: '', customerId: 'cus-1', email: 'not checked' })).toEqual({});
  });
});

describe('toNewJobInput', () => {
  it('a new customer: the first phone is the primary one, the address is the service address with its zone', () => {
    const input = toNewJobInput(
      {
        ...filled(),
        state: 'tx',
        phones: [
          { number: '(512) 555-0188', type: 'mobile' },
          { number: '', type: 'home' },
          { number: '737 555 0101', type: 'work' },
        ],
        windows: [{ start: '2031-03-04T09:00', end: '2031-03-04T12:00' }],
      },
      undefined,
    );
    expect(input.address).toEqual({
      street1: '77 Rainey St',
      city: 'Austin',
      state: 'TX',
      timezone: 'America/Chicago',
    });
    expect(input.customer).toMatchObject({
      firstName: 'Nina',
      phoneNumbers: [
        { number: 'tel:+1-512-555-0188', type: 'mobile', primary: true },
        { number: 'tel:+1-737-555-0101', type: 'work', primary: false },
      ],
      homeAddress: input.address,
    });
    expect(input.timeWindows).toHaveLength(1);
    expect(input.timeWindows![0].end - input.timeWindows![0].start).toBe(3 * 3_600_000);
  });

  it('an existing customer travels by id with its name only', () => {
    const maria: Customer = {
      id: 'cus-1',
      organizationId: 'org-1',
      firstName: 'Maria',
      lastName: 'Gonzalez',
      phoneNumbers: [],
      version: 3,
    };
    const input = toNewJobInput({ ...filled(), customerId: 'cus-1' }, maria);
    expect(input.customer).toEqual({
      existingId: 'cus-1',
      name: { firstName: 'Maria', lastName: 'Gonzalez', companyName: undefined },
    });
  });
});

describe('finding a customer as you type', () => {
  const customer = (id: string, firstName: string, number: string, extra: Partial<Customer> = {}): Customer => ({
    id,
    organizationId: 'org-1',
    firstName,
    lastName: 'Test',
    phoneNumbers: [{ number, primary: true, type: 'mobile' }],
    version: 1,
    ...extra,
  });
  const options = [
    customer('c1', 'Maria', 'tel:+1-512-555-0142', {
      email: 'maria@example.com',
      homeAddress: { street1: '4512 Avenue H', city: 'Austin' },
    }),
    customer('c2', 'James', 'tel:+1-512-555-0199', { companyName: 'Driskill Hotel' }),
  ].map(customerOption);
  const ids = (query: string) => searchCustomers(options, query, 10).map((option) => option.customer.id);

  it.each([
    ['part of the phone as written', '555-0142', ['c1']],
    ['the phone digits run together', '5550142', ['c1']],
    ['the last digits', '0199', ['c2']],
    ['a name, any case', 'MARIA', ['c1']],
    ['an email', 'maria@ex', ['c1']],
    ['a street', 'avenue h', ['c1']],
    ['a company', 'driskill', ['c2']],
    ['every word must match', 'maria 0199', []],
    ['nothing typed', '  ', []],
  ])('by %s', (_what, query, expected) => expect(ids(query)).toEqual(expected));
});
