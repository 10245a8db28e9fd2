import { z } from 'zod';
import {
  apiJobStatus,
  deriveJobStatus,
  Email,
  Id,
  Instant,
  MAX_DURATION_MINUTES,
  MIN_DURATION_MINUTES,
  PhoneNumberSchema,
  roleFor,
  TimeZone,
  type ActivityEvent,
  type Appointment,
  type CompleteReason,
  type Customer,
  type DeclineReason,
  type Job,
  type Location,
  type Note,
  type TimeWindow,
  type User,
} from '../../domain';

/**
 * The integration API's wire format, after Dispatch v3: snake_case, ISO 8601 times, durations in seconds.
 * The domain keeps epoch milliseconds and minutes; this file is the one place that converts between them.
 * Absent optional fields go out as null, so every response has the same keys.
 */

export const iso = (instant: number) => new Date(instant).toISOString();
const isoOrNull = (instant: number | undefined) => (instant === undefined ? null : iso(instant));

// Inputs

/** An ISO 8601 instant with an offset ("Z" or "+02:00"), read as epoch milliseconds. */
export const IsoTime = z.iso
  .datetime({ offset: true, message: 'expected an ISO 8601 time with an offset, e.g. 2026-03-02T09:00:00Z' })
  .transform((text) => Date.parse(text))
  .pipe(Instant);

/** Seconds on the wire, whole minutes in the domain (5 minutes to a day). */
export const DurationSeconds = z
  .number()
  .int()
  .min(MIN_DURATION_MINUTES * 60)
  .max(MAX_DURATION_MINUTES * 60)
  .refine((seconds) => seconds % 60 === 0, 'duration is in seconds and must be whole minutes')
  .transform((seconds) => seconds / 60);

export const WireLocation = z
  .strictObject({
    street_1: z.string().trim().min(1).max(200),
    street_2: z.string().max(200).nullish(),
    city: z.string().trim().min(1).max(200),
    state: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'state is two letters')
      .nullish(),
    postal_code: z.string().max(20).nullish(),
    timezone: TimeZone.nullish(),
  })
  .transform((wire): Location =>
    compact({
      street1: wire.street_1,
      street2: wire.street_2,
      city: wire.city,
      state: wire.state,
      postalCode: wire.postal_code,
      timezone: wire.timezone,
    }),
  );

export const WireTimeWindows = z
  .array(
    z
      .strictObject({ start_time: IsoTime, end_time: IsoTime })
      .refine((window) => window.end_time > window.start_time, 'a time window ends after it starts')
      .transform((window): TimeWindow => ({ start: window.start_time, end: window.end_time })),
  )
  .max(3, 'at most 3 time windows');

/** A customer embedded in a new job; `id` is filled in by the route when absent. */
export const WireCustomerInput = z
  .strictObject({
    id: Id.optional(),
    first_name: z.string().trim().max(200).nullish(),
    last_name: z.string().max(200).nullish(),
    company_name: z.string().trim().max(200).nullish(),
    email: Email.nullish(),
    phone_numbers: z.array(PhoneNumberSchema).max(5).optional(),
    home_address: WireLocation.nullish(),
    notes: z.string().max(10_000).nullish(),
  })
  .refine((wire) => !!wire.first_name || !!wire.company_name, {
    message: 'a customer needs a first name or a company name',
    path: ['first_name'],
  })
  .transform((wire) =>
    compact({
      id: wire.id,
      firstName: wire.first_name ?? '',
      lastName: wire.last_name,
      companyName: wire.company_name,
      email: wire.email,
      phoneNumbers: wire.phone_numbers ?? [],
      homeAddress: wire.home_address,
      notes: wire.notes,
    }),
  );

/** Drops null and undefined fields: the domain's optional fields are absent, never null. */
export function compact<T extends Record<string, unknown>>(value: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null && field !== undefined)) as {
    [K in keyof T]: Exclude<T[K], null>;
  };
}

// Outputs

export function locationToWire(location: Location) {
  return {
    street_1: location.street1,
    street_2: location.street2 ?? null,
    city: location.city,
    state: location.state ?? null,
    postal_code: location.postalCode ?? null,
    timezone: location.timezone ?? null,
  };
}

export function customerToWire(customer: Customer) {
  return {
    id: customer.id,
    organization_id: customer.organizationId,
    first_name: customer.firstName,
    last_name: customer.lastName ?? null,
    company_name: customer.companyName ?? null,
    email: customer.email ?? null,
    phone_numbers: customer.phoneNumbers.map((phone) => ({
      number: phone.number,
      primary: phone.primary,
      type: phone.type ?? null,
    })),
    home_address: customer.homeAddress ? locationToWire(customer.homeAddress) : null,
    notes: customer.notes ?? null,
    version: customer.version,
  };
}

