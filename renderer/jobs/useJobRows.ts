import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef } from 'react';
import type { Actor, Customer, Organization } from '../../domain';
import type { DispatchDb } from '../data/db';
import { readPendingDirectory } from '../data/directoryState';
import { readAllJobs } from '../data/views';
import { useConsole } from '../kit/SyncProvider';
import { buildRows, type JobRow, type RowSources } from './jobRows';

type CustomerName = Pick<Customer, 'firstName' | 'lastName' | 'companyName'>;

/**
 * Customers by id: the confirmed table with pending edits of customers replayed, plus the customers of
 * offers still in the outbox (an offer made offline names its customer before the server has stored it).
 */
async function readCustomers(db: DispatchDb, actor: Actor): Promise<Map<string, CustomerName>> {
  const [confirmed, pending, directory] = await Promise.all([
    db.customers.toArray(),
    db.outbox.toArray(),
    readPendingDirectory(db, actor),
  ]);
  const byId = new Map<string, CustomerName>(confirmed.map((customer) => [customer.id, customer]));
  for (const [id, customer] of directory.customers) byId.set(id, customer);
  for (const entry of pending) {
    const customer = (entry.args as { customer?: Partial<Customer> } | null)?.customer;
    if (typeof customer?.id === 'string' && typeof customer.firstName === 'string' && !byId.has(customer.id)) {
      byId.set(customer.id, {
        firstName: customer.firstName,
        lastName: customer.lastName,
        companyName: customer.companyName,
      });
    }
  }
  return byId;
}

export interface JobRowsData {
  /** Undefined until the first read. */
  rows: JobRow[] | undefined;
  organizations: Organization[];
  /** Service types already in use, offered as suggestions when an enterprise offers a job. */
  serviceTypes: string[];
}

/** Every job the user can see, as list rows, kept live as sync and the outbox change the database. */
export function useJobRows(): JobRowsData {
  const { client, actor } = useConsole();
  const db = client.db;
  const summaries = useLiveQuery(() => readAllJobs(db, actor), [db, actor]);
  const customers = useLiveQuery(() => readCustomers(db, actor), [db, actor]);
  const users = useLiveQuery(async () => new Map((await db.users.toArray()).map((user) => [user.id, user])), [db]);
  const organizations = useLiveQuery(() => db.organizations.toArray(), [db]);
  const organizationsById = useMemo(
    () => new Map((organizations ?? []).map((organization) => [organization.id, organization])),
    [organizations],
  );

  const previous = useRef<Map<string, JobRow>>(new Map());
  const rows = useMemo(() => {
    if (!summaries || !customers || !users || !organizations) return undefined;
    const sources: RowSources = { customers, users, organizations: organizationsById };
    const built = buildRows(summaries, sources, previous.current);
    previous.current = new Map(built.map((row) => [row.id, row]));
    return built;
  }, [summaries, customers, users, organizations, organizationsById]);

  const serviceTypes = useMemo(
    () => [...new Set((rows ?? []).map((row) => row.serviceType).filter(Boolean))].sort(),
    [rows],
  );

  return { rows, organizations: organizations ?? [], serviceTypes };
}
