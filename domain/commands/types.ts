import type { z } from 'zod';
import type { Actor } from '../actor';
import type {
  ActivityEvent,
  Appointment,
  CompleteReason,
  Customer,
  CustomerNotification,
  Job,
  Note,
  Organization,
  User,
} from '../entities';

/** A user action as it travels: ids are gapless per client so the server can tell a gap from a resend. */
export interface Command {
  id: number;
  name: string;
  args: unknown;
  /** The actor's clock when the action was taken (becomes the activity's occurredAt). */
  createdAt: number;
}

/**
 * What a command reads: the one job it touches, all its appointments, and lookups it may need. A command
 * on an organization, a user or a customer (see `CommandTarget`) gets no job and no appointments; its
 * entity is `organization(id)`, `user`, or `customer`.
 */
export interface CommandState {
  job: Job | undefined;
  appointments: Appointment[];
  customer: Customer | undefined;
  /**
   * Whether the actor sees `customer`: a provider its own customers, a job source those on a job it sent
   * (`canSeeCustomer`). The server decides it from the database; the console's cache holds only what its
   * user sees, so there it is simply "the customer is in the cache".
   */
  customerSeen: boolean;
  completeReasons: readonly CompleteReason[];
  technician(id: string): User | undefined;
  organization(id: string): Organization | undefined;
  /** The user a `{ userId }` command targets, as the actor sees it (absent for other targets). */
  user?: User | undefined;
}

/** The state of a job command (every command before directory commands existed); the same shape. */
export type JobState = CommandState;

/**
 * What a command touches, so a store can load its state before applying: one job (directly, or through
 * one of its appointments; `customerId` names the customer of a job not created yet), or one entity of
 * the directory — an organization, a user, a customer — for commands about no job at all.
 */
export type CommandTarget =
  | { jobId: string; customerId?: string }
  | { appointmentId: string }
  | { organizationId: string }
  | { userId: string }
  | { customerId: string };

/** The kinds of entity a command may target other than a job; each is also a change kind. */
export type EntityKind = 'organization' | 'user' | 'customer';

/** One directory entity a command targets. */
export interface EntityRef {
  kind: EntityKind;
  id: string;
}

/** The entity a command targets when it concerns no job; undefined for job and appointment commands. */
export function targetEntity(target: CommandTarget): EntityRef | undefined {
  if ('jobId' in target || 'appointmentId' in target) return undefined;
  if ('organizationId' in target) return { kind: 'organization', id: target.organizationId };
  if ('userId' in target) return { kind: 'user', id: target.userId };
  return { kind: 'customer', id: target.customerId };
}

export interface CommandContext {
  actor: Actor;
  /** The actor's clock when the action was taken. */
  occurredAt: number;
  /** Now, on the applier's clock (the server's receivedAt). */
  now: number;
  /** Made while the client was offline and replayed later. */
  offline: boolean;
  /**
   * The sync client whose outbox the command came from (the push's clientId on the server, the
   * console's own when it validates or replays). Absent for the REST API and the server itself, whose
   * commands never continue a chain of edits (see `LastWrite`).
   */
  clientId?: string | null;
}

export type ActivityDraft = Omit<
  ActivityEvent,
  | 'id'
  | 'version'
  | 'receivedAt'
  | 'organizationId'
  | 'actorUserId'
  | 'actorName'
  | 'actorRole'
  | 'source'
  | 'occurredAt'
  | 'offline'
>;
/** A note as a command writes it; the writer stamps its author, clocks and offline flag (like activity). */
export type NoteDraft = Pick<Note, 'id' | 'jobId' | 'appointmentId' | 'text'>;
export type NotificationDraft = Omit<CustomerNotification, 'id' | 'version' | 'createdAt' | 'organizationId'>;

/**
 * Everything a command changes, as whole new entity values. Versions are assigned by the writer. A job
 * command returns its job (changed or not) and the appointments it wrote; a directory command returns
 * no job and the organization, users or customer it wrote.
 */
export interface CommandEffect {
  job?: Job;
  appointments: Appointment[];
  customer?: Customer;
  organization?: Organization;
  users?: User[];
  activity: ActivityDraft[];
  notifications: NotificationDraft[];
  /** Notes the command adds (absent: none). */
  notes?: NoteDraft[];
}

/** A job command's effect: it always hands back its job. */
export type JobEffect = CommandEffect & { job: Job };

export interface CommandDefinition<S extends z.ZodType = z.ZodType, N extends string = string> {
  /** Kept as its literal type, so the registry can name every command's arguments (`CommandArgs`). */
  name: N;
  /** One line for PROTOCOL.md and error messages. */
  summary: string;
  schema: S;
  target(args: z.infer<S>): CommandTarget;
  /** Throws CommandRefused when the actor may not do this or the state machine forbids it. */
  apply(args: z.infer<S>, state: CommandState, ctx: CommandContext): CommandEffect;
}

export function defineCommand<S extends z.ZodType, N extends string>(
  definition: CommandDefinition<S, N>,
): CommandDefinition<S, N> {
  return definition;
}
