import { useMantineColorScheme } from '@mantine/core';
import { useHotkeys, type HotkeyItem } from '@mantine/hooks';
import { useEffect, useEffectEvent } from 'react';
import { SHORTCUTS, shortcutOfCommand, type MenuCommand, type ShortcutId } from '../../preload/contract';
import { isoDay, shiftIsoDate } from '../kit/format';
import { useConsole } from '../kit/SyncProvider';
import { useUi } from '../kit/ui';
import { palette } from './paletteStore';
import { hotkeyOf } from './shortcuts';

/** "?" is typed with Shift on most layouts: it is bound both ways. */
function hotkeysOf(combo: readonly string[]): string[] {
  const hotkey = hotkeyOf(combo);
  return hotkey === '?' ? ['shift+?', '?'] : [hotkey];
}

export interface GlobalCommands {
  /** Shows the board on a day ('YYYY-MM-DD'). */
  goTo(date: string): void;
  goToToday(): void;
  /** The previous or next day (or period, in the 3-day and week views). */
  step(direction: 1 | -1): void;
}

/**
 * The console's global shortcuts (from the one shortcut table) and the desktop menu's commands, bound once
 * for the whole window, and the navigation they share with the palette's own commands. An enterprise user
 * has no board: the day keys do nothing for them. The board binds its own keys (they act on the focused
 * block); undo is the board's too.
 */
export function useGlobalCommands({ openHelp }: { openHelp: () => void }): GlobalCommands {
  const { session } = useConsole();
  const ui = useUi();
  const { toggleColorScheme } = useMantineColorScheme();
  const enterprise = session.role === 'enterprise';

  const goTo = (date: string) => {
    ui.setDate(date);
    ui.setView('board');
  };
  const goToToday = () => {
    if (!enterprise) goTo(isoDay());
  };
  const step = (direction: 1 | -1) => {
    if (enterprise) return;
    ui.setDate(shiftIsoDate(ui.date, direction * ui.range));
  };

  // What each of the table's global shortcuts does; the board binds its own, the palette binds Find.
  const run: Partial<Record<ShortcutId, () => void>> = {
    find: () => palette.open(),
    help: openHelp,
    board: () => ui.setView('board'),
    jobs: () => ui.setView('jobs'),
    theme: toggleColorScheme,
    today: goToToday,
    previous: () => step(-1),
    next: () => step(1),
  };

  useHotkeys(
    (Object.keys(run) as ShortcutId[])
      .filter((id) => id !== 'find')
      .flatMap((id) =>
        SHORTCUTS[id].keys.flatMap((combo): HotkeyItem[] => hotkeysOf(combo).map((hotkey) => [hotkey, run[id]!])),
      ),
  );

  const onMenuCommand = useEffectEvent((command: MenuCommand) => {
    const id = shortcutOfCommand(command);
    // 'undo' belongs to the board, which keeps the undo stack (and listens for it itself).
    if (id) run[id]?.();
  });
  useEffect(() => window.dispatchDesktop?.onMenuCommand?.((command) => onMenuCommand(command)), []);

  return { goTo, goToToday, step };
}
