import { __iconNode as note } from '@tabler/icons-react/icons/IconNote';
import { describe, expect, it } from 'vitest';
import { maskUrl } from '../../../../renderer/kit/MaskIcon';

/** The SVG inside a mask's `url("data:image/svg+xml,…")`. */
const svgOf = (url: string) => decodeURIComponent(/^url\("data:image\/svg\+xml,(.*)"\)$/.exec(url)![1]);

describe('maskUrl', () => {
  it("draws Tabler's own shapes at the stroke asked for, as one SVG the browser can decode", () => {
    const svg = svgOf(maskUrl(note, 1.75));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 24 24" /);
    expect(svg).toContain('stroke-width="1.75"');
    // Every path of the icon, and none of React's list keys.
    for (const [, attributes] of note) expect(svg).toContain(`d="${attributes.d}"`);
    expect(svg.match(/<path /g)).toHaveLength(note.length);
    expect(svg).not.toContain('key=');
  });

  it('keeps the URL one CSS token: quotes, hashes and spaces are escaped', () => {
    const url = maskUrl([['path', { d: 'M0 0h2', fill: '#000', key: 'svg-0' }]], 2);
    const data = url.slice('url("'.length, -'")'.length);
    expect(data).not.toMatch(/["#\s]/);
    expect(svgOf(url)).toContain('fill="#000"');
  });
});
