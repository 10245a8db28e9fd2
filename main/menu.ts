import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../renderer/desktop-api';

export interface MenuOptions {
  platform: string;
  /** Adds the developer tools item. */
  isDevelopment: boolean;
  /** Delivers a command to the console window. */
  send(command: MenuCommand): void;
}

export interface ConsoleShortcut {
  command: MenuCommand;
  label: string;
  accelerator?: string;
}

/** The console's own shortcuts, as the help dialog lists them. */
export const CONSOLE_SHORTCUTS = {
  board: { command: 'show-board', label: 'Board', accelerator: 'CmdOrCtrl+1' },
  jobs: { command: 'show-jobs', label: 'Jobs', accelerator: 'CmdOrCtrl+2' },
  find: { command: 'find', label: 'Find…', accelerator: 'CmdOrCtrl+K' },
  today: { command: 'go-to-today', label: 'Today', accelerator: 'T' },
  undo: { command: 'undo', label: 'Undo', accelerator: 'CmdOrCtrl+Z' },
  theme: { command: 'toggle-theme', label: 'Toggle Theme' },
  shortcuts: { command: 'show-shortcuts', label: 'Keyboard Shortcuts', accelerator: '?' },
} as const satisfies Record<string, ConsoleShortcut>;

function isSingleKey(accelerator: string): boolean {
  return !accelerator.includes('+');
}

/**
 * A menu item for one of the console's shortcuts. The console binds the keys itself (web mode has no
 * menu), so the item only shows the key and sends the command when clicked: registering the accelerator
 * would also swallow a plain "T" or "?" typed into a text field, and Ctrl+Z there would undo a board change
 * instead of the typing. macOS always registers menu accelerators, so single keys are left off there.
 */
function consoleItem(shortcut: ConsoleShortcut, options: MenuOptions): MenuItemConstructorOptions {
  const item: MenuItemConstructorOptions = {
    id: shortcut.command,
    label: shortcut.label,
    click: () => options.send(shortcut.command),
  };
  const accelerator = shortcut.accelerator;
  if (accelerator && !(options.platform === 'darwin' && isSingleKey(accelerator))) {
    item.accelerator = accelerator;
    item.registerAccelerator = false;
  }
  return item;
}

export function applicationMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const item = (shortcut: ConsoleShortcut) => consoleItem(shortcut, options);
  const quit: MenuItemConstructorOptions = { role: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' };
  return [
    ...(isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    { label: 'File', submenu: isMac ? [{ role: 'close' }] : [quit] },
    {
      label: 'Edit',
      submenu: [
        item(CONSOLE_SHORTCUTS.undo),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        item(CONSOLE_SHORTCUTS.find),
      ],
    },
    {
      label: 'View',
      submenu: [
        item(CONSOLE_SHORTCUTS.board),
        item(CONSOLE_SHORTCUTS.jobs),
        item(CONSOLE_SHORTCUTS.today),
        { type: 'separator' },
        item(CONSOLE_SHORTCUTS.theme),
        { type: 'separator' },
        { role: 'reload', label: 'Reload' },
        ...(options.isDevelopment ? [{ role: 'toggleDevTools' } satisfies MenuItemConstructorOptions] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    ...(isMac ? [{ role: 'windowMenu' } satisfies MenuItemConstructorOptions] : []),
    { role: 'help', submenu: [item(CONSOLE_SHORTCUTS.shortcuts)] },
  ];
}
