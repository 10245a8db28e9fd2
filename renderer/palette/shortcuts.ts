import { SHORTCUT_GROUP_TITLES, SHORTCUTS, type Shortcut } from '../../preload/contract';

/**
 * The console's shortcuts as the help dialog ("?") lists them, grouped, from the one table the desktop menu
 * and the console's own key bindings read too (`preload/contract/shortcuts.ts`).
 */
export interface ShortcutGroup {
  title: string;
  shortcuts: readonly Shortcut[];
}

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = SHORTCUT_GROUP_TITLES.map((title) => ({
  title,
  shortcuts: Object.values(SHORTCUTS).filter(
    (shortcut: Shortcut) => shortcut.group === title && shortcut.keys.length > 0,
  ),
}));

/** A combination as Mantine's hotkey hooks read it: "mod+1", "t", "shift+←" is "shift+ArrowLeft". */
export function hotkeyOf(combo: readonly string[]): string {
  return combo.map((key) => HOTKEY_NAMES[key] ?? key.toLowerCase()).join('+');
}

const HOTKEY_NAMES: Record<string, string> = {
  '←': 'ArrowLeft',
  '→': 'ArrowRight',
  '↑': 'ArrowUp',
  '↓': 'ArrowDown',
  Esc: 'Escape',
};

export const isMac =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export function keyLabel(key: string): string {
  if (key === 'mod') return isMac ? '⌘' : 'Ctrl';
  return key;
}
