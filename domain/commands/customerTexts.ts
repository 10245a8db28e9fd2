import type { Appointment, AppointmentStatus, Job } from '../entities';
import type { CommandContext, JobState, NotificationDraft } from './types';

/**
 * The texts a field status sends the customer (the seed: On My Way "sends a text message to the customer,
 * along with the technician's estimated arrival time"; Start "lets the customer know that they have
 * arrived"). They are recorded as CustomerNotification; the SMS gateway is outside this product.
 */

/** A text older than this when it reaches the server is history, not news: the status changes, no text. */
export const STALE_ETA_MS = 15 * 60 * 1000;

/** Why a field status sent no text, for the activity line ("no text sent: ..."). */
export type Silence = 'late replay' | 'customer already told';

export type FieldText = { text: NotificationDraft } | { silence: Silence };

/**
 * Which of the job's other appointments already told the customer: one On My Way or Started visit (a
 * two-person visit) means the customer was told someone is coming; one Started means they were told of the
 * arrival. One text per arrival.
 */
const ALREADY_TOLD: Record<'enroute' | 'started', readonly AppointmentStatus[]> = {
  enroute: ['enroute', 'started'],
  started: ['started'],
};

export function fieldText(
  to: 'enroute' | 'started',
  state: JobState,
  job: Job,
  appointment: Appointment,
  ctx: CommandContext,
): FieldText {
  // A replayed status from long ago would text the customer a wrong ETA or a stale arrival: record it, send nothing.
  if (ctx.now - ctx.occurredAt > STALE_ETA_MS) return { silence: 'late replay' };
  const told = state.appointments.some(
    (other) => other.id !== appointment.id && ALREADY_TOLD[to].includes(other.status),
  );
  if (told) return { silence: 'customer already told' };
  const customer = state.customer;
  const provider = state.organization(job.organizationId);
  const technician = appointment.technicianId ? state.technician(appointment.technicianId) : undefined;
  const phone = customer?.phoneNumbers.find((number) => number.primary) ?? customer?.phoneNumbers[0];
  const hi = `Hi ${customer?.firstName ?? 'there'}`;
  const who = technician
    ? `${technician.firstName} from ${provider?.name ?? 'your service provider'}`
    : (provider?.name ?? 'Your technician');
  const body =
    to === 'enroute'
      ? `${hi}, ${who} is on the way and should arrive in about ${appointment.etaMinutes ?? 30} minutes.`
      : `${hi}, ${who} has arrived and is starting work.`;
  return {
    text: {
      jobId: job.id,
      appointmentId: appointment.id,
      customerId: job.customerId,
      channel: 'sms',
      to: phone?.number ?? null,
      body,
    },
  };
}

/** The activity line's note on the text: "(customer texted)", or why none was sent. */
export function textNote(outcome: FieldText): string {
  if ('text' in outcome) return ' (customer texted)';
  return outcome.silence === 'late replay' ? ' (late replay: no text sent)' : ' (customer already told: no text sent)';
}