export function jobToWire(
  job: Job,
  appointments: readonly Appointment[],
  customer: Customer | undefined,
  reasons: readonly CompleteReason[],
) {
  const display = deriveJobStatus(job, appointments, (id) => reasons.find((reason) => reason.id === id));
  return {
    id: job.id,
    title: job.title,
    description: job.description ?? null,
    service_type: job.serviceType ?? null,
    required_tags: job.requiredTags ?? [],
    customer_id: job.customerId,
    customer: customer ? customerToWire(customer) : null,
    organization_id: job.organizationId,
    source_id: job.sourceId,
    address: locationToWire(job.address),
    external_ids: job.externalIds ?? [],
    time_windows: job.timeWindows.map((window) => ({ start_time: iso(window.start), end_time: iso(window.end) })),
    status: apiJobStatus(display),
    display_status: display,
    status_message: job.closedReason ?? null,
    created_at: iso(job.createdAt),
    updated_at: isoOrNull(job.updatedAt),
    version: job.version,
  };
}

export function appointmentToWire(appointment: Appointment) {
  return {
    id: appointment.id,
    job_id: appointment.jobId,
    organization_id: appointment.organizationId,
    time: iso(appointment.start),
    duration: appointment.durationMinutes * 60,
    user_id: appointment.technicianId,
    status: appointment.status,
    eta_minutes: appointment.etaMinutes ?? null,
    complete_reason_id: appointment.completeReasonId ?? null,
    enroute_at: isoOrNull(appointment.enrouteAt),
    started_at: isoOrNull(appointment.startedAt),
    completed_at: isoOrNull(appointment.completedAt),
    version: appointment.version,
  };
}

export function userToWire(user: User) {
  return {
    id: user.id,
    organization_id: user.organizationId,
    first_name: user.firstName,
    last_name: user.lastName,
    email: user.email,
    phone_number: user.phoneNumber ?? null,
    roles: user.roles,
    // null: never set, so no job is refused for skills (domain/skills.ts); [] is "no skills".
    skills: user.skills ?? null,
  };
}

/** Domain field names in activity rows, as the wire names them; times and durations converted too. */
const FIELD_NAMES: Record<string, string> = {
  start: 'time',
  durationMinutes: 'duration',
  technicianId: 'user_id',
  serviceType: 'service_type',
  timeWindows: 'time_windows',
};

function activityValue(field: string | undefined, value: ActivityEvent['from']) {
  if (typeof value !== 'number') return value ?? null;
  if (field === 'start') return iso(value);
  if (field === 'durationMinutes') return value * 60;
  return value;
}

export function activityToWire(event: ActivityEvent) {
  return {
    id: event.id,
    job_id: event.jobId,
    appointment_id: event.appointmentId ?? null,
    kind: event.kind,
    field:
      event.field === undefined
        ? null
        : event.field
            .split(',')
            .map((name) => FIELD_NAMES[name] ?? name)
            .join(','),
    from: activityValue(event.field, event.from),
    to: activityValue(event.field, event.to),
    summary: event.summary,
    actor_user_id: event.actorUserId,
    actor_name: event.actorName,
    actor_role: event.actorRole,
    source: event.source,
    occurred_at: iso(event.occurredAt),
    received_at: iso(event.receivedAt),
    offline: event.offline,
  };
}

export function noteToWire(note: Note) {
  return {
    id: note.id,
    job_id: note.jobId,
    appointment_id: note.appointmentId ?? null,
    text: note.text,
    author_user_id: note.authorUserId,
    author_name: note.authorName,
    author_role: note.authorRole,
    source: note.source,
    written_at: iso(note.writtenAt),
    received_at: iso(note.receivedAt),
    offline: note.offline,
  };
}

export function completeReasonToWire(reason: CompleteReason) {
  return {
    id: reason.id,
    label: reason.label,
    effect: reason.effect,
    source_id: reason.sourceId,
    archived: !!reason.archived,
  };
}

export function declineReasonToWire(reason: DeclineReason) {
  return { id: reason.id, label: reason.label };
}

/** The user a token answer names: who signed in, and whether the console admits them. */
export function signedInUserToWire(user: User) {
  // The user as `/users` lists them, without the phone number, and with whether the console admits them.
  const { phone_number: _notInTokenAnswer, ...named } = userToWire(user);
  return { ...named, can_use_console: roleFor(user, 'console') !== null };
}

// What the API answers, as types: one place for its clients (the simulator, the tests) to read them from.

export type WireLocationOut = ReturnType<typeof locationToWire>;
export type WireCustomer = ReturnType<typeof customerToWire>;
export type WireJob = ReturnType<typeof jobToWire>;
export type WireAppointment = ReturnType<typeof appointmentToWire>;
export type WireUser = ReturnType<typeof userToWire>;
export type WireSignedInUser = ReturnType<typeof signedInUserToWire>;
export type WireActivity = ReturnType<typeof activityToWire>;
export type WireNote = ReturnType<typeof noteToWire>;
export type WireCompleteReason = ReturnType<typeof completeReasonToWire>;
export type WireDeclineReason = ReturnType<typeof declineReasonToWire>;

/** `POST /v3/oauth/token`'s answer (times in seconds, as OAuth has them). */
export interface WireTokenAnswer {
  access_token: string;
  token_type: 'bearer';
  created_at: number;
  expires_in: number;
  refresh_token: string;
  user: WireSignedInUser;
}
