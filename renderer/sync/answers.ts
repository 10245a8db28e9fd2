import type { Socket } from 'socket.io-client';
import { isErrorAnswer, type Answer } from '../../domain/protocol';

/** A request the server answered with `{ error }`: its stable code, its sentence, and when to retry. */
export class AnswerError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * Emits a request and waits for its acknowledgement. No answer within `timeoutMs` rejects (the socket may be
 * half-dead); an `{ error }` answer rejects with an AnswerError.
 */
export async function emitForAnswer(
  socket: Socket,
  event: string,
  payload: unknown,
  timeoutMs: number,
): Promise<unknown> {
  const answer = (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as Answer<unknown>;
  if (isErrorAnswer(answer)) throw new AnswerError(answer.error.code, answer.error.message, answer.error.retryAfterMs);
  return answer;
}
