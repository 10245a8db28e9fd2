import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { LIVE_APPOINTMENT_STATUSES, MAX_DURATION_MINUTES, type Appointment, type Span } from '../../domain';
import { appointmentsStartingBetween } from '../data/appointmentIndex';
import { useConsole } from '../kit/SyncProvider';
import { MINUTE_MS } from './geometry';
import { arrangeTechnicians, freeTime, type FreeTime, type LaneSort } from './laneFilter';
import type { PendingLayer } from './laneData';
import { UNASSIGNED } from './lanes';
import type { LaneEntry } from './useBoardData';

const LIVE: ReadonlySet<Appointment['status']> = new Set(LIVE_APPOINTMENT_STATUSES);

/**
 * The lanes as the toolbar's filter and sort want them. The unassigned lane stays first and is never
 * filtered away. The free-time sorts read the day's visits of every technician (pending commands
 * replayed), so they run only while chosen.
 */
export function useLaneArrangement(
  lanes: LaneEntry[],
  query: string,
  sort: LaneSort,
  day: Span,
  zone: string,
  layer: PendingLayer,
): LaneEntry[] {
  const { client } = useConsole();
  const needsFree = sort !== 'name';
  const confirmed = useLiveQuery(
    async () =>
      needsFree
        ? {
            day,
            // Only live visits keep a technician busy (the filter below): three status ranges, not five.
            appointments: await appointmentsStartingBetween(
              client.db,
              day.start - MAX_DURATION_MINUTES * MINUTE_MS,
              day.end,
              LIVE_APPOINTMENT_STATUSES,
            ),
          }
        : undefined,
    [client, needsFree, day.start, day.end],
  );

  const free = useMemo(() => {
    if (!confirmed || confirmed.day.start !== day.start) return undefined;
    const visits = new Map(confirmed.appointments.map((appointment) => [appointment.id, appointment]));
    for (const [id, appointment] of layer.overlay.appointments) visits.set(id, appointment);
    const busy = new Map<string, Span[]>();
    for (const visit of visits.values()) {
      if (!visit.technicianId || !LIVE.has(visit.status)) continue;
      const span = { start: visit.start, end: visit.start + visit.durationMinutes * MINUTE_MS };
      if (span.end <= day.start || span.start >= day.end) continue;
      busy.set(visit.technicianId, [...(busy.get(visit.technicianId) ?? []), span]);
    }
    const now = Date.now();
    const result = new Map<string, FreeTime>();
    for (const { technician } of lanes) {
      if (technician) result.set(technician.id, freeTime(technician, day, busy.get(technician.id) ?? [], zone, now));
    }
    return result;
  }, [confirmed, layer, lanes, day, zone]);

  return useMemo(() => {
    if (query.trim() === '' && sort === 'name') return lanes;
    const unassigned = lanes.filter((entry) => entry.key === UNASSIGNED);
    const technicians = lanes.flatMap((entry) => (entry.technician ? [entry.technician] : []));
    const arranged = arrangeTechnicians(technicians, query, sort, free);
    return [...unassigned, ...arranged.map((technician) => ({ key: technician.id, technician }))];
  }, [lanes, query, sort, free]);
}
