import type { ActivityEvent } from '../../domain';
import type { Change } from '../../domain/protocol';

/** How long changes heard from others are gathered before they are told as one sentence. */
export const ANNOUNCE_WINDOW_MS = 2_000;

interface Timers {
  set: (run: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

interface ChangeAnnouncerOptions {
  /** The signed-in user: what they did from this console is already told by the board's own messages. */
  selfUserId: string | undefined;
  /** Says one sentence; `titles` names the jobs the gathered activity is about. */
  announce: (message: string) => void;
  /** The titles of the given jobs (from the local database); a missing one is left out of the sentence. */
  titles: (jobIds: string[]) => Promise<Map<string, string>>;
  windowMs?: number;
  timers?: Timers;
}

const realTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Gathers the activity other dispatchers and the field wrote (as broadcasts bring it) for a short window and
 * tells it as one sentence, so a screen reader hears "Jake Ortiz, Water heater flush: Started; 2 other jobs
 * changed" rather than one message per row. Pulled pages (a catch-up) never reach it.
 */
export class ChangeAnnouncer {
  private gathered: ActivityEvent[] = [];
  private timer: unknown;
  private closed = false;

  constructor(private readonly options: ChangeAnnouncerOptions) {}

  hear(changes: readonly Change[]): void {
    if (this.closed) return;
    const others = changes
      .filter((change) => change.kind === 'activity')
      .map((change) => change.data as ActivityEvent)
      .filter((event) => event && event.actorUserId !== this.options.selfUserId);
    if (!others.length) return;
    this.gathered.push(...others);
    const timers = this.options.timers ?? realTimers;
    this.timer ??= timers.set(() => void this.flush(), this.options.windowMs ?? ANNOUNCE_WINDOW_MS);
  }

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) (this.options.timers ?? realTimers).clear(this.timer);
  }

  private async flush(): Promise<void> {
    const gathered = this.gathered;
    this.gathered = [];
    this.timer = undefined;
    const jobIds = [...new Set(gathered.map((event) => event.jobId))];
    const titles = await this.options.titles(jobIds);
    if (!this.closed) this.options.announce(summarize(gathered, titles));
  }
}

/** One sentence for what others changed: the first job's first entry in full, the other jobs counted. */
export function summarize(events: readonly ActivityEvent[], titles: ReadonlyMap<string, string>): string {
  const jobs = new Set(events.map((event) => event.jobId));
  const [first] = events;
  const title = titles.get(first.jobId);
  const lead = `${first.actorName}${title ? `, ${title}` : ''}: ${first.summary}`;
  const rest = jobs.size - 1;
  return rest ? `${lead}; ${rest} other ${rest === 1 ? 'job' : 'jobs'} changed` : lead;
}
