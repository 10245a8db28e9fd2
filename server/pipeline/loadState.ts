import { canSeeCustomer, type Actor, type CommandState, type CommandTarget } from '../../domain';
import type { Directory } from '../directory';
import type { Reads } from '../store/types';

/**
 * What a command's rules see: the job its target names (directly or through an appointment), the job's
 * appointments, its customer (or the target's: a new job's, or the customer a customer command edits)
 * and whether the actor may see that customer, the user a user command edits, and the directory
 * (organizations, users, complete reasons). An organization command reads its organization from there.
 */
export async function loadState(
  tx: Reads,
  directory: Directory,
  target: CommandTarget,
  actor: Actor,
): Promise<CommandState> {
  let jobId: string | undefined;
  let customerId: string | undefined;
  if ('appointmentId' in target) jobId = (await tx.getAppointment(target.appointmentId))?.jobId;
  else if ('jobId' in target) {
    jobId = target.jobId;
    customerId = target.customerId;
  } else if ('customerId' in target) customerId = target.customerId;
  const job = jobId ? await tx.getJob(jobId) : undefined;
  const appointments = job ? await tx.appointmentsOfJob(job.id) : [];
  const customerKey = job?.customerId ?? customerId;
  const customer = customerKey ? await tx.getCustomer(customerKey) : undefined;
  return {
    job,
    appointments,
    customer,
    customerSeen:
      !!customer &&
      canSeeCustomer(actor, customer, actor.role === 'enterprise' && (await sentJobFor(tx, actor, customer.id))),
    completeReasons: directory.completeReasons(),
    technician: directory.userLookup,
    organization: directory.organizationLookup,
    user: 'userId' in target ? directory.user(target.userId) : undefined,
  };
}

/** Whether the acting job source sent a job for this customer (the only customers a source sees). */
async function sentJobFor(tx: Reads, actor: Actor, customerId: string): Promise<boolean> {
  const page = await tx.listJobs({
    sourceId: actor.organizationId ?? '',
    customerIdIn: [customerId],
    limit: 1,
    offset: 0,
  });
  return page.total > 0;
}
