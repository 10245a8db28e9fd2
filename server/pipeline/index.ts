// What the rest of the server takes from the pipeline; its files' own types stay with them.
export { CommandPipeline } from './commandPipeline';
export type { Applied, Outcome, RenderedResponse } from './types';
export type { IdempotencyKey } from './idempotency';
export { changesJson } from './changeText';
