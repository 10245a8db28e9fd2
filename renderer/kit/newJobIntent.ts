import { useSyncExternalStore } from 'react';

/**
 * The "New job" dialog is opened from three places (the board's toolbar, the jobs list, the palette) and,
 * after "Save and schedule", hands the new job to the board's scheduling dialog. Views never import each
 * other, so they meet here.
 */
interface NewJobState {
  open: boolean;
  /** A job just created with "Save and schedule": the board opens its scheduling dialog on it. */
  scheduleJobId: string | null;
}

let state: NewJobState = { open: false, scheduleJobId: null };
const listeners = new Set<() => void>();

function set(change: Partial<NewJobState>): void {
  state = { ...state, ...change };
  listeners.forEach((listener) => listener());
}

export const openNewJob = () => set({ open: true });
export const closeNewJob = () => set({ open: false });
export const requestSchedule = (jobId: string) => set({ scheduleJobId: jobId });
export const clearScheduleRequest = () => set({ scheduleJobId: null });

export function useNewJobState(): NewJobState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}
