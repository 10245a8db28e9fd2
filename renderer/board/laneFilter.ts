import { skillKey, skillLabel, subtractSpans, workingSpans, type Span, type User } from '../../domain';
import { personName } from '../kit/labels';

/**
 * Which technicians' lanes the board shows, and in what order: a filter by name, skill or tag, and a sort
 * by name, by the free time left on the board's day, or by who is free soonest. Pure, so the order can be
 * tested without a board.
 */

export type LaneSort = 'name' | 'free_time' | 'next_free';

export const LANE_SORTS: { value: LaneSort; label: string }[] = [
  { value: 'name', label: 'Name' },
  { value: 'free_time', label: 'Free time today' },
  { value: 'next_free', label: 'Next free slot' },
];

/** A free stretch shorter than this is not a slot a visit fits in. */
export const MIN_SLOT_MS = 30 * 60_000;

/** Whether a technician matches the filter text: a part of the name, or of a skill (by key or its label). */
export function matchesLaneFilter(technician: Pick<User, 'firstName' | 'lastName' | 'skills'>, query: string): boolean {
  const wanted = skillKey(query);
  if (wanted === '') return true;
  if (skillKey(personName(technician)).includes(wanted)) return true;
  return (technician.skills ?? []).some(
    (skill) => skillKey(skill).includes(wanted) || skillKey(skillLabel(skill)).includes(wanted),
  );
}

export interface FreeTime {
  /** Working time left on the day that no visit takes, from `now` on (all of it for a day ahead). */
  freeMs: number;
  /** Where the first free stretch of at least MIN_SLOT_MS begins; undefined when none is left. */
  nextFree: number | undefined;
}

/**
 * A technician's free time on a day `[day.start, day.end)`: working hours minus time off minus the visits
 * (`busy`), counted from `now` when the day has begun.
 */
export function freeTime(
  technician: Pick<User, 'firstName' | 'availability'>,
  day: Span,
  busy: readonly Span[],
  zone: string,
  now: number,
): FreeTime {
  const from = Math.max(day.start, Math.min(now, day.end));
  const free = subtractSpans(workingSpans(technician, from, day.end, zone), busy);
  const slot = free.find((span) => span.end - span.start >= MIN_SLOT_MS);
  return { freeMs: free.reduce((total, span) => total + span.end - span.start, 0), nextFree: slot?.start };
}

/**
 * The technicians to show, filtered and sorted. The free-time sorts put the most free time (or the
 * soonest slot) first; ties and technicians with no slot left fall back to name order.
 */
export function arrangeTechnicians<T extends Pick<User, 'id' | 'firstName' | 'lastName' | 'skills'>>(
  technicians: readonly T[],
  query: string,
  sort: LaneSort,
  free: ReadonlyMap<string, FreeTime> | undefined,
): T[] {
  const byName = (a: T, b: T) => personName(a).localeCompare(personName(b)) || a.id.localeCompare(b.id);
  const shown = technicians.filter((technician) => matchesLaneFilter(technician, query));
  if (sort === 'name' || !free) return shown.sort(byName);
  if (sort === 'free_time')
    return shown.sort((a, b) => (free.get(b.id)?.freeMs ?? 0) - (free.get(a.id)?.freeMs ?? 0) || byName(a, b));
  const next = (technician: T) => free.get(technician.id)?.nextFree ?? Infinity;
  return shown.sort((a, b) => next(a) - next(b) || byName(a, b));
}
