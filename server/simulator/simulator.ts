import { ApiClient, ApiError } from './api';
import type { WireAppointment, WireCompleteReason } from '../rest/wire';
import { nextFieldStep, planTick } from './decisions';
import { makeOffer } from './offers';
import type { Rng } from './rng';

export interface SimulatorOptions {
  baseUrl: string;
  password: string;
  enterpriseEmail: string;
  /** tech1@demo.test … in lane order; tech N is the N-th. */
  technicianEmails: readonly string[];
  providerId: string;
  rng: Rng;
  signal: AbortSignal;
  print: (line: string) => void;
  clock?: () => number;
}

/**
 * The other parties of the network, acting through the REST API as real ones would: the enterprise's
 * job source sends offers, technicians' phones report On My Way, Start and Complete. Every refusal is
 * printed and the run goes on: a dispatcher moving or canceling a visit under a technician is normal.
 */
export class Simulator {
  private readonly enterprise: ApiClient;
  private readonly technicians: ApiClient[];
  private reasons: WireCompleteReason[] | undefined;
  private readonly jobTitles = new Map<string, string>();
  actions = 0;
  refusals = 0;

  constructor(private readonly options: SimulatorOptions) {
    this.enterprise = new ApiClient(options.baseUrl, options.enterpriseEmail, options.password, options.signal);
    this.technicians = options.technicianEmails.map(
      (email) => new ApiClient(options.baseUrl, email, options.password, options.signal),
    );
  }

  async tick(): Promise<void> {
    const plan = planTick(this.options.rng, this.technicians.length);
    if (plan.kind === 'offer') await this.sendOffer();
    else await this.work(plan.technician);
  }

  private async sendOffer(): Promise<void> {
    const body = makeOffer(this.options.rng, this.options.providerId);
    const who = this.enterprise.email.split('@')[0];
    try {
      const { job } = await this.enterprise.post<{ job: { id: string; title: string } }>('/v3/jobs', body);
      this.jobTitles.set(job.id, job.title);
      this.actions++;
      this.options.print(`${who} → offered job ${job.id} "${job.title}" to ${this.options.providerId}`);
    } catch (error) {
      this.report(who, `offering "${body.job.title}"`, error);
    }
  }

  private async work(technicianNumber: number): Promise<void> {
    const client = this.technicians[technicianNumber - 1];
    const handle = client.email.split('@')[0];
    let who = handle;
    let doing = 'checking the schedule';
    try {
      const me = client.user ?? (await client.login());
      const name = [me.first_name, me.last_name].filter(Boolean).join(' ');
      who = name ? `${handle} ${name}` : handle;
      const query = `filter[user_id_eq]=${encodeURIComponent(me.id)}&filter[status_in]=scheduled,enroute,started&limit=100`;
      const { appointments } = await client.get<{ appointments: WireAppointment[] }>(`/v3/appointments?${query}`);
      const reasons = await this.completeReasons(client);
      const step = nextFieldStep(appointments, reasons, this.options.rng, (this.options.clock ?? Date.now)());
      if (!step) {
        this.options.print(`${who} has no visit due`);
        return;
      }
      const job = await this.jobLabel(client, step.appointment.job_id);
      doing = `${step.label} for ${job}`;
      await client.patch(`/v3/appointments/${encodeURIComponent(step.appointment.id)}`, { appointment: step.patch });
      this.actions++;
      this.options.print(`${who} → ${doing}`);
    } catch (error) {
      this.report(who, doing, error);
    }
  }

  private async completeReasons(client: ApiClient): Promise<WireCompleteReason[]> {
    this.reasons ??= (
      await client.get<{ complete_reasons: WireCompleteReason[] }>('/v3/complete_reasons')
    ).complete_reasons;
    return this.reasons;
  }

  /** `job-1016 "Condensate line clogged"`, or just the id when the job cannot be read. */
  private async jobLabel(client: ApiClient, jobId: string): Promise<string> {
    if (!this.jobTitles.has(jobId)) {
      try {
        const { job } = await client.get<{ job: { title: string } }>(`/v3/jobs/${encodeURIComponent(jobId)}`);
        this.jobTitles.set(jobId, job.title);
      } catch (error) {
        if (this.options.signal.aborted) throw error;
        return `job ${jobId}`;
      }
    }
    return `job ${jobId} "${this.jobTitles.get(jobId)}"`;
  }

  private report(who: string, doing: string, error: unknown): void {
    if (this.options.signal.aborted) return;
    this.refusals++;
    const reason =
      error instanceof ApiError
        ? `${error.status} ${error.code}: ${error.message}`
        : error instanceof Error
          ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}`
          : String(error);
    this.options.print(`${who} ✗ ${doing}: ${reason}`);
  }
}
