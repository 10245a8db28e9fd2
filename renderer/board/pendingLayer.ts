import type { Actor } from '../../domain';
import type { DispatchDb } from '../data/db';
import { readPendingDirectory, type PendingDirectory } from '../data/directoryState';
import { readPendingOverlay } from '../data/views';
import type { PendingLayer } from './laneData';

/**
 * How long a job whose commands the server has just confirmed stays in the layer as confirmed rows.
 * The layer and each lane are separate live queries that answer one after the other: without this, a
 * moment after the confirmation the layer no longer carries the move while the lane has not re-read yet,
 * so the block vanished from its new lane (or jumped back to its old place) and came back as a new
 * element — taking the keyboard focus a dispatcher had put on it with it.
 */
export const SETTLE_MS = 3_000;

/**
 * The pending commands every lane merges on top of its confirmed rows, plus the jobs that just left the
 * outbox (their confirmed rows, read live here, so they cannot go stale): a lane that has not re-read
 * since the confirmation still draws the block where the dispatcher put it, now as confirmed.
 * `directory` is the pending directory when the caller reads it anyway (the first screen, for its technicians).
 */
export async function readPendingLayer(
  db: DispatchDb,
  actor: Actor,
  previous: PendingLayer | undefined,
  now = Date.now(),
  directory: Promise<PendingDirectory> = readPendingDirectory(db, actor),
): Promise<PendingLayer> {
  const [overlay, reasons, { customers: editedCustomers }] = await Promise.all([
    readPendingOverlay(db, actor),
    db.completeReasons.toArray(),
    directory,
  ]);
  const settling = new Map<string, number>();
  for (const jobId of previous?.overlay.jobs.keys() ?? []) {
    if (overlay.jobs.has(jobId)) continue;
    const since = previous?.settling.get(jobId) ?? now;
    if (now - since < SETTLE_MS) settling.set(jobId, since);
  }
  if (settling.size) {
    const jobIds = [...settling.keys()];
    const [jobs, appointments] = await Promise.all([
      db.jobs.bulkGet(jobIds),
      db.appointments.where('jobId').anyOf(jobIds).toArray(),
    ]);
    // Not marked pending: the server has confirmed them, and the block says so at once.
    for (const job of jobs) if (job) overlay.jobs.set(job.id, job);
    for (const appointment of appointments) overlay.appointments.set(appointment.id, appointment);
  }
  const customerIds = [...new Set([...overlay.jobs.values()].map((job) => job.customerId))];
  const customers = customerIds.length ? await db.customers.bulkGet(customerIds) : [];
  // A customer that exists only in a pending command (a job created offline) is named from the replay.
  const named = new Map(overlay.customers);
  for (const customer of customers) if (customer) named.set(customer.id, customer);
  return { overlay, reasons, customers: named, editedCustomers, settling };
}
