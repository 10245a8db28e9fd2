import type { Customer } from './entities';

/**
 * How the console names a customer: the person first ("Maria Gonzalez"), the company only when no person
 * is on file ("Driskill Hotel"), '' when there is no customer. A person is the one the technician meets.
 * People on the provider's side are named with `fullName` (actor.ts).
 */
export function customerName(customer: Pick<Customer, 'firstName' | 'lastName' | 'companyName'> | undefined): string {
  if (!customer) return '';
  const person = [customer.firstName, customer.lastName].filter(Boolean).join(' ');
  return person || customer.companyName || '';
}
