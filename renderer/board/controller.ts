import { notifications, notificationsStore, type NotificationData } from '@mantine/notifications';
import type { Actor, SchedulingWarning, SchedulingWarningCode } from '../../domain';
import type { DispatchCommands } from '../data/commands';
import type { DispatchDb } from '../data/db';
import { readJobView } from '../data/jobState';
import { CommandRejected } from '../data/outbox';
import { readSchedulingWarnings } from '../data/schedulingWarnings';
import { MINUTE_MS, SNAP_MINUTES } from './geometry';
import { dayAndTime } from '../kit/format';
import { personName } from '../kit/labels';

/** Where and when an appointment sits: what a move changes and an undo puts back. */
export interface Placement {
  start: number;
  technicianId: string | null;
  durationMinutes: number;
}

export interface ScheduleRequest extends Placement {
  jobId: string;
  title: string;
  /** An offer is accepted and scheduled in one command: both happen or neither. */
  offered: boolean;
}

/** What the "Schedule anyway?" dialog asks about: which visit, where it would go, and what is wrong. */
export interface OverrulePrompt {
  title: string;
  /** "Jake Miller, Tue, Jul 14, 10:00–11:00 AM". */
  placement: string;
  warnings: SchedulingWarning[];
}

/** Drags act silently (the board shows the result); the keyboard path says what happened. */
export type Via = 'pointer' | 'keyboard';

type UndoEntry =
  | { kind: 'move'; jobId: string; appointmentId: string; title: string; before: Placement }
  | { kind: 'create'; appointmentId: string; title: string; acceptedOffer: boolean };

const UNDO_DEPTH = 50;

/** Shows a notification, or refreshes it when one with the same id is still on screen (fast key presses). */
export function announce(id: string, data: Omit<NotificationData, 'id'>): void {
  const { notifications: shown, queue } = notificationsStore.getState();
  if ([...shown, ...queue].some((item) => item.id === id)) notifications.update({ id, ...data });
  else notifications.show({ id, autoClose: 2500, ...data });
}

