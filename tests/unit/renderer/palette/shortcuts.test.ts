import { describe, expect, test } from 'vitest';
import { acceleratorOf } from '../../../../main/menu';
import { MENU_SHORTCUTS, SHORTCUTS, shortcutOfCommand } from '../../../../preload/contract';
import { hotkeyOf, SHORTCUT_GROUPS } from '../../../../renderer/palette/shortcuts';

describe('one shortcut table for the help dialog, the console and the desktop menu', () => {
  test('the help lists every shortcut that has a key, once, in its group', () => {
    const listed = SHORTCUT_GROUPS.flatMap((group) =>
      group.shortcuts.map((shortcut) => `${group.title}: ${shortcut.action}`),
    );
    const withKeys = Object.values(SHORTCUTS).filter((shortcut) => shortcut.keys.length > 0);
    expect(listed).toHaveLength(withKeys.length);
    expect(new Set(listed).size).toBe(listed.length);
    expect(SHORTCUT_GROUPS.map((group) => group.title)).toEqual(['Anywhere', 'Days', 'Board']);
    expect(listed).toContain('Days: Go to today');
  });

  test('the console binds the keys the help shows', () => {
    expect(SHORTCUTS.board.keys.map(hotkeyOf)).toEqual(['1', 'mod+1']);
    expect(SHORTCUTS.today.keys.map(hotkeyOf)).toEqual(['t']);
    expect(SHORTCUTS.find.keys.map(hotkeyOf)).toEqual(['mod+k']);
    expect(SHORTCUTS.resize.keys.map(hotkeyOf)).toEqual(['shift+ArrowLeft', 'shift+ArrowRight']);
  });

  test('the menu shows the same keys, with "mod" as CmdOrCtrl, and each command finds its shortcut', () => {
    expect(acceleratorOf(SHORTCUTS.board)).toBe('CmdOrCtrl+1');
    expect(acceleratorOf(SHORTCUTS.help)).toBe('?');
    expect(acceleratorOf(SHORTCUTS.theme)).toBeUndefined();
    for (const id of MENU_SHORTCUTS) expect(shortcutOfCommand(SHORTCUTS[id].menu.command)).toBe(id);
  });
});
