import type { DBCore, DBCoreCursor, Middleware } from 'dexie';

/**
 * Rows each table hands back (getAll, bulkGet and cursor steps): what a live query's read costs. Install with
 * `db.use(countRows)` before opening; clear `rowsRead` before the read you measure.
 */
export const rowsRead = new Map<string, number>();
export const countRows: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'count-rows',
  create: (down) => ({
    ...down,
    table: (name) => {
      const table = down.table(name);
      const add = (count: number) => rowsRead.set(name, (rowsRead.get(name) ?? 0) + count);
      return {
        ...table,
        query: (request) =>
          table.query(request).then((response) => {
            if (request.values) add(response.result.length);
            return response;
          }),
        getMany: (request) =>
          table.getMany(request).then((rows) => {
            add(rows.filter(Boolean).length);
            return rows;
          }),
        openCursor: (request) =>
          table.openCursor(request).then((cursor) => {
            if (!cursor || request.values === false) return cursor;
            const start = cursor.start.bind(cursor);
            (cursor as { start: DBCoreCursor['start'] }).start = (onNext) => start(() => (add(1), onNext()));
            return cursor;
          }),
      };
    },
  }),
};
