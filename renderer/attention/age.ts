const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long an item has needed attention, as the panel says it beside its sentence: "just now", "25 min",
 * "2 h 5 min", "3 days"; a preferred window that has not opened yet says "in 4 h".
 */
export function ageLabel(since: number, now: number): string {
  const elapsed = now - since;
  if (elapsed < 0) return `in ${span(-elapsed)}`;
  if (elapsed < MINUTE) return 'just now';
  return span(elapsed);
}

function span(ms: number): string {
  if (ms >= 2 * DAY) return `${Math.floor(ms / DAY)} days`;
  if (ms >= DAY) return '1 day';
  const hours = Math.floor(ms / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (!hours) return `${Math.max(minutes, 1)} min`;
  return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
}
