import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrast, readableOn } from '../../../../renderer/app/contrast';
import { cssVariablesResolver, theme } from '../../../../renderer/app/theme';

const resolved = mergeMantineTheme(DEFAULT_THEME, theme);
const light = cssVariablesResolver(resolved).light as Record<string, string>;
const hues = Object.keys(resolved.colors).filter((name) => name !== 'dark' && name !== 'gray');

describe('contrast', () => {
  it('measures as WCAG 2.1 does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
    expect(contrast('#e8590c', '#ffffff')).toBeCloseTo(3.58, 2); // Mantine's orange.8, the old attention marks
  });

  it('darkens a color just enough, and leaves one that is readable alone', () => {
    expect(readableOn('#1864ab', '#ffffff')).toBe('#1864ab');
    const orange = readableOn('#e8590c', '#ffffff');
    expect(contrast(orange, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(orange, '#ffffff')).toBeLessThan(5.2);
  });
});

describe('the light scheme', () => {
  it.each(hues)('writes %s text at 4.5:1 on white and on the side panels', (name) => {
    for (const surface of ['#ffffff', '#f8f9fa', '#f1f3f5'])
      expect(contrast(light[`--mantine-color-${name}-text`], surface)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(hues)("writes a light %s badge's or button's text at 4.5:1 on its fill, hovered too", (name) => {
    for (const fill of [resolved.colors[name][1], resolved.colors[name][2]])
      expect(contrast(light[`--mantine-color-${name}-light-color`], fill)).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps each hue: orange text is still orange, only darker', () => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(light['--mantine-color-orange-text'].slice(i, i + 2), 16));
    expect(r).toBeGreaterThan(g);
    expect(g).toBeGreaterThan(b);
  });
});
