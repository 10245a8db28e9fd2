import { Select } from '@mantine/core';
import type { KeyboardEvent } from 'react';

/**
 * Enter in a dropdown list's field picks what the dispatcher sees: the highlighted option, else the chosen one
 * where the list shows it, else the first match of what was typed. With the list open it never submits the
 * form around the field; with nothing typed and nothing highlighted it picks nothing.
 *
 * Mantine's Select leaves Enter to an option index it keeps apart from the highlight and moves on 0-ms timers:
 * a name typed and then Enter (no arrow) found no index, so the form was submitted with the technician the field
 * held before ("Jake" typed, "Aisha Johnson" booked); an Enter landing between those timers after an arrow was
 * dropped the same way. Read from the DOM the dispatcher sees instead, Enter has no such window.
 *
 * A capture-phase handler on the field: stopping the event there keeps it from Mantine's own Enter handling,
 * so the option is picked once.
 */
function pickOnEnter(event: KeyboardEvent<HTMLInputElement>): void {
  if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
  const field = event.currentTarget;
  if (field.getAttribute('aria-expanded') !== 'true') return;
  const list = document.getElementById(field.getAttribute('aria-controls') ?? '');
  const options = Array.from(
    list?.querySelectorAll<HTMLElement>('[data-combobox-option]:not([data-combobox-disabled])') ?? [],
  );
  event.preventDefault();
  event.stopPropagation();
  const typed = field.value.trim() !== '';
  const pick =
    options.find((option) => option.hasAttribute('data-combobox-selected')) ??
    // The list as it opened, on the chosen option: picking it again keeps it and closes the list.
    options.find((option) => option.hasAttribute('data-combobox-active')) ??
    // A list narrowed by what was typed: its first match. Nothing typed, or no match: nothing is picked.
    (typed ? options[0] : undefined);
  pick?.click();
}

/**
 * What every dropdown list of the console shares (the theme's `components`). Picking the chosen option again
 * keeps it: Mantine's default empties the field (ArrowDown and Enter on the technician already chosen in New
 * appointment cleared him, and the visit would have been booked unassigned). A list that may be emptied has
 * its clear button (`clearable`).
 */
export const listComponents = {
  Select: Select.extend({ defaultProps: { onKeyDownCapture: pickOnEnter, allowDeselect: false } }),
};
