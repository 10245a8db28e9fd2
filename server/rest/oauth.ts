import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { describeIssues, type User } from '../../domain';
import type { ServerContext } from '../context';
import { HasherBusy } from '../passwords';
import type { TokenPair } from '../sessions';
import { writePasswordHash } from '../referenceData';
import { errorBody, sendError } from './errors';
import { signedInUserToWire, type WireTokenAnswer } from './wire';

const TokenRequest = z.discriminatedUnion('grant_type', [
  z.object({
    grant_type: z.literal('password'),
    username: z.string().min(1).max(200),
    password: z.string().min(1).max(200),
  }),
  z.object({ grant_type: z.literal('refresh_token'), refresh_token: z.string().min(1).max(2048) }),
]);

export function tooMany(reply: FastifyReply, retryAfterMs: number, message: string) {
  return reply
    .code(429)
    .header('retry-after', Math.max(1, Math.ceil(retryAfterMs / 1000)))
    .send(errorBody('RATE_LIMITED', message));
}

/**
 * Checks a password grant: throttled per account and per address before any hashing, then verified
 * within the hasher's concurrency cap. Answers the user, or sends the refusal itself and answers undefined.
 */
export async function checkPassword(
  context: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
  username: string,
  password: string,
  refusal = { code: 'UNAUTHENTICATED', message: 'The email or password is not correct.' },
): Promise<User | undefined> {
  const attempt = await context.logins.begin(username, request.ip);
  if (!attempt.ok) {
    await tooMany(reply, attempt.retryAfterMs, attempt.message);
    return undefined;
  }
  const stored = context.directory.storedUserByEmail(username);
  let valid: boolean;
  try {
    valid = await context.passwords.verify(password, stored?.passwordHash ?? context.passwords.dummyHash);
  } catch (error) {
    // Not checked, so neither a failure nor a success: the account's failures stay as they were.
    await attempt.finish('unchecked');
    if (!(error instanceof HasherBusy)) throw error;
    await tooMany(reply, 1_000, error.message);
    return undefined;
  }
  // Counted before the answer leaves, so the caller's next attempt meets this one's count.
  await attempt.finish(valid && stored ? 'succeeded' : 'failed');
  if (!valid || !stored) {
    await sendError(reply, refusal.code, refusal.message);
    return undefined;
  }
  if (context.passwords.needsUpgrade(stored.passwordHash)) void upgradeHash(context, stored.id, password);
  return context.directory.user(stored.id);
}

/** Rehashes at the operator's cost after the answer is sent; a busy hasher simply tries next time. */
async function upgradeHash(context: ServerContext, userId: string, password: string): Promise<void> {
  try {
    const hash = await context.passwords.hash(password);
    await context.pipeline.write((tx) => writePasswordHash(tx, context.directory, userId, hash));
  } catch (error) {
    if (!(error instanceof HasherBusy)) context.log.warn({ err: error, userId }, 'password hash upgrade failed');
  }
}

/** `POST /v3/oauth/token`, after Dispatch v3: password and refresh-token grants, JSON or form body. */
export function registerOAuth(http: FastifyInstance, context: ServerContext) {
  http.post('/v3/oauth/token', async (request, reply) => {
    const parsed = TokenRequest.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 'INVALID_ARGS', describeIssues(parsed.error));
    let user: User | undefined;
    let pair: TokenPair | undefined;
    if (parsed.data.grant_type === 'password') {
      user = await checkPassword(context, request, reply, parsed.data.username, parsed.data.password);
      if (!user) return reply;
      pair = await context.sessions.start(user.id);
    } else {
      // Rotated on every use; a replayed old token ends its whole session (server/sessions.ts).
      pair = await context.sessions.refresh(parsed.data.refresh_token);
      user = pair && context.directory.user(context.tokens.verify(pair.access.token, 'access') ?? '');
      if (!pair || !user)
        return sendError(reply, 'UNAUTHENTICATED', 'Your session has expired or is not valid; sign in again.');
    }
    const { access, refresh } = pair;
    return {
      access_token: access.token,
      token_type: 'bearer',
      created_at: access.createdAt,
      expires_in: access.expiresIn,
      refresh_token: refresh.token,
      user: signedInUserToWire(user),
    } satisfies WireTokenAnswer;
  });
}

const RevokeRequest = z.object({
  token: z.string().min(1).max(4096),
  token_type_hint: z.enum(['refresh_token', 'access_token']).optional(),
});

/**
 * `POST /v3/oauth/revoke` (RFC 7009): ends the session of a refresh or access token, as sign-out does.
 * Answers 200 for any token, valid or not, so it reveals nothing; the token itself is the credential.
 */
export function registerRevoke(http: FastifyInstance, context: ServerContext) {
  http.post('/v3/oauth/revoke', async (request, reply) => {
    const parsed = RevokeRequest.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 'INVALID_ARGS', describeIssues(parsed.error));
    await context.sessions.revoke(parsed.data.token);
    return {};
  });
}
