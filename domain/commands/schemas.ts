import { z } from 'zod';
import { isKnownTimeZone } from '../text';

/** An IANA zone the runtime knows; `Mars/Olympus` is refused. */
export const TimeZone = z
  .string()
  .max(64)
  .refine(isKnownTimeZone, 'is not a known IANA time zone (such as America/Chicago)');

/** Client-made ids (appointments are created offline), so any short opaque string. */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'ids use letters, digits and _ . : -');

/** The version of an entity a client last saw confirmed (`expectedVersion`): the stale-edit check. */
export const Version = z.number().int().min(0);

/** Epoch milliseconds between 2000 and 2100: anything else is a bug upstream, not a date. */
export const Instant = z
  .number()
  .int('must be whole epoch milliseconds')
  .min(946_684_800_000, 'must be a date between 2000 and 2100')
  .max(4_102_444_800_000, 'must be a date between 2000 and 2100');

/** How long an appointment may be: five minutes to a day. Readers rely on the upper bound too. */
export const MIN_DURATION_MINUTES = 5;
export const MAX_DURATION_MINUTES = 24 * 60;

export const DurationMinutes = z
  .number()
  .int('must be whole minutes')
  .min(MIN_DURATION_MINUTES, 'must be at least 5 minutes')
  .max(MAX_DURATION_MINUTES, 'must be at most 24 hours');

export const ShortText = z.string().trim().min(1).max(200);
export const LongText = z.string().max(10_000);

export const LocationSchema = z.strictObject({
  street1: ShortText,
  street2: z.string().max(200).optional(),
  city: ShortText,
  state: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'state is two letters')
    .optional(),
  postalCode: z.string().max(20).optional(),
  timezone: TimeZone.optional(),
});

/**
 * A phone number as the network stores it: RFC 3966 (`tel:+1-512-555-0100`), or the same global number
 * without the scheme. Digits with the visual separators - . ( ) and spaces, 7 to 15 digits (E.164's
 * maximum); letters, extensions and stray symbols are refused, so a technician's phone can always dial it.
 */
const PHONE_SHAPE = /^(tel:)?\+?[0-9]([0-9().\- ]*[0-9])?$/i;
const PHONE_MESSAGE = 'is not a phone number: use digits, e.g. tel:+1-512-555-0100';

export function isPhoneNumber(text: string): boolean {
  if (!PHONE_SHAPE.test(text)) return false;
  const digits = text.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 15;
}

export const PhoneNumberText = z.string().max(40).refine(isPhoneNumber, PHONE_MESSAGE);

export const PhoneNumberSchema = z.strictObject({
  number: PhoneNumberText,
  primary: z.boolean(),
  type: z.enum(['mobile', 'home', 'work', 'other']).optional(),
});

export const Email = z.email('is not an email address: use name@example.com').max(200);

/**
 * A customer as a command brings it. A person (first name) or a company: a business customer may be
 * known only by its company name, in which case `firstName` is empty.
 */
export const CustomerInput = z
  .strictObject({
    id: Id,
    firstName: z.string().trim().max(200).default(''),
    lastName: z.string().max(200).optional(),
    companyName: z.string().trim().max(200).optional(),
    email: Email.optional(),
    phoneNumbers: z.array(PhoneNumberSchema).max(5).default([]),
    homeAddress: LocationSchema.optional(),
    notes: LongText.optional(),
  })
  .refine((customer) => customer.firstName !== '' || !!customer.companyName, {
    message: 'a customer needs a first name or a company name',
    path: ['firstName'],
  });

export const TimeWindowSchema = z
  .strictObject({ start: Instant, end: Instant })
  .refine((window) => window.end > window.start, 'a time window ends after it starts');

export const TimeWindows = z.array(TimeWindowSchema).max(3);

export const NewAppointment = z.strictObject({
  id: Id,
  technicianId: Id.nullable(),
  start: Instant,
  durationMinutes: DurationMinutes.default(120),
});

/** A skill or tag as a technician carries it and a job requires it: a service type ('hvac') or "EPA 608". */
export const SkillTag = z.string().trim().min(1).max(60);
export const RequiredTags = z.array(SkillTag).max(10);

const WallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM between 00:00 and 23:59');
const WallEnd = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time HH:MM between 00:00 and 24:00');

/** A working span of a weekday on the office clock; an end before the start runs past midnight. */
export const WeeklyHoursSchema = z
  .strictObject({ weekday: z.number().int().min(0).max(6), start: WallTime, end: WallEnd })
  .refine((hours) => hours.start !== hours.end, {
    message: 'a working span cannot end when it starts',
    path: ['end'],
  });

export const TimeOffSchema = z
  .strictObject({ start: Instant, end: Instant, reason: z.string().trim().max(200).optional() })
  .refine((off) => off.end > off.start, { message: 'time off ends after it starts', path: ['end'] });

export const AvailabilitySchema = z.strictObject({
  weekly: z.array(WeeklyHoursSchema).max(50),
  timeOff: z.array(TimeOffSchema).max(200),
});

/** The longest note: a few paragraphs, never a document. */
export const MAX_NOTE_LENGTH = 5_000;

/** A note's text: line breaks allowed (it is a multi-line field), blank refused, surrounding space trimmed. */
export const NoteText = z
  .string()
  .trim()
  .min(1, 'a note needs some text')
  .max(MAX_NOTE_LENGTH, `a note holds at most ${MAX_NOTE_LENGTH} characters`);
