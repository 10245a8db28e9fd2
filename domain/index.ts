export * from './entities';
export * from './actor';
export * from './names';
export * from './status';
export * from './lifecycle';
export * from './palette';
export * from './reasons';
export * from './reasonManagement';
export * from './errors';
export { findUnsafeText, isKnownTimeZone, unsafeTextMessage } from './text';
export * from './server-address';
export * from './zone';
export * from './organization';
export * from './availability';
export * from './skills';
export {
  schedulingWarnings,
  type BookedVisit,
  type ProposedVisit,
  type SchedulingWarning,
  type SchedulingWarningCode,
} from './scheduling/warnings';
export * from './commands/types';
export * from './commands/schemas';
export * from './commands/registry';
export { canSee, canSeeCustomer } from './commands/guards';
export { STALE_ETA_MS } from './commands/customerTexts';
export { completionNoteId } from './commands/completion';
export { ATTENTION_LIMITS } from './commands/organizationCommands';
export * from './attention';
