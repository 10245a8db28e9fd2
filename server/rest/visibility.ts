import { canSee, canSeeCustomer, type Actor, type Appointment, type Customer, type Job } from '../../domain';
import type { Reads } from '../store/types';
import { RestError } from './http';

/**
 * What a caller may list: a job source sees the jobs it sent (in every provider organization), a
 * provider's dispatchers and technicians only their own organization. Reads of single objects use the
 * domain's `canSee`, the same rule the commands apply.
 */
export interface Scope {
  organizationIds?: string[];
  sourceId?: string;
}

export function scopeOf(actor: Actor): Scope {
  const organizationId = actor.organizationId ?? '';
  return actor.role === 'enterprise' ? { sourceId: organizationId } : { organizationIds: [organizationId] };
}

/** The job, if the caller may see it; other tenants' ids answer "not found", so they leak nothing. */
export async function visibleJob(reads: Reads, actor: Actor, jobId: string): Promise<Job> {
  const job = await reads.getJob(jobId);
  if (!job || !canSee(actor, job)) throw new RestError('NOT_FOUND', 'This job does not exist or is not yours.');
  return job;
}

/** Technicians see only their own appointments; everyone else, those of the jobs they see. */
export async function visibleAppointment(reads: Reads, actor: Actor, appointmentId: string): Promise<Appointment> {
  const appointment = await reads.getAppointment(appointmentId);
  const job = appointment && (await reads.getJob(appointment.jobId));
  if (!appointment || !job || !canSee(actor, job, appointment)) {
    throw new RestError('NOT_FOUND', 'This appointment does not exist or is not yours.');
  }
  return appointment;
}

/** A provider sees its own customers; a job source the customers of the jobs it sent. */
export async function visibleCustomer(reads: Reads, actor: Actor, customerId: string): Promise<Customer> {
  const customer = await reads.getCustomer(customerId);
  const onJobItSent =
    !!customer &&
    actor.role === 'enterprise' &&
    (await reads.listJobs({ sourceId: actor.organizationId ?? '', customerIdIn: [customer.id], limit: 1, offset: 0 }))
      .total > 0;
  const visible = customer && canSeeCustomer(actor, customer, onJobItSent);
  if (!customer || !visible) throw new RestError('NOT_FOUND', 'This customer does not exist or is not yours.');
  return customer;
}
