import type { MenuItemConstructorOptions } from 'electron';
import { SHORTCUTS, type MenuCommand, type MenuShortcutId, type Shortcut } from '../preload/contract';

export interface MenuOptions {
  platform: string;
  /** Adds the developer tools item. */
  isDevelopment: boolean;
  /** Delivers a command to the console window. */
  send(command: MenuCommand): void;
}

/** A console shortcut's key as Electron writes an accelerator: the combination with "mod" first ("CmdOrCtrl+1"). */
export function acceleratorOf(shortcut: Shortcut): string | undefined {
  const combo = shortcut.keys.find((keys) => keys.includes('mod')) ?? shortcut.keys[0];
  return combo?.map((key) => (key === 'mod' ? 'CmdOrCtrl' : key)).join('+');
}

function isSingleKey(accelerator: string): boolean {
  return !accelerator.includes('+');
}

/**
 * A menu item for one of the console's shortcuts. The console binds the keys itself (web mode has no
 * menu), so the item only shows the key and sends the command when clicked: registering the accelerator
 * would also swallow a plain "T" or "?" typed into a text field, and Ctrl+Z there would undo a board change
 * instead of the typing. macOS always registers menu accelerators, so single keys are left off there.
 */
function consoleItem(id: MenuShortcutId, options: MenuOptions): MenuItemConstructorOptions {
  const shortcut = SHORTCUTS[id];
  const { command, label } = shortcut.menu;
  const item: MenuItemConstructorOptions = {
    id: command,
    label,
    click: () => options.send(command),
  };
  const accelerator = acceleratorOf(shortcut);
  if (accelerator && !(options.platform === 'darwin' && isSingleKey(accelerator))) {
    item.accelerator = accelerator;
    item.registerAccelerator = false;
  }
  return item;
}

export function applicationMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const item = (id: MenuShortcutId) => consoleItem(id, options);
  const quit: MenuItemConstructorOptions = { role: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' };
  return [
    ...(isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    { label: 'File', submenu: isMac ? [{ role: 'close' }] : [quit] },
    {
      label: 'Edit',
      submenu: [
        item('undo'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        item('find'),
      ],
    },
    {
      label: 'View',
      submenu: [
        item('board'),
        item('jobs'),
        item('today'),
        { type: 'separator' },
        item('theme'),
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
    { role: 'help', submenu: [item('help')] },
  ];
}
