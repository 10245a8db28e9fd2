import { useMantineColorScheme } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, useEffectEvent } from 'react';
import type { MenuCommand } from '../desktop-api';
import { isoDay, shiftIsoDate } from '../kit/format';
import { useConsole } from '../kit/SyncProvider';
import { useUi } from '../kit/ui';
import { palette } from './paletteStore';

export interface GlobalCommands {
  /** Shows the board on a day ('YYYY-MM-DD'). */
  goTo(date: string): void;
  goToToday(): void;
  /** The previous or next day (or period, in the 3-day and week views). */
  step(direction: 1 | -1): void;
}

/**
 * The console's global shortcuts and the desktop menu's commands, bound once for the whole window, and the
 * navigation they share with the palette's own commands. An enterprise user has no board: the day keys do
 * nothing for them. The board binds its own keys (they act on the focused block); undo is the board's too.
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

  useHotkeys([
    ['shift+?', openHelp],
    ['?', openHelp],
    ['t', goToToday],
    ['[', () => step(-1)],
    [']', () => step(1)],
    ['1', () => ui.setView('board')],
    ['2', () => ui.setView('jobs')],
    ['mod+1', () => ui.setView('board')],
    ['mod+2', () => ui.setView('jobs')],
  ]);

  const onMenuCommand = useEffectEvent((command: MenuCommand) => {
    switch (command) {
      case 'find':
        palette.open();
        break;
      case 'go-to-today':
        goToToday();
        break;
      case 'show-board':
        ui.setView('board');
        break;
      case 'show-jobs':
        ui.setView('jobs');
        break;
      case 'show-shortcuts':
        openHelp();
        break;
      case 'toggle-theme':
        toggleColorScheme();
        break;
      // 'undo' belongs to the board, which keeps the undo stack.
    }
  });
  useEffect(() => window.dispatchDesktop?.onMenuCommand?.((command) => onMenuCommand(command)), []);

  return { goTo, goToToday, step };
}
