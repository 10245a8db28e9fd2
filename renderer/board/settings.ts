import { useCallback, useState } from 'react';
import type { WorkingHours } from './geometry';

/** How this dispatcher likes the board: per computer, not synced. */
export interface BoardSettings extends WorkingHours {
  /** Index into ZOOM_LEVELS. */
  zoom: number;
}

/** Multiples of "the range fits the screen". */
export const ZOOM_LEVELS = [1, 1.5, 2, 3, 4, 6] as const;

export const DEFAULT_SETTINGS: BoardSettings = { startHour: 7, endHour: 19, zoom: 0 };

const STORAGE_KEY = 'dispatch.board.settings';

export function validSettings(value: Partial<BoardSettings> | null | undefined): BoardSettings {
  const startHour = Number.isInteger(value?.startHour)
    ? Math.min(Math.max(value!.startHour!, 0), 23)
    : DEFAULT_SETTINGS.startHour;
  const endHour = Number.isInteger(value?.endHour)
    ? Math.min(Math.max(value!.endHour!, 1), 24)
    : DEFAULT_SETTINGS.endHour;
  const zoom = Number.isInteger(value?.zoom)
    ? Math.min(Math.max(value!.zoom!, 0), ZOOM_LEVELS.length - 1)
    : DEFAULT_SETTINGS.zoom;
  // Editing one end past the other drags the other along: the day always keeps at least an hour.
  if (endHour <= startHour) return { startHour, endHour: startHour + 1, zoom };
  return { startHour, endHour, zoom };
}

function load(): BoardSettings {
  try {
    return validSettings(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null'));
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export function useBoardSettings(): [BoardSettings, (change: Partial<BoardSettings>) => void] {
  const [settings, setSettings] = useState(load);
  const update = useCallback((change: Partial<BoardSettings>) => {
    setSettings((current) => {
      const next = validSettings({ ...current, ...change });
      try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      } catch {
        // Storage full or disabled: the setting still holds for this session.
      }
      return next;
    });
  }, []);
  return [settings, update];
}
