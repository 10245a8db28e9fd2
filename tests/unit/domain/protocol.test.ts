import { describe, expect, test } from 'vitest';
import {
  MAX_BATCH,
  MAX_COALESCED_PULL,
  MAX_PULL,
  PROTOCOL_MISMATCH,
  PROTOCOL_VERSION,
  PullRequest,
  PushRequest,
  refuseOtherProtocol,
  UPDATE_NEEDED_WORDS,
  updateNeeded,
} from '../../../domain/protocol';

describe('protocol versions', () => {
  test.each([
    [1, 1, null],
    [1, 2, 'console'],
    [3, 2, 'server'],
    [0, 1, 'console'],
  ] as const)(
    'a console of version %i and a server of version %i: update needed by %s',
    (consoleVersion, serverVersion, side) => {
      expect(updateNeeded(consoleVersion, serverVersion)).toBe(side);
    },
  );

  test('the server accepts its own version and, from consoles before versioning, none', () => {
    expect(refuseOtherProtocol(PROTOCOL_VERSION)).toBeNull();
    expect(refuseOtherProtocol(undefined)).toBeNull();
    expect(refuseOtherProtocol(1, 1)).toBeNull();
    // A server of version 2 hears a console that announces nothing as version 1: too old.
    expect(refuseOtherProtocol(undefined, 2)).toMatchObject({
      code: PROTOCOL_MISMATCH,
      protocol: 2,
      message: expect.stringContaining(UPDATE_NEEDED_WORDS.console),
    });
  });

  test('any other announcement is refused with the server version, in the words of the side to update', () => {
    expect(refuseOtherProtocol(2, 1)).toEqual({
      code: PROTOCOL_MISMATCH,
      protocol: 1,
      message: 'Your server needs an update to talk to this console. The console speaks sync protocol 2, the server 1.',
    });
    expect(refuseOtherProtocol(1, 2)?.message).toBe(
      'This console needs an update to talk to your server. The console speaks sync protocol 1, the server 2.',
    );
    for (const nonsense of ['1', 1.5, -1, null, {}]) {
      expect(refuseOtherProtocol(nonsense, 1), JSON.stringify(nonsense)).toEqual({
        code: PROTOCOL_MISMATCH,
        protocol: 1,
        message: 'This console announced no valid sync protocol version.',
      });
    }
  });
});

describe('limits', () => {
  const command = (id: number) => ({ id, name: 'job.accept', args: { jobId: 'job-1' }, createdAt: 0 });

  test(`a push carries 1 to ${MAX_BATCH} commands from a client id of 8 to 64 safe characters`, () => {
    expect(PushRequest.safeParse({ clientId: 'c_12345678', commands: [command(1)] }).success).toBe(true);
    expect(
      PushRequest.safeParse({
        clientId: 'c_12345678',
        commands: Array.from({ length: MAX_BATCH }, (_, index) => command(index + 1)),
      }).success,
    ).toBe(true);
    expect(
      PushRequest.safeParse({
        clientId: 'c_12345678',
        commands: Array.from({ length: MAX_BATCH + 1 }, (_, index) => command(index + 1)),
      }).success,
    ).toBe(false);
    expect(PushRequest.safeParse({ clientId: 'c_12345678', commands: [] }).success).toBe(false);
    expect(PushRequest.safeParse({ clientId: 'short', commands: [command(1)] }).success).toBe(false);
    expect(PushRequest.safeParse({ clientId: 'c_1234567/', commands: [command(1)] }).success).toBe(false);
    expect(PushRequest.safeParse({ clientId: 'c_12345678', commands: [command(0)] }).success).toBe(false);
  });

  // Above MAX_PULL without `coalesce` the server answers INVALID_ARGS (tests/integration/client/catchUpFar.test.ts).
  test(`a pull asks for 1 to ${MAX_PULL} changes, a coalesced one for up to ${MAX_COALESCED_PULL}`, () => {
    expect(PullRequest.safeParse({ cursor: 0 }).success).toBe(true);
    expect(PullRequest.safeParse({ cursor: 0, limit: MAX_PULL }).success).toBe(true);
    expect(PullRequest.safeParse({ cursor: 0, limit: MAX_COALESCED_PULL, coalesce: true }).success).toBe(true);
    expect(PullRequest.safeParse({ cursor: 0, limit: MAX_COALESCED_PULL + 1, coalesce: true }).success).toBe(false);
    expect(PullRequest.safeParse({ cursor: 0, limit: 0 }).success).toBe(false);
    expect(PullRequest.safeParse({ cursor: -1 }).success).toBe(false);
  });
});
