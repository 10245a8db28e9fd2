import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { parseTokenKey, TokenIssuer } from '../../server/auth';
import { ChildServer, removeDir, tempDataDir } from './support/server';

/**
 * Issue 13: every server process must sign and verify tokens with one key. An operator may give it
 * (DISPATCH_TOKEN_KEY); otherwise it is the data folder's token.key (SQLite) or the database's (PostgreSQL).
 */

describe('the signing key an operator gives (DISPATCH_TOKEN_KEY)', () => {
  let server: RunningServer | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await server?.close();
    if (dataDir) await removeDir(dataDir);
    server = dataDir = undefined;
  });

  it('signs the tokens, and no key file is written to the data folder', async () => {
    const key = randomBytes(32);
    dataDir = await tempDataDir('token-key');
    server = await startServer({ port: 0, dataDir, log: pino({ level: 'silent' }), tokenKey: key });
    const pair = await server.context.sessions.start('u-key');
    expect(new TokenIssuer(key).claims(pair.access.token, 'access')?.sub).toBe('u-key');
    expect(new TokenIssuer(randomBytes(32)).claims(pair.access.token, 'access')).toBeUndefined();
    expect(existsSync(join(dataDir, 'token.key'))).toBe(false);
  });

  it('is read as base64 or base64url of at least 32 bytes', () => {
    const key = randomBytes(32);
    expect(parseTokenKey(key.toString('base64'))).toEqual(key);
    expect(parseTokenKey(`${key.toString('base64url')}\n`)).toEqual(key);
    expect(parseTokenKey(randomBytes(16).toString('base64'))).toBeUndefined();
    expect(parseTokenKey('not a key at all, though it is long enough to be one')).toBeUndefined();
  });

  it('stops the server at start with a message naming the variable when it is not a key', async () => {
    const dir = await tempDataDir('token-key-bad');
    try {
      const start = ChildServer.start({ dataDir: dir, demo: false, env: { DISPATCH_TOKEN_KEY: 'too-short' } });
      await expect(start).rejects.toThrow(/code 2[\s\S]*DISPATCH_TOKEN_KEY must be at least 32 random bytes/);
    } finally {
      await removeDir(dir);
    }
  });
});
