import { z } from 'zod';
import { fullName } from '../actor';
import { hoursLabel, isAvailable, OFF_TODAY } from '../availability';
import type { Appointment, Job, User } from '../entities';
import { missingSkills, skillLabel } from '../skills';
import { isLive } from '../status';
import { wallClock, zoneDay } from '../zone';

/**
 * What may be wrong with putting a visit on a technician's day, said before it is committed. These are
 * warnings, never refusals: the dispatcher knows things the data does not (Jake said he can stay late),
 * so the console asks "Schedule anyway?" and the server answers REST writes with them, and whichever way
 * the dispatcher chose is written into the job's activity (`overruledSummary`).
 *
 * The codes are a contract (the REST answer's `warnings[].code`, the commands' `acknowledgedWarnings`):
 * never rename one; add new ones at the end.
 */
export const SCHEDULING_WARNING_CODES = ['DOUBLE_BOOKED', 'OUTSIDE_HOURS', 'TIME_OFF', 'MISSING_SKILLS'] as const;

export type SchedulingWarningCode = (typeof SCHEDULING_WARNING_CODES)[number];

/**
 * The warnings the dispatcher saw and chose to overrule ("Schedule anyway"), by code: an optional argument
 * of the scheduling commands, which write them into the activity. Consoles older than it send none.
 */
export const AcknowledgedWarnings = z.array(z.enum(SCHEDULING_WARNING_CODES)).max(SCHEDULING_WARNING_CODES.length);

export interface SchedulingWarning {
  code: SchedulingWarningCode;
  /** One sentence naming the technician and the time, in the office's zone. */
  message: string;
}

type Technician = Pick<User, 'id' | 'firstName' | 'lastName' | 'availability' | 'skills'>;
type SkillsNeeded = Pick<Job, 'serviceType' | 'requiredTags'>;

/** A visit as it would be placed: for whom, when, how long. */
export interface ProposedVisit {
  technician: Technician;
  start: number;
  durationMinutes: number;
  /** The appointment being moved, if any: it never clashes with itself. */
  appointmentId?: string;
  /** The job it is for (its service type and required tags decide the skills it needs). */
  job?: SkillsNeeded;
}

/** The fields of another appointment that decide a clash. */
export type BookedVisit = Pick<Appointment, 'id' | 'technicianId' | 'start' | 'durationMinutes' | 'status'>;

const MINUTE = 60_000;
/** How many clashing visits a message names before it says "and N more". */
const LISTED_CLASHES = 3;

/**
 * The warnings for a proposed visit, in the order of `SCHEDULING_WARNING_CODES`. `booked` are the other
 * appointments that may clash (any technician's: only this technician's count); canceled and completed
 * visits free their time, and the visit being moved is ignored. `timeZone` is the office's
 * (`officeTimeZone`): every time in a message is read on its clock.
 */
export function schedulingWarnings(
  proposal: ProposedVisit,
  booked: readonly BookedVisit[],
  timeZone: string,
): SchedulingWarning[] {
  const { technician, start, job } = proposal;
  const finish = end(proposal);
  const name = fullName(technician);
  const warnings: SchedulingWarning[] = [];
  const clashes = clashingVisits(proposal, booked);
  if (clashes.length) {
    const spans = clashes.slice(0, LISTED_CLASHES).map((visit) => timeRange(visit.start, end(visit), timeZone));
    const more = clashes.length - spans.length;
    const listed = more ? [...spans, `${more} more`] : spans;
    warnings.push({ code: 'DOUBLE_BOOKED', message: `${name} is already booked ${joinWords(listed)}.` });
  }
  // availability.ts judges time off before hours; asked again without the time off, it also says whether
  // the hours would cover the visit, so a visit both on a day off and at night gets both warnings.
  const verdict = isAvailable(technician, start, finish, timeZone);
  const hours =
    verdict.available || verdict.kind === 'outside_hours'
      ? verdict
      : isAvailable(withoutTimeOff(technician), start, finish, timeZone);
  if (!hours.available) {
    const label = hoursLabel(technician, zoneDay(start, timeZone), timeZone);
    const their = !label || label === OFF_TODAY ? 'off that day' : label;
    warnings.push({
      code: 'OUTSIDE_HOURS',
      message: `${timeRange(start, finish, timeZone)} is outside ${name}'s working hours (${their}).`,
    });
  }
  if (!verdict.available && verdict.kind === 'time_off') {
    const why = verdict.timeOff.reason ? ` (${verdict.timeOff.reason})` : '';
    warnings.push({
      code: 'TIME_OFF',
      message: `${name} is off during ${timeRange(start, finish, timeZone)}${why}.`,
    });
  }
  const lacking = job ? missingSkills(technician, job) : [];
  if (lacking.length) warnings.push({ code: 'MISSING_SKILLS', message: `${lacksPhrase(name, lacking)}.` });
  return warnings;
}

