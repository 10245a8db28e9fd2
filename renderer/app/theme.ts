import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/** Calm and dense: a screen a dispatcher reads eight hours a day. */
export const theme = createTheme({
  primaryColor: 'blue',
  // blue.6 (Mantine's light default) gives white-on-blue buttons and blue links 3.5:1; blue.8 passes 4.5:1.
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'sm',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  headings: { fontWeight: '650' },
});

/**
 * Dimmed text is most of what the dispatcher reads around a card (times, descriptions, the server address).
 * Mantine's default (gray.6 on white, dark.2 on dark.7) is below the 4.5:1 contrast minimum; one step stronger
 * in each scheme keeps it quieter than body text and readable.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)' },
});
