/**
 * Stable codes for every refusal. Clients branch on the code; people read the message, which names
 * what happened in a dispatcher's words ("Tom started this appointment at 10:02; it can no longer be moved").
 */
export type ErrorCode =
  | 'INVALID_ARGS'
  | 'UNKNOWN_COMMAND'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'INVALID_TRANSITION'
  | 'STALE_VERSION'
  | 'REASON_REQUIRED'
  | 'UNKNOWN_REASON'
  | 'REASON_IN_USE'
  | 'UNKNOWN_TECHNICIAN'
  | 'UNKNOWN_TIME_ZONE'
  | 'ALREADY_EXISTS'
  | 'OUT_OF_ORDER'
  | 'UNAUTHENTICATED'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'INTERNAL';

export interface Refusal {
  code: ErrorCode;
  message: string;
}

/** Thrown inside a command's `apply`; caught by `executeCommand`, never escapes to a caller. */
export class CommandRefused extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CommandRefused';
  }
}
