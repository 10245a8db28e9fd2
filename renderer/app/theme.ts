import { createTheme, type CSSVariablesResolver } from '@mantine/core';
import { readableOn } from './contrast';
import { dialogComponents } from './dialogDefaults';
import { listComponents } from './listDefaults';

/** Calm and dense: a screen a dispatcher reads eight hours a day. */
export const theme = createTheme({
  primaryColor: 'blue',
  // blue.6 (Mantine's light default) gives white-on-blue buttons and blue links 3.5:1; blue.8 passes 4.5:1.
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'sm',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  headings: { fontWeight: '650' },
  components: { ...dialogComponents, ...listComponents },
});

/** A little above the 4.5:1 minimum, so rounding in the browser never lands below it. */
const RATIO = 4.6;
/** The lightest surface colored text sits on in the light scheme (the board's side panels, gray.1 at most). */
const LIGHT_SURFACE = '#f1f3f5';

/**
 * In the light scheme, colored text (`c="orange"`: the attention marks) and the text of light badges and
 * buttons (the sync badge, Accept) use Mantine's shades 8 and 9, which for orange, green, teal and red are
 * 3–4.4:1 on white and on their light fills. Each hue's text is darkened just enough to read at 4.5:1; hues
 * already dark enough (blue) keep theirs. The dark scheme's light shades pass as they are.
 */
function readableHueText(colors: Record<string, readonly string[]>): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [name, shades] of Object.entries(colors)) {
    if (name === 'dark' || name === 'gray') continue;
    variables[`--mantine-color-${name}-text`] = readableOn(shades[8], LIGHT_SURFACE, RATIO);
    // Light badges and buttons: shade 9 on shade 1 (shade 2 when hovered).
    variables[`--mantine-color-${name}-light-color`] = readableOn(shades[9], shades[2], RATIO);
  }
  return variables;
}

/**
 * Dimmed text is most of what the dispatcher reads around a card (times, descriptions, the server address).
 * Mantine's default (gray.6 on white, dark.2 on dark.7) is below the 4.5:1 contrast minimum; one step stronger
 * in each scheme keeps it quieter than body text and readable.
 */
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => ({
  variables: {},
  // A field's error (its message and red text) is read too: red.6 on white and red.8 on dark are about 3:1.
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    ...readableHueText(resolved.colors),
  },
  dark: {
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-error': 'var(--mantine-color-red-5)',
  },
});
