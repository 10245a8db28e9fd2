import { useSyncExternalStore } from 'react';

/**
 * The "Organization settings" dialog is opened from the header's gear and from the palette. Its open state
 * lives here, not in the header: saving a new zone redraws the views, and the dialog must close on save
 * whatever re-renders or not.
 */
let open = false;
const listeners = new Set<() => void>();

function set(next: boolean): void {
  open = next;
  listeners.forEach((listener) => listener());
}

export const openOrganizationSettings = () => set(true);
export const closeOrganizationSettings = () => set(false);

export function useOrganizationSettingsOpen(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => open,
  );
}
