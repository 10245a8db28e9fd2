import {
  customerName,
  fullName,
  type Appointment,
  type Customer,
  type Job,
  type Location,
  type Note,
  type User,
} from '../../domain';

/** One visit on a technician's printed page. */
export interface PrintedVisit {
  appointmentId: string;
  jobId: string;
  start: number;
  end: number;
  customer: string;
  address: string;
  phone: string;
  job: string;
  serviceType: string;
  /** What people wrote about the job and this visit, oldest first ("Dana: gate code 4411"). */
  notes: string[];
}

/** One technician's page: their visits of the day in order. */
export interface PrintedPage {
  technicianId: string;
  technician: string;
  visits: PrintedVisit[];
}

export interface PrintDaySources {
  /** The day's bounds, [from, to). */
  from: number;
  to: number;
  technicians: readonly User[];
  /** The appointments the board shows (confirmed with pending ones replayed). */
  appointments: readonly Appointment[];
  jobs: ReadonlyMap<string, Job>;
  customers: ReadonlyMap<string, Customer>;
  notes: readonly Note[];
}

export function addressLine(address: Location | undefined): string {
  if (!address) return '';
  const region = [address.state, address.postalCode].filter(Boolean).join(' ');
  return [address.street1, address.street2, address.city, region].filter(Boolean).join(', ');
}

function phoneOf(customer: Customer | undefined): string {
  const phones = [...(customer?.phoneNumbers ?? [])].sort((a, b) => Number(b.primary) - Number(a.primary));
  return phones[0]?.number.replace(/^tel:/i, '') ?? '';
}

/**
 * The printed day: a page per technician who has a visit starting that day (in lane order: by name), each
 * visit in time order with what a technician needs at the door. Canceled visits are left out; so are
 * unassigned ones (nobody takes that page to the truck).
 */
export function printDayPages(sources: PrintDaySources): PrintedPage[] {
  const notesByJob = new Map<string, Note[]>();
  for (const note of [...sources.notes].sort((a, b) => a.writtenAt - b.writtenAt))
    notesByJob.set(note.jobId, [...(notesByJob.get(note.jobId) ?? []), note]);
  const byTechnician = new Map<string, Appointment[]>();
  for (const appointment of sources.appointments) {
    if (appointment.status === 'canceled' || !appointment.technicianId) continue;
    if (appointment.start < sources.from || appointment.start >= sources.to) continue;
    byTechnician.set(appointment.technicianId, [...(byTechnician.get(appointment.technicianId) ?? []), appointment]);
  }
  const technicians = [...sources.technicians].sort((a, b) => fullName(a).localeCompare(fullName(b)));
  return technicians
    .filter((technician) => byTechnician.has(technician.id))
    .map((technician) => ({
      technicianId: technician.id,
      technician: fullName(technician),
      visits: byTechnician
        .get(technician.id)!
        .sort((a, b) => a.start - b.start || a.id.localeCompare(b.id))
        .map((appointment) => {
          const job = sources.jobs.get(appointment.jobId);
          const customer = job ? sources.customers.get(job.customerId) : undefined;
          return {
            appointmentId: appointment.id,
            jobId: appointment.jobId,
            start: appointment.start,
            end: appointment.start + appointment.durationMinutes * 60_000,
            customer: customerName(customer),
            address: addressLine(job?.address),
            phone: phoneOf(customer),
            job: job?.title ?? '',
            serviceType: job?.serviceType ?? '',
            notes: (notesByJob.get(appointment.jobId) ?? [])
              .filter((note) => !note.appointmentId || note.appointmentId === appointment.id)
              .map((note) => `${note.authorName}: ${note.text}`),
          };
        }),
    }));
}
