import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServerContext } from '../context';
import { listMeta, PageQuery, parse, pathId } from './http';
import { scopeOf, visibleCustomer } from './visibility';
import { customerToWire } from './wire';

const CustomerListQuery = z.strictObject({ ...PageQuery });

/** `/v3/customers`: read-only here; customers are created and merged with the jobs that bring them. */
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
}
