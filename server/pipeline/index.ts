export { CommandPipeline } from './commandPipeline';
export type { BatchResult } from './outboxBatch';
export type { IdempotencyKey } from './idempotency';
export type {
  Applied,
  ClientCommand,
  Outcome,
  Publish,
  PublishedChanges,
  RenderedResponse,
  SubmitOptions,
} from './types';
