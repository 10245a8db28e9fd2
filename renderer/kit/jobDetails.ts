import type { Job, TimeWindow } from '../../domain';
import { pickerInstant, pickerValue } from './format';

/**
 * A job's details as a form holds them (the "New job" dialog and the drawer's editor): every field a
 * string until it is checked. Preferred windows are `datetime-local` values ('2026-03-02T09:00').
 */
export interface JobDetailsValues {
  title: string;
  serviceType: string;
  description: string;
  windows: WindowRow[];
}

export interface WindowRow {
  start: string;
  end: string;
}

/** The customer may suggest up to three windows (the domain's limit). */
export const MAX_WINDOWS = 3;

export const EMPTY_DETAILS: JobDetailsValues = { title: '', serviceType: '', description: '', windows: [] };

/** Field → message; window fields are keyed `windows.0.start`. */
export type FormErrors = Partial<Record<string, string>>;

export function localInputValue(at: number): string {
  return pickerValue(at).slice(0, 16).replace(' ', 'T');
}

function instantOf(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  const at = pickerInstant(`${value.replace('T', ' ')}:00`);
  return Number.isFinite(at) ? at : undefined;
}

export function detailsOf(job: Job): JobDetailsValues {
  return {
    title: job.title,
    serviceType: job.serviceType ?? '',
    description: job.description ?? '',
    windows: job.timeWindows.map((window) => ({
      start: localInputValue(window.start),
      end: localInputValue(window.end),
    })),
  };
}

export function validateDetails(values: JobDetailsValues): FormErrors {
  const errors: FormErrors = {};
  if (!values.title.trim()) errors.title = 'Give the job a title.';
  values.windows.forEach((window, index) => {
    const start = instantOf(window.start);
    const end = instantOf(window.end);
    if (start === undefined) errors[`windows.${index}.start`] = 'Choose when the window starts.';
    if (end === undefined) errors[`windows.${index}.end`] = 'Choose when the window ends.';
    else if (start !== undefined && end <= start) errors[`windows.${index}.end`] = 'The window ends after it starts.';
  });
  return errors;
}

/** The fields of `job.create` / `job.update` for valid values (call `validateDetails` first). */
export function detailsInput(values: JobDetailsValues): {
  title: string;
  description?: string;
  serviceType?: string;
  timeWindows: TimeWindow[];
} {
  const description = values.description.trim();
  const serviceType = values.serviceType.trim();
  return {
    title: values.title.trim(),
    ...(description ? { description } : {}),
    ...(serviceType ? { serviceType } : {}),
    timeWindows: values.windows.map((window) => ({ start: instantOf(window.start)!, end: instantOf(window.end)! })),
  };
}

/** What a details edit changes: only the fields that differ from the job (`job.update` refuses "nothing"). */
export function detailsChanges(job: Job, values: JobDetailsValues) {
  const next = detailsInput(values);
  const changes: { title?: string; description?: string; serviceType?: string; timeWindows?: TimeWindow[] } = {};
  if (next.title !== job.title) changes.title = next.title;
  // A cleared field is sent as '' (job.update keeps a field it is not sent).
  if ((next.description ?? '') !== (job.description ?? '')) changes.description = next.description ?? '';
  if ((next.serviceType ?? '') !== (job.serviceType ?? '')) changes.serviceType = next.serviceType ?? '';
  if (JSON.stringify(next.timeWindows) !== JSON.stringify(job.timeWindows)) changes.timeWindows = next.timeWindows;
  return changes;
}

/** Moves a form's focus to its first field in error once the errors have rendered. */
export function focusFirstError(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

/** The errors left once the fields named (or under a prefix such as 'windows') have been edited. */
export function withoutErrors(errors: FormErrors, cleared: readonly string[]): FormErrors {
  if (!cleared.length) return errors;
  const kept = Object.entries(errors).filter(
    ([key]) => !cleared.some((name) => key === name || key.startsWith(`${name}.`)),
  );
  return kept.length === Object.keys(errors).length ? errors : Object.fromEntries(kept);
}