function withoutTimeOff(technician: Technician): Technician {
  return technician.availability
    ? { ...technician, availability: { ...technician.availability, timeOff: [] } }
    : technician;
}

/** "Jake Miller lacks EPA 608", "… lacks HVAC and EPA 608" (service types by their label). */
function lacksPhrase(name: string, lacking: readonly string[]): string {
  return `${name} lacks ${joinWords(lacking.map(skillLabel))}`;
}

/** This technician's live visits, other than the one being moved, that overlap the proposal; by start. */
export function clashingVisits(proposal: ProposedVisit, booked: readonly BookedVisit[]): BookedVisit[] {
  const from = proposal.start;
  const to = proposal.start + proposal.durationMinutes * MINUTE;
  return booked
    .filter(
      (visit) =>
        visit.technicianId === proposal.technician.id &&
        visit.id !== proposal.appointmentId &&
        isLive(visit) &&
        visit.start < to &&
        from < end(visit),
    )
    .sort((a, b) => a.start - b.start);
}

/**
 * What the activity says the dispatcher overruled, from the codes the command carried: "Scheduled anyway:
 * double-booked Jake Miller at 10:00 AM; scheduled over Jake Miller's time off". Unknown codes cannot
 * reach here (the commands' schema lists the known ones); each code is said once, in the codes' order.
 */
export function overruledSummary(
  codes: readonly SchedulingWarningCode[],
  visit: Pick<ProposedVisit, 'technician' | 'start' | 'job'>,
  timeZone: string,
): string {
  const name = fullName(visit.technician);
  // Skills may have been recorded since the warning was shown: then the line says so without naming them.
  const lacking = visit.job ? missingSkills(visit.technician, visit.job) : [];
  const phrases: Record<SchedulingWarningCode, string> = {
    DOUBLE_BOOKED: `double-booked ${name} at ${clockTime(visit.start, timeZone)}`,
    OUTSIDE_HOURS: `scheduled outside ${name}'s working hours`,
    TIME_OFF: `scheduled over ${name}'s time off`,
    MISSING_SKILLS: lacking.length ? lacksPhrase(name, lacking) : `${name} lacks the job's required skills`,
  };
  const said = SCHEDULING_WARNING_CODES.filter((code) => codes.includes(code)).map((code) => phrases[code]);
  return `Scheduled anyway: ${said.join('; ')}`;
}

/** "10:00 AM", "12:30 PM" on the office's clock; built by hand so no runtime's spacing around AM/PM differs. */
export function clockTime(instant: number, timeZone: string): string {
  const { hour, minute } = wallClock(instant, timeZone);
  return `${hour % 12 === 0 ? 12 : hour % 12}:${String(minute).padStart(2, '0')} ${hour < 12 ? 'AM' : 'PM'}`;
}

function timeRange(start: number, finish: number, timeZone: string): string {
  return `${clockTime(start, timeZone)}–${clockTime(finish, timeZone)}`;
}

function end(visit: { start: number; durationMinutes: number }): number {
  return visit.start + visit.durationMinutes * MINUTE;
}

/** "a", "a and b", "a, b and c". */
function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
