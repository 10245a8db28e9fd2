/**
 * A new job's customer (issue 11, "take a call"): a phone or an email in a wrong format is refused with
 * the field named, and a customer is a person or a company. The same schema judges the socket's commands,
 * the console's outbox and (through the wire schema) REST.
 */
import { describe, expect, it } from 'vitest';
import { isPhoneNumber, parseCommand } from '../../../domain';

const address = { street1: '12 Elm St', city: 'Springfield' };
const create = (customer: Record<string, unknown>) =>
  parseCommand('job.create', {
    jobId: 'job-9',
    organizationId: 'prov-1',
    title: 'No heat',
    address,
    customer: { id: 'cust-9', ...customer },
  });

describe('phone numbers', () => {
  it.each([
    'tel:+1-512-555-0100',
    'tel:+1-555-0100',
    '+1-512-555-0100',
    '+1 (512) 555.0100',
    '5125550100',
    'TEL:+44-20-7946-0958',
  ])('accepts %s', (number) => expect(isPhoneNumber(number)).toBe(true));

  it.each([
    ['letters', 'call me'],
    ['a vanity number', '1-800-FLOWERS'],
    ['too few digits', '555-010'],
    ['too many digits', '+1 512 555 0100 1234 5'],
    ['an extension', 'tel:+1-512-555-0100;ext=12'],
    ['a trailing separator', '512-555-0100-'],
    ['empty', ''],
    ['a second plus', '++1 512 555 0100'],
  ])('refuses %s', (_what, number) => expect(isPhoneNumber(number)).toBe(false));

  it('a wrong number in job.create is INVALID_ARGS naming customer.phoneNumbers.N.number', () => {
    const result = create({
      firstName: 'Nina',
      phoneNumbers: [
        { number: 'tel:+1-512-555-0100', primary: true },
        { number: 'ask at the desk', primary: false },
      ],
    });
    expect(result).toMatchObject({ ok: false, code: 'INVALID_ARGS' });
    if (!result.ok) expect(result.message).toContain('customer.phoneNumbers.1.number: is not a phone number');
  });
});

describe('email addresses', () => {
  it.each(['nina', 'nina@', 'nina@example', 'nina example@x.com'])('refuses %s naming customer.email', (email) => {
    const result = create({ firstName: 'Nina', email });
    expect(result).toMatchObject({ ok: false, code: 'INVALID_ARGS' });
    if (!result.ok) expect(result.message).toContain('customer.email: is not an email address');
  });

  it('accepts a plain address', () => {
    expect(create({ firstName: 'Nina', email: 'nina.ross@example.com' }).ok).toBe(true);
  });
});

describe('a person or a company', () => {
  it('takes a company without a person, with an empty first name', () => {
    const result = create({ companyName: 'Driskill Hotel' });
    expect(result.ok).toBe(true);
    if (result.ok) expect((result.value.args as { customer: { firstName: string } }).customer.firstName).toBe('');
  });

  it.each([
    ['neither', {}],
    ['only blanks', { firstName: '  ', companyName: ' ' }],
    ['only a last name', { lastName: 'Ross' }],
  ])('refuses %s, naming customer.firstName', (_what, customer) => {
    const result = create(customer);
    expect(result).toMatchObject({ ok: false, code: 'INVALID_ARGS' });
    if (!result.ok)
      expect(result.message).toContain('customer.firstName: a customer needs a first name or a company name');
  });
});
