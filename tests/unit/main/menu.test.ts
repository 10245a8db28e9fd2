import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { applicationMenuTemplate } from '../../../main/menu';
import { MENU_SHORTCUTS } from '../../../preload/contract';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function build(platform: string, isDevelopment = false) {
  const send = vi.fn();
  const items = flatten(applicationMenuTemplate({ platform, isDevelopment, send }));
  const byLabel = (label: string) => items.find((item) => item.label === label);
  const click = (label: string) => (byLabel(label)!.click as () => void)();
  return { items, byLabel, click, send };
}

describe('applicationMenuTemplate', () => {
  it('lists every console shortcut with its key and sends its command when clicked', () => {
    const { byLabel, click, send } = build('linux');
    const expected: [string, string | undefined, string][] = [
      ['Board', 'CmdOrCtrl+1', 'show-board'],
      ['Jobs', 'CmdOrCtrl+2', 'show-jobs'],
      ['Find…', 'CmdOrCtrl+K', 'find'],
      ['Today', 'T', 'go-to-today'],
      ['Undo', 'CmdOrCtrl+Z', 'undo'],
      ['Toggle Theme', undefined, 'toggle-theme'],
      ['Keyboard Shortcuts', '?', 'show-shortcuts'],
    ];
    for (const [label, accelerator, command] of expected) {
      const item = byLabel(label);
      expect(item, label).toBeDefined();
      expect(item!.accelerator, label).toBe(accelerator);
      click(label);
      expect(send).toHaveBeenLastCalledWith(command);
    }
    expect(send).toHaveBeenCalledTimes(MENU_SHORTCUTS.length);
  });

  it('leaves the keys to the console, so typing "T" or Ctrl+Z in a field stays typing', () => {
    const { items } = build('win32');
    const consoleItems = items.filter((item) => item.click);
    expect(consoleItems).toHaveLength(7);
    for (const item of consoleItems.filter((i) => i.accelerator))
      expect(item.registerAccelerator, item.label).toBe(false);
  });

  it('offers Reload and Quit through Electron roles', () => {
    const { byLabel } = build('linux');
    expect(byLabel('Reload')).toMatchObject({ role: 'reload' });
    expect(byLabel('Quit')).toMatchObject({ role: 'quit', accelerator: 'CmdOrCtrl+Q' });
  });

  it('keeps the clipboard working through the Edit roles', () => {
    const roles = build('linux').items.map((item) => item.role);
    expect(roles).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll']));
  });

  it('shows developer tools only in development', () => {
    expect(build('linux', false).items.some((item) => item.role === 'toggleDevTools')).toBe(false);
    expect(build('linux', true).items.some((item) => item.role === 'toggleDevTools')).toBe(true);
  });

  it('follows macOS conventions: app menu with Quit, and no bare-key accelerators it would capture', () => {
    const { items, byLabel } = build('darwin');
    expect(items[0]).toEqual({ role: 'appMenu' });
    expect(items.some((item) => item.role === 'windowMenu')).toBe(true);
    expect(byLabel('Quit')).toBeUndefined();
    expect(byLabel('Today')!.accelerator).toBeUndefined();
    expect(byLabel('Keyboard Shortcuts')!.accelerator).toBeUndefined();
    expect(byLabel('Find…')!.accelerator).toBe('CmdOrCtrl+K');
  });
});
