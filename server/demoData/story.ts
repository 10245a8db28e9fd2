import { randomUUID } from 'node:crypto';
import type { Actor, TimeWindow } from '../../domain';
import type { DemoCalendar } from './calendar';
import type { TodayVisit } from './day';
import { demoCustomer, HOUSEHOLD_COUNT } from './customers';
import { ACTORS, actorOf, COOLAIR } from './people';
import type { DemoScript, Visit } from './script';

export type ServiceType = 'hvac' | 'appliance' | 'plumbing' | 'electrical' | 'pool';

export interface JobSpec {
  title: string;
  serviceType: ServiceType;
  /** Certifications the job needs besides its trade ("EPA 608" to handle refrigerant). */
  requiredTags?: string[];
  description: string;
  /** When the customer said they are available (offers only). */
  windows?: TimeWindow[];
  /** A particular household (e.g. one outside the service area); otherwise the next one. */
  household?: number;
}

const MINUTE = 60_000;

/**
 * The demo's vocabulary: what enterprises, dispatchers and technicians do to a job, each turned into the
 * command a real client would send. Ids are deterministic (job-1001…, appt-1001-1…), so a reload of the
 * demo on another day builds the same jobs.
 */
export class DemoStory {
  private jobSerial = 1000;
  private claimSerial = 48_210;
  private readonly visitsPerJob = new Map<string, number>();
  private readonly usedHouseholds = new Set<number>();
  private nextHousehold = 0;
  /** A household's customer id per provider: random, like every new customer id, so none can be guessed. */
  private readonly customerIds = new Map<string, string>();
  /** Today's visits, played up to the office clock once every job is told (day.ts). */
  readonly today: TodayVisit[] = [];

  constructor(
    private readonly script: DemoScript,
    readonly calendar: DemoCalendar,
  ) {}

  /** An enterprise offers a new job; returns its id. */
  offer(spec: JobSpec, at: number, providerId = COOLAIR): string {
    const claim = `AHW-${this.claimSerial++}`;
    const args = this.jobArgs(spec, providerId, `Acme Home Warranty claim ${claim}. ${spec.description}`, [claim]);
    this.script.submit(ACTORS.acme, 'job.offer', args, at);
    return args.jobId;
  }

  /** A dispatcher enters the provider's own job (a customer who called in); it starts Unscheduled. */
  create(spec: JobSpec, at: number, by: Actor, providerId = COOLAIR): string {
    const args = this.jobArgs(spec, providerId, spec.description);
    this.script.submit(by, 'job.create', args, at);
    return args.jobId;
  }

  accept(jobId: string, at: number, by: Actor, visit?: Visit): void {
    const appointment = visit && {
      id: visit.id,
      technicianId: visit.technicianId,
      start: visit.start,
      durationMinutes: visit.durationMinutes,
    };
    this.script.submit(by, 'job.accept', { jobId, ...(appointment ? { appointment } : {}) }, at);
  }

  decline(jobId: string, reasonId: string, note: string, at: number, by: Actor): void {
    this.script.submit(by, 'job.decline', { jobId, reasonId, note }, at);
  }

  withdraw(jobId: string, at: number): void {
    this.script.submit(ACTORS.acme, 'job.withdraw', { jobId }, at);
  }

  cancel(jobId: string, reason: string, at: number, by: Actor): void {
    this.script.submit(by, 'job.cancel', { jobId, reason }, at);
  }

  /** "Complete Job" on a paused job that needs no further visit. */
  completeJob(jobId: string, at: number, by: Actor): void {
    this.script.submit(by, 'job.complete', { jobId }, at);
  }

  /** A visit to book: only an id and a slot, nothing is sent until it is accepted or scheduled. */
  visit(
    jobId: string,
    technician: number | 'hector',
    start: number,
    durationMinutes: number,
  ): Visit & { jobId: string } {
    const count = (this.visitsPerJob.get(jobId) ?? 0) + 1;
    this.visitsPerJob.set(jobId, count);
    const technicianId = technician === 'hector' ? 'u-other-tech1' : `u-tech${technician}`;
    return { jobId, id: `${jobId.replace('job-', 'appt-')}-${count}`, technicianId, start, durationMinutes };
  }

  /** A visit booked for today: what the field did with it by now is told at the end (`playToday`). */
  forToday<V extends Visit>(visit: V, outcome = 'cr-repaired'): V {
    this.today.push({ visit, outcome });
    return visit;
  }

  schedule(visit: Visit & { jobId: string }, at: number, by: Actor): void {
    const { jobId, ...appointment } = visit;
    this.script.submit(by, 'appointment.create', { jobId, ...appointment }, at);
  }

  move(visit: Visit, changes: { start?: number; technicianId?: string }, at: number, by: Actor): void {
    this.script.submit(by, 'appointment.move', { appointmentId: visit.id, ...changes }, at);
  }

  onMyWay(visit: Visit, at: number, etaMinutes: number): void {
    this.setStatus(visit, { status: 'enroute', etaMinutes }, at);
  }

  start(visit: Visit, at: number): void {
    this.setStatus(visit, { status: 'started' }, at);
  }

  complete(visit: Visit, at: number, completeReasonId: string): void {
    this.setStatus(visit, { status: 'complete', completeReasonId }, at);
  }

  /**
   * A visit that happened: the technician starts a few minutes after the booked time and completes with
   * a reason before the slot ends. Past visits skip "On My Way": the customer text belongs to that
   * moment, and a replay of it hours later is recorded as a late replay without a text.
   */
  worked(visit: Visit, completeReasonId: string): void {
    this.start(visit, visit.start + 5 * MINUTE);
    this.complete(visit, visit.start + (visit.durationMinutes - 10) * MINUTE, completeReasonId);
  }

  /** The technician arrived to nobody home: completed straight from scheduled. */
  nobodyHome(visit: Visit, completeReasonId: string): void {
    this.complete(visit, visit.start + 20 * MINUTE, completeReasonId);
  }

  private setStatus(visit: Visit, change: object, at: number): void {
    // Technicians report field statuses from their phones.
    this.script.submit(
      actorOf(visit.technicianId, 'mobile'),
      'appointment.setStatus',
      { appointmentId: visit.id, ...change },
      at,
    );
  }

  private jobArgs(spec: JobSpec, providerId: string, description: string, externalIds?: string[]) {
    const household = spec.household ?? this.takeHousehold();
    this.usedHouseholds.add(household);
    const key = `${providerId} ${household}`;
    if (!this.customerIds.has(key)) this.customerIds.set(key, `cust-${randomUUID()}`);
    const customer = demoCustomer(household, this.customerIds.get(key)!);
    const jobId = `job-${++this.jobSerial}`;
    return {
      jobId,
      organizationId: providerId,
      title: spec.title,
      description,
      serviceType: spec.serviceType,
      ...(spec.requiredTags ? { requiredTags: spec.requiredTags } : {}),
      address: customer.homeAddress!,
      ...(externalIds ? { externalIds } : {}),
      timeWindows: spec.windows ?? [],
      customer,
    };
  }

  private takeHousehold(): number {
    while (this.usedHouseholds.has(this.nextHousehold)) this.nextHousehold++;
    if (this.nextHousehold >= HOUSEHOLD_COUNT) throw new Error('Demo data: more jobs than demo households.');
    this.usedHouseholds.add(this.nextHousehold);
    return this.nextHousehold++;
  }
}
