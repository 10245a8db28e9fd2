import { z } from 'zod';
import type { LastWrite } from '../entities';
import { CommandRefused, type Refusal } from '../errors';
import { findUnsafeText, unsafeTextMessage } from '../text';
import { cancelAppointment, moveAppointment, scheduleAppointment, setAppointmentStatus } from './appointmentCommands';
import { completeAppointment } from './completion';
import { updateCustomer } from './customerCommands';
import { cancelJob, completeJob, createJob, offerJob, updateJob } from './jobCommands';
import { addNote } from './notes';
import { acceptJob, declineJob, withdrawOffer } from './offerCommands';
import { updateOrganization } from './organizationCommands';
import { setAvailability, updateUser } from './userCommands';
import type { CommandContext, CommandDefinition, CommandEffect, CommandState, CommandTarget } from './types';

/**
 * Every command, by name. Names and argument shapes are a wire contract: never change one in place —
 * a new shape gets a new name, because outboxes written by older clients still hold the old one.
 */
const DEFINITIONS = [
  offerJob,
  createJob,
  acceptJob,
  declineJob,
  withdrawOffer,
  cancelJob,
  completeJob,
  updateJob,
  scheduleAppointment,
  moveAppointment,
  cancelAppointment,
  setAppointmentStatus,
  completeAppointment,
  addNote,
  updateOrganization,
  setAvailability,
  updateUser,
  updateCustomer,
] as const;

/** Looked up by any string (a name from the wire); `CommandName` and `CommandArgs` type the callers who know theirs. */
export const COMMANDS: Readonly<Record<string, CommandDefinition>> = Object.fromEntries(
  DEFINITIONS.map((definition) => [definition.name, definition as unknown as CommandDefinition]),
);

type Definition = (typeof DEFINITIONS)[number];

/** Every command's name, as a type: `'job.offer' | 'job.create' | …`. */
export type CommandName = Definition['name'];

/**
 * The arguments a caller passes to a command, before its schema fills in defaults: a wrong shape is a
 * type error where the command is queued (`DispatchCommands.run`), not only a refusal at run time.
 */
export type CommandArgs<N extends CommandName> = z.input<Extract<Definition, { name: N }>['schema']>;

export interface ParsedCommand {
  definition: CommandDefinition;
  args: unknown;
  target: CommandTarget;
}

/** Validates a command's name and arguments; the result says which job state to load. */
export function parseCommand(
  name: unknown,
  args: unknown,
): { ok: true; value: ParsedCommand } | ({ ok: false } & Refusal) {
  const definition = typeof name === 'string' && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!definition)
    return {
      ok: false,
      code: 'UNKNOWN_COMMAND',
      message: `There is no command named ${JSON.stringify(String(name)).slice(0, 80)}.`,
    };
  const parsed = definition.schema.safeParse(args);
  if (!parsed.success) return { ok: false, code: 'INVALID_ARGS', message: describeIssues(parsed.error) };
  const unsafe = findUnsafeText(parsed.data);
  if (unsafe) return { ok: false, code: 'INVALID_ARGS', message: unsafeTextMessage(unsafe) };
  return { ok: true, value: { definition, args: parsed.data, target: definition.target(parsed.data) } };
}

export function describeIssues(error: z.ZodError): string {
  const issues = error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  return `The request is not valid: ${issues.join('; ')}.`;
}

/**
 * Applies a parsed command to the state it targets (a job's, or a directory entity's). Never throws for a refusal; returns it.
 * Every appointment and directory entity the command writes records which client wrote it (see `LastWrite`), here and not in
 * each command, so no command can forget it and server and client replay stamp it identically.
 */
export function applyCommand(
  command: ParsedCommand,
  state: CommandState,
  ctx: CommandContext,
): { ok: true; effect: CommandEffect } | ({ ok: false } & Refusal) {
  try {
    return { ok: true, effect: recordLastWrite(command.definition.apply(command.args, state, ctx), state, ctx) };
  } catch (error) {
    if (error instanceof CommandRefused) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

/**
 * A write by the client that also wrote the previous version continues its chain (keeps its root);
 * any other write — another client's, the REST API's, the server's — starts a new chain rooted at the
 * version it replaced, so a pending edit made before it can no longer pass as "only my own changes since".
 * Appointments and the directory entities a command about no job writes (organization, users, customer) carry it.
 */
function recordLastWrite(effect: CommandEffect, state: CommandState, ctx: CommandContext): CommandEffect {
  const clientId = ctx.clientId || null;
  const written: CommandEffect = { ...effect };
  if (effect.appointments.length)
    written.appointments = effect.appointments.map((appointment) =>
      chained(
        appointment,
        state.appointments.find((candidate) => candidate.id === appointment.id),
        clientId,
      ),
    );
  if (effect.organization)
    written.organization = chained(effect.organization, state.organization(effect.organization.id), clientId);
  if (effect.users)
    written.users = effect.users.map((user) =>
      chained(user, state.user?.id === user.id ? state.user : state.technician(user.id), clientId),
    );
  // A job command's customer (a new job's) is not chained: only edits of the customer itself carry versions.
  if (effect.customer && !effect.job)
    written.customer = chained(
      effect.customer,
      state.customer?.id === effect.customer.id ? state.customer : undefined,
      clientId,
    );
  return written;
}

type Versioned = { version: number; lastWrite?: LastWrite };

/**
 * The entity as written by `clientId`, with its chain (a function of its own, not a closure made per command:
 * tsx, which runs the server, renames every named closure it makes).
 */
function chained<T extends { lastWrite?: LastWrite }>(
  entity: T,
  previous: Versioned | undefined,
  clientId: string | null,
): T {
  const chain = previous?.lastWrite;
  const basedOn = clientId !== null && chain?.clientId === clientId ? chain.basedOn : (previous?.version ?? 0);
  return { ...entity, lastWrite: { clientId, basedOn } };
}
