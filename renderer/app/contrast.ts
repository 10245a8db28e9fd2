// WCAG 2.1 contrast (success criterion 1.4.3) for the theme: Mantine's light-scheme text shades of some hues
// (orange, green, teal, red) are below 4.5:1 on white and on their own light fills.

function channels(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** Relative luminance of a `#rrggbb` color. */
function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((value) => {
    const v = value / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two `#rrggbb` colors, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The color itself if it reaches `ratio` on `background`, else the same hue darkened toward black in small
 * steps until it does: the least change that makes it readable, so an orange stays recognisably orange.
 */
export function readableOn(color: string, background: string, ratio = 4.5): string {
  const [r, g, b] = channels(color);
  for (let keep = 1; keep > 0; keep -= 0.02) {
    const candidate = `#${[r, g, b]
      .map((value) =>
        Math.round(value * keep)
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')}`;
    if (contrast(candidate, background) >= ratio) return candidate;
  }
  return '#000000';
}
