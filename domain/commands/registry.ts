import { z } from 'zod';
import { CommandRefused, type Refusal } from '../errors';
import {
  cancelAppointment,
  moveAppointment,
  scheduleAppointment,
  setAppointmentStatus,
} from './appointmentCommands';
import { acceptJob, cancelJob, completeJob, createJob, declineJob, offerJob, updateJob, withdrawOffer } from './jobCommands';
import type { CommandContext, CommandDefinition, CommandEffect, CommandTarget, JobState } from './types';

/**
 * Every command, by name. Names and argument shapes are a wire contract: never change one in place —
 * a new shape gets a new name, because outboxes written by older clients still hold the old one.
 */
export const COMMANDS: Readonly<Record<string, CommandDefinition>> = Object.fromEntries(
  [
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
  ].map((definition) => [definition.name, definition as CommandDefinition]),
);

export type CommandName = keyof typeof COMMANDS;

export interface ParsedCommand {
  definition: CommandDefinition;
  args: unknown;
  target: CommandTarget;
}

/** Validates a command's name and arguments; the result says which job state to load. */
export function parseCommand(name: unknown, args: unknown): { ok: true; value: ParsedCommand } | ({ ok: false } & Refusal) {
  const definition = typeof name === 'string' && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!definition) return { ok: false, code: 'UNKNOWN_COMMAND', message: `There is no command named ${JSON.stringify(String(name)).slice(0, 80)}.` };
  const parsed = definition.schema.safeParse(args);
  if (!parsed.success) return { ok: false, code: 'INVALID_ARGS', message: describeIssues(parsed.error) };
  return { ok: true, value: { definition, args: parsed.data, target: definition.target(parsed.data) } };
}

export function describeIssues(error: z.ZodError): string {
  const issues = error.issues.slice(0, 3).map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  return `The request is not valid: ${issues.join('; ')}.`;
}

/** Applies a parsed command to the job state it targets. Never throws for a refusal; returns it. */
export function applyCommand(
  command: ParsedCommand,
  state: JobState,
  ctx: CommandContext,
): { ok: true; effect: CommandEffect } | ({ ok: false } & Refusal) {
  try {
    return { ok: true, effect: command.definition.apply(command.args, state, ctx) };
  } catch (error) {
    if (error instanceof CommandRefused) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}
