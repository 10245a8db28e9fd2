import { customerName, type Customer } from '../../domain';

/** One customer as the "New job" dialog's search finds and shows it. */
export interface CustomerOption {
  customer: Customer;
  name: string;
  /** Primary phone, email and address, as one line under the name. */
  details: string;
  haystack: string;
  /** Every phone's digits, so "0142" or "5125550142" finds "tel:+1-512-555-0142". */
  digits: string[];
}

export function customerOption(customer: Customer): CustomerOption {
  const name = customerName(customer);
  const phones = [...customer.phoneNumbers].sort((a, b) => Number(b.primary) - Number(a.primary));
  const home = customer.homeAddress;
  const address = home ? [home.street1, home.street2, home.city, home.state].filter(Boolean).join(', ') : '';
  const details = [phones[0]?.number.replace(/^tel:/i, ''), customer.email, address].filter(Boolean).join(' · ');
  const haystack = [
    name,
    customer.companyName,
    customer.email,
    address,
    home?.postalCode,
    ...phones.map((p) => p.number),
  ]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
  return { customer, name, details, haystack, digits: phones.map((phone) => phone.number.replace(/\D/g, '')) };
}

/**
 * Customers matching what the dispatcher types: every word must be found in the name, company, email,
 * address or a phone number; a word of digits (with the separators people type) also matches a phone's
 * digits anywhere, so "555-0142" and "5550142" both find tel:+1-512-555-0142.
 */
export function searchCustomers(options: readonly CustomerOption[], query: string, limit: number): CustomerOption[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  const found: CustomerOption[] = [];
  for (const option of options) {
    const matches = words.every((word) => {
      if (option.haystack.includes(word)) return true;
      const digits = /^[\d().+-]+$/.test(word) ? word.replace(/\D/g, '') : '';
      return digits.length >= 3 && option.digits.some((phone) => phone.includes(digits));
    });
    if (matches) found.push(option);
    if (found.length === limit) break;
  }
  return found;
}