export function showRefusal(error: unknown): void {
  if (error instanceof CommandRejected) {
    notifications.show({ color: 'red', title: 'Not possible', message: error.message });
  } else {
    notifications.show({
      color: 'red',
      title: 'Something went wrong',
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

/**
 * Every change the board makes, in one place: the commands, the undo stack, and what is announced.
 * Created once per board and handed to lanes and blocks as a stable object, so passing it down never
 * makes a memoized lane render again.
 */
export class BoardController {
  /** A block that should take focus when it next renders (after a keyboard move into another lane). */
  focusRequest: string | null = null;
  /** A block that held focus when it was unmounted: its next element takes focus back if nothing else has it. */
  focusLost: string | null = null;
  /** Lane order, for ArrowUp/ArrowDown; kept current by the board. */
  technicianIds: string[] = [];
  technicians = new Map<string, { firstName: string; lastName: string }>();
  /** Set by the timeline: scrolls a technician's lane into view. */
  revealLane: (technicianId: string | null) => void = () => {};
  openJob: (jobId: string) => void = () => {};
  /** True while a block's edge is being dragged, so the block itself does not start a move. */
  resizing = false;
  /**
   * Set by the board's "Schedule anyway?" dialog: resolves true for "Schedule anyway", false for "Put it
   * back". Without a dialog on screen nothing can be asked, and the warnings are recorded as overruled.
   */
  confirmWarnings: (prompt: OverrulePrompt) => Promise<boolean> = () => Promise.resolve(true);

  private undoStack: UndoEntry[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: DispatchDb,
    private readonly actor: Actor,
    private readonly commands: DispatchCommands,
  ) {}

  /**
   * Focuses the block a keyboard action asked for, if it is drawn; otherwise the block takes focus itself
   * when it renders. Called when a dialog that held focus has closed.
   */
  focusPending(): void {
    const id = this.focusRequest;
    if (!id) return;
    const element = document.querySelector<HTMLElement>(`[data-appointment-id="${CSS.escape(id)}"]`);
    if (!element) return;
    this.focusRequest = null;
    element.focus();
  }

  /**
   * A focused block is leaving the document (its lane lost it, or it is redrawn as a new element). Once
   * this render is committed, focus goes to the block's element if one is drawn — it may have been drawn
   * in its new lane a render earlier, and will not render again — and otherwise to the element drawn
   * next for it, provided focus has not gone anywhere else by then.
   */
  refocusAfterUnmount(id: string): void {
    this.focusLost = id;
    queueMicrotask(() => {
      if (this.focusLost !== id || (document.activeElement !== null && document.activeElement !== document.body))
        return;
      const element = document.querySelector<HTMLElement>(`[data-appointment-id="${CSS.escape(id)}"]`);
      if (!element) return;
      this.focusLost = null;
      element.focus();
    });
  }

  private nameOf(technicianId: string | null): string {
    return personName(technicianId ? this.technicians.get(technicianId) : undefined);
  }

  /**
   * Checks a placement before anything is committed. Returns the codes to record as overruled ([] when
   * nothing is wrong), or null when the dispatcher chose "Put it back".
   */
  private async overrule(
    title: string,
    placement: Placement & { jobId: string; appointmentId?: string },
  ): Promise<SchedulingWarningCode[] | null> {
    const warnings = await readSchedulingWarnings(this.db, this.actor, placement);
    if (warnings.length === 0) return [];
    const end = placement.start + placement.durationMinutes * MINUTE_MS;
    const where = `${this.nameOf(placement.technicianId)}, ${dayAndTime(placement.start, end)}`;
    const go = await this.confirmWarnings({ title, placement: where, warnings });
    return go ? warnings.map((warning) => warning.code) : null;
  }

  /**
   * Actions run one after another, each reading the state the previous one left behind: three quick
   * ArrowRight presses move 45 minutes, not 15 three times over the same start.
   */
  private serial<T>(task: () => Promise<T>): Promise<T | undefined> {
    const run = this.queue.then(task).catch((error: unknown) => {
      showRefusal(error);
      return undefined;
    });
    this.queue = run;
    return run;
  }

  private remember(entry: UndoEntry): void {
    this.undoStack.push(entry);
    if (this.undoStack.length > UNDO_DEPTH) this.undoStack.shift();
  }

  /** The appointment as the dispatcher sees it now: confirmed state with pending commands on top. */
  private async placementOf(
    jobId: string,
    appointmentId: string,
  ): Promise<(Placement & { title: string }) | undefined> {
    const view = await readJobView(this.db, jobId, this.actor);
    const appointment = view.appointments.find((candidate) => candidate.id === appointmentId);
    if (!appointment) return undefined;
    return {
      start: appointment.start,
      technicianId: appointment.technicianId,
      durationMinutes: appointment.durationMinutes,
      title: view.job?.title ?? 'Appointment',
    };
  }

  schedule(request: ScheduleRequest, via: Via): Promise<string | undefined> {
    return this.serial(async () => {
      const appointment = {
        technicianId: request.technicianId,
        start: request.start,
        durationMinutes: request.durationMinutes,
      };
      const overruled = await this.overrule(request.title, { jobId: request.jobId, ...appointment });
      if (!overruled) return undefined;
      const id = request.offered
        ? await this.commands.acceptAndSchedule(request.jobId, appointment, overruled)
        : await this.commands.schedule(request.jobId, appointment, overruled);
      this.remember({ kind: 'create', appointmentId: id, title: request.title, acceptedOffer: request.offered });
      if (via === 'keyboard') {
        this.focusRequest = id;
        this.revealLane(request.technicianId);
        announce('board-schedule', {
          title: request.offered ? 'Offer accepted and scheduled' : 'Scheduled',
          message: `${request.title}: ${this.nameOf(request.technicianId)}, ${dayAndTime(request.start, request.start + request.durationMinutes * MINUTE_MS)}`,
        });
      }
      return id;
    });
  }

  /**
   * Moves, reassigns or resizes. `change` receives the appointment's current placement, so relative
   * keyboard steps build on any step still being written.
   */
  async move(
    jobId: string,
    appointmentId: string,
    change: (current: Placement) => Partial<Placement>,
    via: Via,
  ): Promise<boolean> {
    const applied = await this.serial(async () => {
      const current = await this.placementOf(jobId, appointmentId);
      if (!current) throw new CommandRejected('NOT_FOUND', 'This appointment no longer exists.');
      const before: Placement = {
        start: current.start,
        technicianId: current.technicianId,
        durationMinutes: current.durationMinutes,
      };
      const wanted = change(before);
      const diff: Partial<Placement> = {};
      if (wanted.start !== undefined && wanted.start !== before.start) diff.start = wanted.start;
      if (wanted.technicianId !== undefined && wanted.technicianId !== before.technicianId)
        diff.technicianId = wanted.technicianId;
      if (wanted.durationMinutes !== undefined && wanted.durationMinutes !== before.durationMinutes)
        diff.durationMinutes = wanted.durationMinutes;
      if (Object.keys(diff).length === 0) return false;
      const overruled = await this.overrule(current.title, { jobId, appointmentId, ...before, ...diff });
      if (!overruled) return false;
      await this.commands.move(appointmentId, diff, { overruled, jobId });
      this.remember({ kind: 'move', jobId, appointmentId, title: current.title, before });
      if (via === 'keyboard') {
        this.focusRequest = appointmentId;
        const after = { ...before, ...diff };
        if (diff.technicianId !== undefined) this.revealLane(after.technicianId);
        announce('board-move', {
          title:
            diff.durationMinutes !== undefined && diff.start === undefined && diff.technicianId === undefined
              ? 'Duration changed'
              : 'Moved',
          message: `${current.title}: ${this.nameOf(after.technicianId)}, ${dayAndTime(after.start, after.start + after.durationMinutes * MINUTE_MS)}`,
        });
      }
      return true;
    });
    return applied ?? false;
  }

  /** Keyboard steps on a focused block; returns whether the key was the board's. */
  handleBlockKey(
    block: { id: string; jobId: string },
    event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey'>,
  ): boolean {
    if (event.altKey || event.ctrlKey || event.metaKey) return false;
    const step = SNAP_MINUTES * MINUTE_MS;
    switch (event.key) {
      case 'Enter':
      case ' ':
        this.openJob(block.jobId);
        return true;
      case 'ArrowLeft':
      case 'ArrowRight': {
        const sign = event.key === 'ArrowRight' ? 1 : -1;
        if (event.shiftKey) {
          void this.move(
            block.jobId,
            block.id,
            (current) => ({ durationMinutes: Math.max(SNAP_MINUTES, current.durationMinutes + sign * SNAP_MINUTES) }),
            'keyboard',
          );
        } else {
          void this.move(block.jobId, block.id, (current) => ({ start: current.start + sign * step }), 'keyboard');
        }
        return true;
      }
      case 'ArrowUp':
      case 'ArrowDown': {
        const sign = event.key === 'ArrowDown' ? 1 : -1;
        void this.move(
          block.jobId,
          block.id,
          (current) => {
            const index = current.technicianId ? this.technicianIds.indexOf(current.technicianId) : -1;
            const next = index === -1 ? (sign > 0 ? 0 : -1) : index + sign;
            if (next < 0 || next >= this.technicianIds.length) {
              announce('board-move', {
                title: 'No technician there',
                message: sign > 0 ? 'This is the last technician.' : 'This is the first technician.',
              });
              return {};
            }
            return { technicianId: this.technicianIds[next] };
          },
          'keyboard',
        );
        return true;
      }
      default:
        return false;
    }
  }

  accept(jobId: string, title: string): Promise<void> {
    return this.serial(async () => {
      await this.commands.accept(jobId);
      announce(`board-accept-${jobId}`, { title: 'Offer accepted', message: `${title} is now Unscheduled.` });
    });
  }

  decline(jobId: string, reasonId: string, title: string, note?: string): Promise<void> {
    return this.serial(async () => {
      await this.commands.decline(jobId, reasonId, note);
      announce(`board-decline-${jobId}`, { title: 'Offer declined', message: `${title} has left the board.` });
    });
  }

  /** Ctrl+Z: the inverse of the last board change (a move goes back; a new appointment is canceled). */
  undo(): Promise<void> {
    const entry = this.undoStack.pop();
    if (!entry) {
      announce('board-undo', { title: 'Nothing to undo', message: 'No board change to take back.' });
      return Promise.resolve();
    }
    return this.serial(async () => {
      if (entry.kind === 'move') {
        await this.commands.move(entry.appointmentId, entry.before, { jobId: entry.jobId });
        this.focusRequest = entry.appointmentId;
        this.revealLane(entry.before.technicianId);
        announce('board-undo', {
          title: 'Undone',
          message: `${entry.title} is back at ${this.nameOf(entry.before.technicianId)}, ${dayAndTime(entry.before.start, entry.before.start + entry.before.durationMinutes * MINUTE_MS)}.`,
        });
      } else {
        await this.commands.cancelAppointment(entry.appointmentId);
        announce('board-undo', {
          title: 'Undone',
          message: entry.acceptedOffer
            ? `The appointment for ${entry.title} was canceled; the offer stays accepted.`
            : `The appointment for ${entry.title} was canceled.`,
        });
      }
    });
  }
}
