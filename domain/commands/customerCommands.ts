import { z } from 'zod';
import type { Customer } from '../entities';
import { CommandRefused } from '../errors';
import { officeTimeZone } from '../organization';
import { requireRole, requireUnchangedSince, stamp } from './guards';
import { Email, Id, LocationSchema, LongText, PhoneNumberSchema, Version } from './schemas';
import { defineCommand } from './types';

/**
 * A dispatcher corrects a customer's name, contact or service address (the phone changed, the gate code
 * is new). A missing field keeps its value; `email: null` clears it. Like a move, it carries the version
 * the dispatcher saw, and someone else's edit since is refused (STALE_VERSION) rather than overwritten.
 */
export const updateCustomer = defineCommand({
  name: 'customer.update',
  summary: "Edits a customer's name, phones, email, service address or notes (with the version the editor saw).",
  schema: z
    .strictObject({
      customerId: Id,
      expectedVersion: Version.optional(),
      firstName: z.string().trim().max(200).optional(),
      lastName: z.string().trim().max(200).optional(),
      companyName: z.string().trim().max(200).optional(),
      email: Email.nullable().optional(),
      phoneNumbers: z.array(PhoneNumberSchema).max(5).optional(),
      homeAddress: LocationSchema.optional(),
      notes: LongText.optional(),
    })
    .refine((args) => Object.keys(args).some((key) => key !== 'customerId' && key !== 'expectedVersion'), {
      message: 'nothing to change',
    }),
  target: (args) => ({ customerId: args.customerId }),
  apply(args, state, ctx) {
    const customer = state.customer;
    if (!customer || !state.customerSeen)
      throw new CommandRefused('NOT_FOUND', 'This customer does not exist or is not yours.');
    // The provider keeps its customers' records; a job source reads them on its jobs but does not edit them.
    requireRole(ctx.actor, ['dispatcher'], 'edit customers');
    if (ctx.actor.role !== 'system' && customer.organizationId !== ctx.actor.organizationId)
      throw new CommandRefused('NOT_FOUND', 'This customer does not exist or is not yours.');
    const zone = officeTimeZone(state.organization(customer.organizationId));
    requireUnchangedSince(customer, args.expectedVersion, ctx, "this customer's details", zone);
    const fields = dropUndefined({
      firstName: args.firstName,
      lastName: args.lastName,
      companyName: args.companyName,
      phoneNumbers: args.phoneNumbers,
      homeAddress: args.homeAddress,
      notes: args.notes,
    });
    const updated: Customer = { ...customer, ...fields };
    if (args.email === null) delete updated.email;
    else if (args.email !== undefined) updated.email = args.email;
    if (!updated.firstName && !updated.companyName)
      throw new CommandRefused(
        'INVALID_ARGS',
        'The request is not valid: firstName: a customer needs a first name or a company name.',
      );
    if (updated.phoneNumbers.length > 0 && !updated.phoneNumbers.some((phone) => phone.primary))
      updated.phoneNumbers = updated.phoneNumbers.map((phone, index) => ({ ...phone, primary: index === 0 }));
    return {
      customer: stamp(updated, ctx.actor.name, ctx.occurredAt),
      appointments: [],
      activity: [],
      notifications: [],
    };
  },
});

function dropUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
