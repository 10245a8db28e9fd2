import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Email, PhoneNumberSchema, Version } from '../../domain';
import type { ServerContext } from '../context';
import { listMeta, PageQuery, parse, pathId, runCommands, sent, type Render } from './http';
import { scopeOf, visibleCustomer } from './visibility';
import { compact, customerToWire, WireLocation } from './wire';

const CustomerListQuery = z.strictObject({ ...PageQuery });

/** What a PATCH may change; `email: null` clears it. `version` is the one the caller read (stale → 409). */
const PatchCustomerBody = z.strictObject({
  customer: z.strictObject({
    version: Version.optional(),
    first_name: z.string().trim().max(200).optional(),
    last_name: z.string().trim().max(200).optional(),
    company_name: z.string().trim().max(200).optional(),
    email: Email.nullable().optional(),
    phone_numbers: z.array(PhoneNumberSchema).max(5).optional(),
    home_address: WireLocation.optional(),
    notes: z.string().max(10_000).optional(),
  }),
});

// The command always writes its customer; the stored value carries the version the commit gave it.
const customerResponse: Render = async (applied) => ({
  statusCode: 200,
  body: { customer: customerToWire(applied.customer!) },
});

/**
 * `/v3/customers`: customers are created with the jobs that bring them; a provider's dispatcher corrects
 * one with `PATCH /v3/customers/:id` (the `customer.update` command, so the consoles follow at once).
 */
export function registerCustomers(api: FastifyInstance, context: ServerContext) {
  api.get('/customers', async (request) => {
    const { limit, offset } = parse(CustomerListQuery, request.query);
    const scope = scopeOf(request.actor);
    const page = await context.store.listCustomers(scope.organizationIds, scope.sourceId, limit, offset);
    return { customers: page.items.map(customerToWire), meta: listMeta(page.total, limit, offset) };
  });

  api.get('/customers/:id', async (request) => {
    const customer = await visibleCustomer(context.store, request.actor, pathId(request, 'customer'));
    return { customer: customerToWire(customer) };
  });

  api.patch('/customers/:id', async (request, reply) => {
    const customerId = pathId(request, 'customer');
    const { customer: input } = parse(PatchCustomerBody, request.body);
    const changes = sent({
      firstName: input.first_name,
      lastName: input.last_name,
      companyName: input.company_name,
      email: input.email,
      phoneNumbers: input.phone_numbers,
      homeAddress: input.home_address,
      notes: input.notes,
    });
    const args = { customerId, ...compact({ expectedVersion: input.version }), ...changes };
    return runCommands(context, request, reply, [{ name: 'customer.update', args }], customerResponse);
  });
}
