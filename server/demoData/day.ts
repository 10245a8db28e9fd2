import { DEFAULT_ATTENTION } from '../../domain';
import type { DemoCalendar } from './calendar';
import type { Visit } from './script';
import type { DemoStory } from './story';

const MINUTE = 60_000;
/** A visit starting within this of now has its technician On My Way already (when free). */
const ON_MY_WAY_AHEAD = 30 * MINUTE;
/** Technicians arrive this long after the booked start, and finish this long before its end. */
const ARRIVAL = 5 * MINUTE;
const WRAP_UP = 10 * MINUTE;
/** The visit left late on purpose is due at least this long (past the attention panel's grace) before now. */
const LATE_BY = (DEFAULT_ATTENTION.lateStartGraceMinutes + 5) * MINUTE;

/** A visit booked today, and how it ends once its slot has passed (a complete reason: completes or pauses). */
export interface TodayVisit {
  visit: Visit;
  outcome: string;
}

/**
 * Today's visits as far as the office clock at start-up has got, each told through the field's own
 * commands (legal transitions only, so the activity reads like a real day): a visit whose slot has ended
 * was worked (Started a few minutes after its start, completed with its reason before its end); one under
 * way is Started, or On My Way when its technician is about to arrive; one starting within half an hour
 * has its technician On My Way if he is free; later ones stay Scheduled. One visit under way is left late
 * on purpose (the one due most recently, once one is due past the grace and another is under way too), so
 * the attention panel has a true late start to show while the day runs; before the day starts and once it
 * is over there is none. ETAs and booked ends always lie after now: no overrun is flagged that did not happen.
 */
export function playToday(story: DemoStory, calendar: DemoCalendar, visits: readonly TodayVisit[]): void {
  const now = calendar.now;
  const late = lateOnPurpose(visits, now);
  const byTechnician = new Map<string, TodayVisit[]>();
  for (const booked of visits) {
    const lane = byTechnician.get(booked.visit.technicianId) ?? [];
    byTechnician.set(booked.visit.technicianId, [...lane, booked]);
  }
  for (const lane of byTechnician.values()) {
    // When the technician finished the visit before (none yet: free since the morning).
    let freeSince = -Infinity;
    for (const { visit, outcome } of [...lane].sort((a, b) => a.visit.start - b.visit.start)) {
      const end = visit.start + visit.durationMinutes * MINUTE;
      if (end <= now) {
        story.worked(visit, outcome);
        freeSince = end - WRAP_UP;
      } else if (visit === late) {
        freeSince = Infinity;
      } else if (visit.start <= now) {
        if (now >= visit.start + ARRIVAL) story.start(visit, visit.start + ARRIVAL);
        else onTheWay(story, visit, now, freeSince, visit.start + 2 * ARRIVAL);
        freeSince = Infinity;
      } else if (visit.start - now <= ON_MY_WAY_AHEAD && freeSince <= now) {
        onTheWay(story, visit, now, freeSince, visit.start + ARRIVAL);
        freeSince = Infinity;
      }
    }
  }
}

/** On My Way a few minutes ago (never before the last visit ended), with an ETA that lands after now. */
function onTheWay(story: DemoStory, visit: Visit, now: number, freeSince: number, arrival: number): void {
  const left = Math.max(now - 10 * MINUTE, freeSince + MINUTE);
  story.onMyWay(visit, left, Math.ceil((arrival - left) / MINUTE));
}

/**
 * Of the visits under way, the one due most recently among those due long enough ago to be late; none
 * while fewer than two are under way, so the board always shows work really in progress beside it.
 */
function lateOnPurpose(visits: readonly TodayVisit[], now: number): Visit | undefined {
  const underWay = visits
    .map((booked) => booked.visit)
    .filter((visit) => visit.start <= now && now < visit.start + visit.durationMinutes * MINUTE);
  if (underWay.length < 2) return undefined;
  return underWay.filter((visit) => visit.start + LATE_BY <= now).sort((a, b) => b.start - a.start)[0];
}
