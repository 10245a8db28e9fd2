import { useSyncExternalStore } from 'react';

/**
 * Which technician's panel is open (hours, time off, skills): set by a lane's name, read by the board,
 * which draws the one panel. A module store, so a memoized lane opens it without new props.
 */
let openId: string | null = null;
const listeners = new Set<() => void>();

function set(next: string | null): void {
  if (next === openId) return;
  openId = next;
  for (const listener of listeners) listener();
}

export const openTechnicianPanel = (technicianId: string): void => set(technicianId);
export const closeTechnicianPanel = (): void => set(null);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useOpenTechnicianPanel(): string | null {
  return useSyncExternalStore(subscribe, () => openId);
}
