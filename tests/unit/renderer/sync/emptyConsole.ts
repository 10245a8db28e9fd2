import { afterEach } from 'vitest';
import { DispatchDb } from '../../../../renderer/data/db';
import { readMeta } from '../../../../renderer/data/outbox';

/**
 * A maker of fresh console databases holding only their meta row (a console before its first pull), each
 * closed and deleted after the test that made it. Call it at the top of a test file.
 */
export function emptyConsoles(prefix: string): () => Promise<DispatchDb> {
  const opened: DispatchDb[] = [];
  let counter = 0;
  afterEach(async () => {
    for (const db of opened.splice(0)) {
      db.close();
      await DispatchDb.delete(db.name);
    }
  });
  return async () => {
    const db = new DispatchDb(`${prefix}-${process.pid}-${++counter}`);
    opened.push(db);
    await readMeta(db);
    return db;
  };
}
