import type { OfferJobInput } from '../data/commands';

/** The offer form as typed: every field a string until it is checked. */
export interface OfferFormValues {
  organizationId: string;
  title: string;
  serviceType: string;
  description: string;
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
  street: string;
  city: string;
  state: string;
  postalCode: string;
}

export const EMPTY_OFFER: OfferFormValues = {
  organizationId: '',
  title: '',
  serviceType: '',
  description: '',
  firstName: '',
  lastName: '',
  phone: '',
  email: '',
  street: '',
  city: '',
  state: '',
  postalCode: '',
};

export type OfferFormErrors = Partial<Record<keyof OfferFormValues, string>>;

/**
 * A North American number as RFC 3966 (`tel:+1-512-555-0100`), the form the rest of the network stores.
 * Accepts what people type: "(512) 555-0100", "512.555.0100", "+1 512 555 0100". Null when it is not
 * ten digits (eleven with a leading 1).
 */
export function toTelUri(typed: string): string | null {
  const digits = typed.replace(/\D/g, '');
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  if (national.length !== 10) return null;
  return `tel:+1-${national.slice(0, 3)}-${national.slice(3, 6)}-${national.slice(6)}`;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateOffer(values: OfferFormValues): OfferFormErrors {
  const errors: OfferFormErrors = {};
  if (!values.organizationId) errors.organizationId = 'Choose the provider who will do the work.';
  if (!values.title.trim()) errors.title = 'Give the job a title.';
  if (!values.firstName.trim()) errors.firstName = "Enter the customer's first name.";
  if (values.phone.trim() && !toTelUri(values.phone)) errors.phone = 'Enter 10 digits, e.g. 512-555-0100.';
  if (values.email.trim() && !EMAIL.test(values.email.trim()))
    errors.email = 'Enter an email address like name@example.com.';
  if (!values.street.trim()) errors.street = 'Enter the street address.';
  if (!values.city.trim()) errors.city = 'Enter the city.';
  if (values.state.trim() && !/^[A-Za-z]{2}$/.test(values.state.trim())) errors.state = 'Two letters, e.g. TX.';
  return errors;
}

/** Empty optional fields are left out, not sent as empty strings. */
function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed ? trimmed : undefined;
}

/** The command input for a valid form (call `validateOffer` first). */
export function toOfferInput(values: OfferFormValues): OfferJobInput {
  const address = {
    street1: values.street.trim(),
    city: values.city.trim(),
    ...(optional(values.state) ? { state: values.state.trim().toUpperCase() } : {}),
    ...(optional(values.postalCode) ? { postalCode: values.postalCode.trim() } : {}),
  };
  const phone = toTelUri(values.phone);
  const email = optional(values.email);
  const lastName = optional(values.lastName);
  const description = optional(values.description);
  const serviceType = optional(values.serviceType);
  return {
    organizationId: values.organizationId,
    title: values.title.trim(),
    ...(description ? { description } : {}),
    ...(serviceType ? { serviceType } : {}),
    address,
    customer: {
      firstName: values.firstName.trim(),
      ...(lastName ? { lastName } : {}),
      ...(email ? { email } : {}),
      phoneNumbers: phone ? [{ number: phone, primary: true, type: 'mobile' }] : [],
      homeAddress: address,
    },
  };
}
