import type { MenuCommand } from './desktopApi';

/**
 * Every keyboard shortcut of the console, in one table: the help dialog ("?") lists it, the console binds
 * the global ones (the board binds its own, which act on the focused block or queue card), and the desktop
 * menu shows the key beside the items that have one. Keys are written as the help shows them; "mod" reads
 * Ctrl, or ⌘ on a Mac.
 */
export interface Shortcut {
  /** What it does, as the help dialog says it. */
  action: string;
  /** Each way to do it, a combination of keys. None: a menu command without a key. */
  keys: readonly (readonly string[])[];
  /** Where the help dialog lists it. */
  group: ShortcutGroupTitle;
  /** The desktop menu's item for it: the command it sends, and its label. */
  menu?: { command: MenuCommand; label: string };
}

export const SHORTCUT_GROUP_TITLES = ['Anywhere', 'Days', 'Board'] as const;
export type ShortcutGroupTitle = (typeof SHORTCUT_GROUP_TITLES)[number];

export const SHORTCUTS = {
  find: {
    group: 'Anywhere',
    action: 'Find a job, jump to a date, run an action',
    keys: [['mod', 'K']],
    menu: { command: 'find', label: 'Find…' },
  },
  help: {
    group: 'Anywhere',
    action: 'Show these shortcuts',
    keys: [['?']],
    menu: { command: 'show-shortcuts', label: 'Keyboard Shortcuts' },
  },
  close: { group: 'Anywhere', action: 'Close the job drawer or dialog', keys: [['Esc']] },
  board: {
    group: 'Anywhere',
    action: 'Show the board',
    keys: [['1'], ['mod', '1']],
    menu: { command: 'show-board', label: 'Board' },
  },
  jobs: {
    group: 'Anywhere',
    action: 'Show the jobs list',
    keys: [['2'], ['mod', '2']],
    menu: { command: 'show-jobs', label: 'Jobs' },
  },
  theme: {
    group: 'Anywhere',
    action: 'Toggle the light or dark theme',
    keys: [],
    menu: { command: 'toggle-theme', label: 'Toggle Theme' },
  },
  today: { group: 'Days', action: 'Go to today', keys: [['T']], menu: { command: 'go-to-today', label: 'Today' } },
  previous: { group: 'Days', action: 'Previous day (or period in the 3-day and week views)', keys: [['[']] },
  next: { group: 'Days', action: 'Next day (or period)', keys: [[']']] },
  moveInTime: {
    group: 'Board',
    action: 'Move the focused appointment 15 minutes earlier or later',
    keys: [['←'], ['→']],
  },
  moveToLane: {
    group: 'Board',
    action: 'Move the focused appointment to the technician above or below',
    keys: [['↑'], ['↓']],
  },
  resize: {
    group: 'Board',
    action: 'Shorten or lengthen the focused appointment',
    keys: [
      ['Shift', '←'],
      ['Shift', '→'],
    ],
  },
  schedule: { group: 'Board', action: 'Schedule the focused queue card', keys: [['S']] },
  open: { group: 'Board', action: 'Open the focused job', keys: [['Enter']] },
  undo: {
    group: 'Board',
    action: 'Undo the last board change',
    keys: [['mod', 'Z']],
    menu: { command: 'undo', label: 'Undo' },
  },
} as const satisfies Record<string, Shortcut>;

export type ShortcutId = keyof typeof SHORTCUTS;

/** The shortcuts the desktop menu lists. */
export type MenuShortcutId = {
  [Id in ShortcutId]: (typeof SHORTCUTS)[Id] extends { menu: object } ? Id : never;
}[ShortcutId];

export const MENU_SHORTCUTS = (Object.keys(SHORTCUTS) as ShortcutId[]).filter(
  (id): id is MenuShortcutId => 'menu' in SHORTCUTS[id],
);

/** The shortcut behind a menu command. */
export function shortcutOfCommand(command: MenuCommand): ShortcutId | undefined {
  return (Object.keys(SHORTCUTS) as ShortcutId[]).find((id) => (SHORTCUTS[id] as Shortcut).menu?.command === command);
}
