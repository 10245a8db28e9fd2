import { isPhoneNumber, type Customer, type Location, type PhoneNumber } from '../../domain';
import type { NewJobInput } from '../data/commands';
import {
  detailsInput,
  EMPTY_DETAILS,
  validateDetails,
  type FormErrors,
  type JobDetailsValues,
} from '../kit/jobDetails';
import { toTelUri } from './offerForm';

export type PhoneType = NonNullable<PhoneNumber['type']>;

export interface PhoneRow {
  number: string;
  type: PhoneType;
}

/** A customer may have several numbers; the first is the primary one (texts go to it). */
export const MAX_PHONES = 3;

/** The "New job" form as typed. `customerId` is set when an existing customer was picked. */
export interface NewJobValues extends JobDetailsValues {
  customerId: string | null;
  firstName: string;
  lastName: string;
  companyName: string;
  email: string;
  phones: PhoneRow[];
  street: string;
  street2: string;
  city: string;
  state: string;
  postalCode: string;
  timeZone: string;
}

export function emptyNewJob(timeZone: string): NewJobValues {
  return {
    ...EMPTY_DETAILS,
    customerId: null,
    firstName: '',
    lastName: '',
    companyName: '',
    email: '',
    phones: [{ number: '', type: 'mobile' }],
    street: '',
    street2: '',
    city: '',
    state: '',
    postalCode: '',
    timeZone,
  };
}

/** Picking an existing customer fills the service address from theirs (the dispatcher may change it). */
export function withCustomer(values: NewJobValues, customer: Customer, officeZone: string): NewJobValues {
  const home = customer.homeAddress;
  return {
    ...values,
    customerId: customer.id,
    street: home?.street1 ?? '',
    street2: home?.street2 ?? '',
    city: home?.city ?? '',
    state: home?.state ?? '',
    postalCode: home?.postalCode ?? '',
    timeZone: home?.timezone ?? officeZone,
  };
}

/**
 * A typed phone number as RFC 3966: a North American number as people write it ("(512) 555-0100"), or
 * an international one with its + and country code. Null when it is neither.
 */
export function phoneUri(typed: string): string | null {
  const trimmed = typed.trim();
  if (/[^\d\s().+-]/.test(trimmed)) return null;
  const international = trimmed.startsWith('+') && !trimmed.replace(/[\s().-]/g, '').startsWith('+1');
  if (!international) return toTelUri(trimmed);
  return isPhoneNumber(trimmed) ? `tel:+${trimmed.replace(/\D/g, '')}` : null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateNewJob(values: NewJobValues): FormErrors {
  const errors = validateDetails(values);
  if (!values.customerId) {
    if (!values.firstName.trim() && !values.companyName.trim()) {
      errors.firstName = "Enter the customer's first name, or a company name.";
    }
    values.phones.forEach((phone, index) => {
      if (phone.number.trim() && !phoneUri(phone.number)) {
        errors[`phones.${index}.number`] =
          'Not a phone number: enter 10 digits, e.g. (512) 555-0100, or +44 20 7946 0958.';
      }
    });
    if (values.email.trim() && !EMAIL.test(values.email.trim())) {
      errors.email = 'Not an email address: enter one like name@example.com.';
    }
  }
  if (!values.street.trim()) errors.street = 'Enter the street address.';
  if (!values.city.trim()) errors.city = 'Enter the city.';
  if (values.state.trim() && !/^[A-Za-z]{2}$/.test(values.state.trim())) errors.state = 'Two letters, e.g. TX.';
  if (!values.timeZone) errors.timeZone = "Choose the site's time zone.";
  return errors;
}

function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed ? trimmed : undefined;
}

/** The command input for a valid form (call `validateNewJob` first); `existing` is the picked customer. */
export function toNewJobInput(values: NewJobValues, existing: Customer | undefined): NewJobInput {
  const state = optional(values.state)?.toUpperCase();
  const address: Location = {
    street1: values.street.trim(),
    ...(optional(values.street2) ? { street2: values.street2.trim() } : {}),
    city: values.city.trim(),
    ...(state ? { state } : {}),
    ...(optional(values.postalCode) ? { postalCode: values.postalCode.trim() } : {}),
    timezone: values.timeZone,
  };
  const details = detailsInput(values);
  if (existing) {
    const { firstName, lastName, companyName } = existing;
    return { ...details, address, customer: { existingId: existing.id, name: { firstName, lastName, companyName } } };
  }
  const phones = values.phones
    .map((phone) => ({ number: phoneUri(phone.number), type: phone.type }))
    .filter((phone): phone is { number: string; type: PhoneType } => phone.number !== null);
  const lastName = optional(values.lastName);
  const companyName = optional(values.companyName);
  const email = optional(values.email);
  return {
    ...details,
    address,
    customer: {
      firstName: values.firstName.trim(),
      ...(lastName ? { lastName } : {}),
      ...(companyName ? { companyName } : {}),
      ...(email ? { email } : {}),
      phoneNumbers: phones.map((phone, index) => ({ ...phone, primary: index === 0 })),
      homeAddress: address,
    },
  };
}
