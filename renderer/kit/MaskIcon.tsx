import type { IconNode } from '@tabler/icons-react';
import type { CSSProperties } from 'react';

/**
 * An outline icon drawn as ONE element: a span whose CSS mask is the icon, painted in the text colour.
 *
 * Tabler's React icons draw an `<svg>` and two to six `<path>`s each. The board repeats a few icons on every
 * block (the appointment's status, its attention marks): on a first screen of 16 lanes that was 339 SVGs and
 * 1,477 paths, 40 % of the board's elements, for a board painted again at every start. As masks, the browser
 * decodes each icon once and every block reuses the image. The look is the same: the mask is Tabler's own
 * drawing (the `__iconNode` its icon modules export), at the same stroke, scaled as the SVG would be.
 *
 * Decorative, like the SVGs it replaces: the element that carries it says what it means (`title`, `aria-label`).
 */
export function MaskIcon({ icon, size, stroke = 2, style }: Props) {
  return (
    <span aria-hidden="true" className={maskClass(icon, stroke)} style={{ width: size, height: size, ...style }} />
  );
}

interface Props {
  /** `import { __iconNode } from '@tabler/icons-react/icons/IconTruck'`. */
  icon: IconNode;
  size: number;
  /** The stroke width in the icon's 24-unit grid, as Tabler's `stroke` prop. */
  stroke?: number;
  style?: CSSProperties;
}

/**
 * The classes of each icon and stroke (the shared one and the icon's own), its rule added once to this module's
 * stylesheet: during render, as CSS-in-JS does, so the class has its rule before the first paint that uses it.
 */
const classes = new Map<IconNode, Map<number, string>>();
let sheet: HTMLStyleElement | undefined;

function maskClass(icon: IconNode, stroke: number): string {
  let byStroke = classes.get(icon);
  if (!byStroke) classes.set(icon, (byStroke = new Map()));
  const known = byStroke.get(stroke);
  if (known) return known;
  const name = `${BASE}-${classes.size}-${byStroke.size}`;
  byStroke.set(stroke, `${BASE} ${name}`);
  if (!sheet) {
    sheet = document.createElement('style');
    sheet.dataset.maskIcons = '';
    // Not adjusted in forced colours (Windows' high contrast would paint the background, so the icon, in the page's
    // own colour) nor dropped from paper (backgrounds are, by default): it stays the text's colour, as the SVG did.
    sheet.textContent =
      `.${BASE} { display: inline-block; flex: none; background-color: currentColor; mask-repeat: no-repeat; ` +
      'mask-position: center; mask-size: 100% 100%; forced-color-adjust: none; print-color-adjust: exact; }\n';
    document.head.append(sheet);
  }
  sheet.append(`.${name} { mask-image: ${maskUrl(icon, stroke)}; }\n`);
  return `${BASE} ${name}`;
}

const BASE = 'dispatch-mask-icon';

/** The icon as an SVG data URL: Tabler's own attributes, black strokes (a mask reads only their alpha). */
export function maskUrl(icon: IconNode, stroke: number): string {
  const shapes = icon
    .map(([tag, attributes]) => {
      const text = Object.entries(attributes)
        .filter(([name]) => name !== 'key')
        .map(([name, value]) => `${name}="${String(value).replace(/currentColor/g, '#000')}"`)
        .join(' ');
      return `<${tag} ${text}/>`;
    })
    .join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="#000" stroke-width="${stroke}" ` +
    `stroke-linecap="round" stroke-linejoin="round">${shapes}</svg>`;
  return `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
}
