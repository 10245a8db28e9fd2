import { useSyncExternalStore } from 'react';
import type { AppointmentAction, JobAction } from './allowedActions';

/**
 * An action asked for from outside the drawer (the command palette): the drawer opens on the job and
 * presses that button, so the action runs through the same form (ETA, reason, confirmation) as a click.
 */
export interface DrawerIntent {
  jobId: string;
  action: AppointmentAction | JobAction;
  appointmentId?: string;
}

let current: DrawerIntent | null = null;
const listeners = new Set<() => void>();

export function requestDrawerAction(intent: DrawerIntent): void {
  current = intent;
  listeners.forEach((listener) => listener());
}

export function clearDrawerIntent(): void {
  current = null;
  listeners.forEach((listener) => listener());
}

export function useDrawerIntent(): DrawerIntent | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
