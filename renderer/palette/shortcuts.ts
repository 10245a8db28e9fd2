/**
 * Every keyboard shortcut of the console, as the help dialog ("?") lists them. The global ones are bound
 * by CommandPalette; the board's by the board itself (they act on the focused block or queue card).
 * "mod" reads Ctrl, or ⌘ on a Mac.
 */
export interface ShortcutGroup {
  title: string;
  shortcuts: { keys: string[][]; action: string }[];
}

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    title: 'Anywhere',
    shortcuts: [
      { keys: [['mod', 'K']], action: 'Find a job, jump to a date, run an action' },
      { keys: [['?']], action: 'Show these shortcuts' },
      { keys: [['Esc']], action: 'Close the job drawer or dialog' },
      { keys: [['1'], ['mod', '1']], action: 'Show the board' },
      { keys: [['2'], ['mod', '2']], action: 'Show the jobs list' },
    ],
  },
  {
    title: 'Days',
    shortcuts: [
      { keys: [['T']], action: 'Go to today' },
      { keys: [['[']], action: 'Previous day (or period in the 3-day and week views)' },
      { keys: [[']']], action: 'Next day (or period)' },
    ],
  },
  {
    title: 'Board',
    shortcuts: [
      { keys: [['←'], ['→']], action: 'Move the focused appointment 15 minutes earlier or later' },
      { keys: [['↑'], ['↓']], action: 'Move the focused appointment to the technician above or below' },
      { keys: [['Shift', '←'], ['Shift', '→']], action: 'Shorten or lengthen the focused appointment' },
      { keys: [['S']], action: 'Schedule the focused queue card' },
      { keys: [['Enter']], action: 'Open the focused job' },
      { keys: [['mod', 'Z']], action: 'Undo the last board change' },
    ],
  },
];

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export function keyLabel(key: string): string {
  if (key === 'mod') return isMac ? '⌘' : 'Ctrl';
  return key;
}
