import type { Appointment, Customer, Job, Organization, Refusal, User } from '../../domain';
import type { Change } from '../store/types';

/** A command from a client's outbox, already checked for shape by the transport. */
export interface ClientCommand {
  id: number;
  name: string;
  args: unknown;
  createdAt: number;
  /** The client knows it queued this while offline. */
  offline?: boolean;
}

/** What an applied command wrote, with the versions the commit gave it. */
export interface Applied {
  status: 'applied';
  /** The commit's seq: the provider's for a job command, the acting organization's for a directory one. */
  seq: number;
  /** A job command's job (every job command has one). */
  job?: Job;
  appointments: Appointment[];
  customer?: Customer;
  organization?: Organization;
  users?: User[];
}

export type Outcome = Applied | ({ status: 'rejected' } & Refusal);

export interface SubmitOptions {
  occurredAt?: number;
  offline?: boolean;
}

export interface RenderedResponse {
  statusCode: number;
  body: unknown;
}

/** Changes committed for one organization, in sequence order; what the transport broadcasts. */
export type Publish = (organizationId: string, changes: Change[]) => void;

/** The changes a task has written so far, by organization, published only once its transaction commits. */
export type PublishedChanges = Map<string, Change[]>;

export function appendTo(published: PublishedChanges, organizationId: string, changes: readonly Change[]): void {
  const list = published.get(organizationId);
  if (list) list.push(...changes);
  else published.set(organizationId, [...changes]);
}
