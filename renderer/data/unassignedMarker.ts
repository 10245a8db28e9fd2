import type { DBCore, DBCoreCursor, DBCoreMutateRequest, Middleware } from 'dexie';
import type { Appointment } from '../../domain';

/**
 * The stored marker of an appointment without a technician: its start, under `unassignedStart`, indexed
 * (schema v7). `[technicianId+start]` cannot hold them (null is not an IndexedDB key), so the board's
 * unassigned lane had to read the whole window by start — every technician's appointments — to find the
 * few without one. With the marker it reads those few through the index.
 *
 * The marker is a property of the stored row only: this middleware writes it on every put or add of an
 * appointment (the sync engine's bulkPuts, the upgrade, a test's put — nobody has to remember it) and takes
 * it off every row read, so an `Appointment` read from the database is exactly the one written. Written
 * above Dexie's own middlewares (level 10), so live queries see the marker's index change and re-run.
 */
export const UNASSIGNED_START = 'unassignedStart';

type Stored = Appointment & { [UNASSIGNED_START]?: number };

/** The row as stored: the marker set while the appointment has no technician, absent otherwise. */
export function withUnassignedMarker(appointment: Stored): Stored {
  if (appointment.technicianId === null) {
    return appointment[UNASSIGNED_START] === appointment.start
      ? appointment
      : { ...appointment, [UNASSIGNED_START]: appointment.start };
  }
  return UNASSIGNED_START in appointment ? withoutUnassignedMarker(appointment) : appointment;
}

/** The row as read: a copy without the marker (rows are shared with Dexie's live-query cache: never edited in place). */
function withoutUnassignedMarker<T>(row: T): T {
  if (!row || typeof row !== 'object' || !(UNASSIGNED_START in row)) return row;
  const { [UNASSIGNED_START]: _marker, ...rest } = row as unknown as Stored;
  return rest as unknown as T;
}

function markWrites(request: DBCoreMutateRequest): DBCoreMutateRequest {
  if (request.type !== 'add' && request.type !== 'put') return request;
  return { ...request, values: request.values.map((value) => withUnassignedMarker(value as Stored)) };
}

function unmarkCursor(cursor: DBCoreCursor | null): DBCoreCursor | null {
  if (!cursor) return cursor;
  // As Dexie's own middlewares wrap a cursor: the IDB cursor's getters must run on the cursor itself.
  return Object.create(cursor, {
    key: { get: () => cursor.key },
    primaryKey: { get: () => cursor.primaryKey },
    value: { get: () => withoutUnassignedMarker(cursor.value) },
    continue: { value: (key?: unknown) => cursor.continue(key) },
    continuePrimaryKey: { value: (key: unknown, primaryKey: unknown) => cursor.continuePrimaryKey(key, primaryKey) },
  }) as DBCoreCursor;
}

export const unassignedMarker: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'unassigned-marker',
  level: 10,
  create: (down) => ({
    ...down,
    table: (name) => {
      const table = down.table(name);
      if (name !== 'appointments') return table;
      return {
        ...table,
        mutate: (request) => table.mutate(markWrites(request)),
        get: (request) => table.get(request).then(withoutUnassignedMarker),
        getMany: (request) => table.getMany(request).then((rows) => rows.map(withoutUnassignedMarker)),
        query: (request) =>
          table
            .query(request)
            .then((response) =>
              request.values ? { ...response, result: response.result.map(withoutUnassignedMarker) } : response,
            ),
        openCursor: (request) => table.openCursor(request).then((cursor) => unmarkCursor(cursor)),
      };
    },
  }),
};
