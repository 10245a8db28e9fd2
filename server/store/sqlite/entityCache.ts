import type { Appointment, Customer, Job } from '../../../domain';

/** How many of each kind are kept; the oldest cached goes first (a day's working set, not the whole history). */
const LIMIT = 20_000;

/** A client's push progress, as `getClient` returns it. */
export interface ClientProgress {
  userId: string;
  lastProcessedId: number;
}

/**
 * What a command reads, kept in memory by the writer connection: jobs, appointments (by id, and the full
 * list of a job's), customers and clients' push progress. SQLite has one writer, this process's, and every
 * write to these tables goes through it (writer.ts), so an entry is current as long as each write updates
 * it. Entries read or written inside a transaction may hold its uncommitted writes: every write is journaled,
 * and a rollback (of a savepoint or of the whole transaction) forgets what was written since its start, so
 * the next read goes back to the database, which holds exactly what survived. Forgetting is always safe.
 *
 * Entities are shared, not copied: the pipeline builds a new object for every write and never mutates one
 * it read or handed over (the same rule the writer's serialization memo relies on).
 */
export class EntityCache {
  private readonly jobs = new Map<string, Job>();
  private readonly appointments = new Map<string, Appointment>();
  /** A job's appointments by id: present only when all of them are (read whole, then kept up to date). */
  private readonly jobAppointments = new Map<string, Map<string, Appointment>>();
  private readonly customers = new Map<string, Customer>();
  private readonly clients = new Map<string, ClientProgress>();
  /** What the open transaction wrote, oldest first; a savepoint remembers where its own writes begin. */
  private journal: (() => void)[] = [];

  job(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  appointment(id: string): Appointment | undefined {
    return this.appointments.get(id);
  }

  /** A job's appointments ordered by start (as the database orders them), if all of them are cached. */
  appointmentsOfJob(jobId: string): Appointment[] | undefined {
    const byId = this.jobAppointments.get(jobId);
    return byId && [...byId.values()].sort((a, b) => a.start - b.start);
  }

  customer(id: string): Customer | undefined {
    return this.customers.get(id);
  }

  client(clientId: string): ClientProgress | undefined {
    return this.clients.get(clientId);
  }

  /** What the database returned for a read (or a write it just took). */
  keepJob(job: Job): void {
    keep(this.jobs, job.id, job);
  }

  keepAppointment(appointment: Appointment): void {
    keep(this.appointments, appointment.id, appointment);
  }

  keepAppointmentsOfJob(jobId: string, appointments: readonly Appointment[]): void {
    keep(this.jobAppointments, jobId, new Map(appointments.map((appointment) => [appointment.id, appointment])));
    for (const appointment of appointments) this.keepAppointment(appointment);
  }

  keepCustomer(customer: Customer): void {
    keep(this.customers, customer.id, customer);
  }

  keepClient(clientId: string, progress: ClientProgress): void {
    keep(this.clients, clientId, progress);
  }

  /** A write the database took in the open transaction: cached, and journaled to be forgotten on rollback. */
  wroteJob(job: Job): void {
    this.keepJob(job);
    this.journal.push(() => this.jobs.delete(job.id));
  }

  wroteAppointment(appointment: Appointment): void {
    const previous = this.appointments.get(appointment.id);
    // An appointment never changes job; if one did, the old job's list would no longer be whole.
    if (previous && previous.jobId !== appointment.jobId) this.jobAppointments.delete(previous.jobId);
    this.keepAppointment(appointment);
    this.jobAppointments.get(appointment.jobId)?.set(appointment.id, appointment);
    this.journal.push(() => {
      this.appointments.delete(appointment.id);
      this.jobAppointments.delete(appointment.jobId);
      if (previous) this.jobAppointments.delete(previous.jobId);
    });
  }

  wroteCustomer(customer: Customer): void {
    this.keepCustomer(customer);
    this.journal.push(() => this.customers.delete(customer.id));
  }

  wroteClient(clientId: string, progress: ClientProgress): void {
    this.keepClient(clientId, progress);
    this.journal.push(() => this.clients.delete(clientId));
  }

  /** Where a savepoint's writes begin. */
  get mark(): number {
    return this.journal.length;
  }

  /** The writes since `mark` were rolled back: forget every entry they touched (0: the whole transaction). */
  rollBack(mark: number): void {
    for (const forget of this.journal.splice(mark)) forget();
  }

  /** The transaction committed: what it wrote stands. */
  committed(): void {
    this.journal = [];
  }
}

function keep<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > LIMIT) map.delete(map.keys().next().value as K);
}
