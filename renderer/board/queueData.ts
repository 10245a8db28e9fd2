import type { Actor, Customer, Organization } from '../../domain';
import type { DispatchDb } from '../data/db';
import { readQueue } from '../data/queue';
import type { JobSummary, PendingOverlay } from '../data/views';

export interface QueueRead {
  jobs: JobSummary[];
  customers: Map<string, Customer>;
  sources: Map<string, Organization>;
}

/**
 * The queue's cards: its jobs with the customers and enterprises they name. The pending commands come in
 * as `overlay`, the one the board's layer already replayed for its lanes (useBoardData.ts): replaying every
 * job with pending commands is the costly part of a re-read, and a change re-ran it once for the lanes and
 * once more for the queue. The layer carries the jobs the server has just confirmed too (pendingLayer.ts),
 * so a card and a block agree while the confirmation settles.
 */
export async function readQueueCards(db: DispatchDb, actor: Actor, overlay: PendingOverlay): Promise<QueueRead> {
  const { jobs, pendingCustomers } = await readQueue(db, actor, overlay);
  const [customers, sources] = await Promise.all([
    db.customers.bulkGet([...new Set(jobs.map((summary) => summary.job.customerId))]),
    db.organizations.bulkGet([
      ...new Set(jobs.map((summary) => summary.job.sourceId).filter((id): id is string => !!id)),
    ]),
  ]);
  return {
    jobs,
    customers: new Map([
      ...pendingCustomers,
      ...customers
        .filter((customer): customer is Customer => !!customer)
        .map((customer): [string, Customer] => [customer.id, customer]),
    ]),
    sources: new Map(sources.filter((source): source is Organization => !!source).map((source) => [source.id, source])),
  };
}
