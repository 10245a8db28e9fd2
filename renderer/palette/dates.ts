import { addDays, parseIsoDay, weekdayOf } from '../../domain';
import { isoDay } from '../kit/format';

/**
 * Reads a date the way a dispatcher types it into the palette — "2026-03-05", "3/5", "tomorrow", "fri",
 * "next monday", "+2", "in 3 days", "mar 5" — and returns the day as 'YYYY-MM-DD', or null when
 * the text is not a date (it is then a job search). Days move by calendar days (kit/format's rule), so a
 * daylight-saving change never shifts the answer.
 */
export function parseDateQuery(text: string, today: string = isoDay()): string | null {
  const query = text.trim().toLowerCase().replace(/\s+/g, ' ').replace(/,/g, '');
  if (!query) return null;
  // "Today" is the office's day ('YYYY-MM-DD'), not the machine's.
  const base = { ...parseIsoDay(today), weekday: weekdayOf(today) };
  const plus = (days: number) => addDays(today, days);

  if (RELATIVE_WORDS[query] !== undefined) return plus(RELATIVE_WORDS[query]);

  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(query);
  if (match) return valid(Number(match[1]), Number(match[2]), Number(match[3]));

  // US order, as the console's users write it: month/day[/year].
  match = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?$/.exec(query);
  if (match) return valid(fullYear(match[3], base), Number(match[1]), Number(match[2]));

  match = /^([+-])\s?(\d{1,3})(?: ?(d|days?|w|weeks?))?$/.exec(query);
  if (match) return plus((match[1] === '-' ? -1 : 1) * Number(match[2]) * unitDays(match[3]));
  match = /^in (\d{1,3}) (days?|weeks?)$/.exec(query);
  if (match) return plus(Number(match[1]) * unitDays(match[2]));
  match = /^(\d{1,3}) (days?|weeks?) ago$/.exec(query);
  if (match) return plus(-Number(match[1]) * unitDays(match[2]));

  match = /^(?:(next|last|this) )?([a-z]+)$/.exec(query);
  const weekday = match ? weekdayIndex(match[2]!) : -1;
  if (match && weekday >= 0) {
    const ahead = (weekday - base.weekday + 7) % 7;
    if (match[1] === 'next') return plus(ahead === 0 ? 7 : ahead);
    if (match[1] === 'last') return plus(ahead === 0 ? -7 : ahead - 7);
    return plus(ahead);
  }

  match =
    /^([a-z]+) (\d{1,2})(?:st|nd|rd|th)?(?: (\d{4}))?$/.exec(query) ??
    swapDayFirst(/^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)(?: (\d{4}))?$/.exec(query));
  const month = match ? monthIndex(match[1]!) : -1;
  if (match && month >= 0) return valid(match[3] ? Number(match[3]) : base.year, month + 1, Number(match[2]));

  return null;
}

const RELATIVE_WORDS: Record<string, number> = {
  today: 0,
  now: 0,
  tomorrow: 1,
  tmrw: 1,
  tmr: 1,
  yesterday: -1,
  'next week': 7,
  'last week': -7,
};

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** A full name or any prefix of at least three letters ("wed", "thur"). */
function nameIndex(names: readonly string[], word: string): number {
  if (word.length < 3) return -1;
  return names.findIndex((name) => name.startsWith(word));
}

function weekdayIndex(word: string): number {
  return nameIndex(WEEKDAYS, word);
}

function monthIndex(word: string): number {
  return nameIndex(MONTHS, word);
}

function swapDayFirst(match: RegExpExecArray | null): RegExpExecArray | null {
  if (!match) return null;
  const swapped = [...match] as unknown as RegExpExecArray;
  swapped[1] = match[2]!;
  swapped[2] = match[1]!;
  return swapped;
}

function unitDays(unit: string | undefined): number {
  return unit?.startsWith('w') ? 7 : 1;
}

function fullYear(text: string | undefined, base: { year: number }): number {
  if (!text) return base.year;
  const year = Number(text);
  return text.length === 2 ? 2000 + year : year;
}

function valid(year: number, month: number, day: number): string | null {
  if (year < 2000 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  // Date rolls "Feb 30" over into March: a day that does not exist is not a date.
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 ? addDays(`${year}-${String(month).padStart(2, '0')}-01`, day - 1) : null;
}
