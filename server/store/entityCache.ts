import type { Appointment, Customer, Job } from '../../domain';

/** How many of each kind are kept; the oldest cached goes first (a day's working set, not the whole history). */
const LIMIT = 20_000;

/** A client's push progress, as `getClient` returns it. */
export interface ClientProgress {
  userId: string;
  lastProcessedId: number;
}

/**
 * What a command reads, kept in memory by a store's transactions: jobs, appointments (by id, and the full
 * list of a job's), customers and clients' push progress. Every write to these tables goes through the
 * store's `Tx`, which updates the entry with it, so an entry is current as long as no one else writes:
 * SQLite has one writer, this process's (sqlite/writer.ts); on PostgreSQL other processes write too, and
 * the store clears the cache when a transaction finds that another one committed since (postgres/store.ts).
 * Entries read or written inside a transaction may hold its uncommitted writes: every write is journaled,
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

  /** The cached job, else `load`'s (kept). */
  readJob(id: string, load: () => Promise<Job | undefined>): Promise<Job | undefined> {
    return readThrough(this.jobs.get(id), load, (job) => this.keepJob(job));
  }

  readAppointment(id: string, load: () => Promise<Appointment | undefined>): Promise<Appointment | undefined> {
    return readThrough(this.appointments.get(id), load, (appointment) => this.keepAppointment(appointment));
  }

  readAppointmentsOfJob(jobId: string, load: () => Promise<Appointment[]>): Promise<Appointment[]> {
    return readThrough(this.appointmentsOfJob(jobId), load, (appointments) =>
      this.keepAppointmentsOfJob(jobId, appointments),
    ) as Promise<Appointment[]>;
  }

  readCustomer(id: string, load: () => Promise<Customer | undefined>): Promise<Customer | undefined> {
    return readThrough(this.customers.get(id), load, (customer) => this.keepCustomer(customer));
  }

  readClient(clientId: string, load: () => Promise<ClientProgress | undefined>): Promise<ClientProgress | undefined> {
    return readThrough(this.clients.get(clientId), load, (client) => this.keepClient(clientId, client));
  }

  /**
   * The appointment as this transaction last saw it, if cached: then its row exists (entries are forgotten where a
   * rollback undoes the write that made them, and appointments are never deleted).
   */
  knownAppointment(id: string): Appointment | undefined {
    return this.appointments.get(id);
  }

  /** A job's appointments ordered by start, then id (as the database orders them), if all of them are cached. */
  private appointmentsOfJob(jobId: string): Appointment[] | undefined {
    const byId = this.jobAppointments.get(jobId);
    return byId && [...byId.values()].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** What the database returned for a read (or a write it just took). */
  private keepJob(job: Job): void {
    keep(this.jobs, job.id, job);
  }

  private keepAppointment(appointment: Appointment): void {
    keep(this.appointments, appointment.id, appointment);
  }

  private keepAppointmentsOfJob(jobId: string, appointments: readonly Appointment[]): void {
    keep(this.jobAppointments, jobId, new Map(appointments.map((appointment) => [appointment.id, appointment])));
    for (const appointment of appointments) this.keepAppointment(appointment);
  }

  private keepCustomer(customer: Customer): void {
    keep(this.customers, customer.id, customer);
  }

  private keepClient(clientId: string, progress: ClientProgress): void {
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

  /** Forgets everything (another process wrote to the database). */
  clear(): void {
    for (const map of [this.jobs, this.appointments, this.jobAppointments, this.customers, this.clients]) map.clear();
    this.journal = [];
  }
}

function keep<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > LIMIT) map.delete(map.keys().next().value as K);
}

/** The cached value if there is one, else what `load` reads, kept when found. */
async function readThrough<T>(
  cached: T | undefined,
  load: () => Promise<T | undefined>,
  keepFound: (value: T) => void,
): Promise<T | undefined> {
  if (cached) return cached;
  const value = await load();
  if (value) keepFound(value);
  return value;
}
