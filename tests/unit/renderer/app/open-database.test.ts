import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, test } from 'vitest';
import { databaseName, DispatchDb } from '../../../../renderer/data/db';
import { saveSession, type Session } from '../../../../renderer/kit/session';

/**
 * index.html's early open (renderer/public/open-database.js): a classic script with no imports, so it
 * spells the session's storage key and the database's name itself. Held here to kit/session.ts and
 * data/db.ts, and to opening only what exists and getting out of an upgrade's way.
 */
const SCRIPT = readFileSync(resolve(import.meta.dirname, '../../../../renderer/public/open-database.js'), 'utf8');
const ORIGIN = 'http://127.0.0.1:4820';

const session: Session = {
  serverUrl: ORIGIN,
  accessToken: 'a',
  refreshToken: 'r',
  expiresAt: 0,
  user: { id: 'u-dana', organizationId: 'org-coolair', firstName: 'Dana', lastName: 'Reyes', email: 'd@x', roles: [] },
  role: 'dispatcher',
};

/** localStorage as the session module writes it. */
function storage(): Storage {
  const items = new Map<string, string>();
  const stub = {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  } as Storage;
  (globalThis as { localStorage?: Storage }).localStorage = stub;
  return stub;
}

/** Runs the script as a page at `origin` would, and returns the names it opened. */
function runScript(localStorage: Storage, origin = ORIGIN, desktop = false): string[] {
  const opened: string[] = [];
  const url = new URL(origin);
  const window = {
    indexedDB: {
      open: (name: string) => {
        opened.push(name);
        return indexedDB.open(name);
      },
    },
    dispatchDesktop: desktop ? {} : undefined,
  };
  runInNewContext(SCRIPT, {
    window,
    indexedDB: window.indexedDB,
    localStorage,
    location: { origin: url.origin, host: url.host },
    setTimeout,
  });
  return opened;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

let made: DispatchDb | undefined;
afterEach(async () => {
  made?.close();
  await DispatchDb.delete(databaseName(ORIGIN, session.user.id));
  delete (globalThis as { localStorage?: Storage }).localStorage;
});

describe('the early open in index.html (public/open-database.js)', () => {
  test('opens the database the app will open, for the saved session', async () => {
    const local = storage();
    saveSession(session);
    made = new DispatchDb(databaseName(ORIGIN, session.user.id));
    await made.open();
    expect(runScript(local)).toEqual([databaseName(ORIGIN, session.user.id)]);
  });

  test('creates no database when there is none yet', async () => {
    const local = storage();
    saveSession(session);
    expect(runScript(local)).toHaveLength(1);
    await settle();
    const names = (await indexedDB.databases()).map((database) => database.name);
    expect(names).not.toContain(databaseName(ORIGIN, session.user.id));
  });

  test('opens nothing without a session, for another server, or in the desktop app', () => {
    const local = storage();
    expect(runScript(local)).toEqual([]);
    saveSession(session);
    expect(runScript(local, 'http://127.0.0.1:9999')).toEqual([]);
    expect(runScript(local, ORIGIN, true)).toEqual([]);
  });

  test('an upgrade of the database goes through: the early connection closes for it', async () => {
    const local = storage();
    saveSession(session);
    const name = databaseName(ORIGIN, session.user.id);
    made = new DispatchDb(name);
    await made.open();
    const version = made.verno;
    made.close();
    runScript(local);
    await settle();
    // A raw open at the next version, as the app's next schema would: blocked forever if the early one held on.
    const upgraded = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, version * 10 + 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    upgraded.close();
  });
});
