// The accessibility audit (issue 15) shared by the axe specs: axe-core's WCAG 2.1 A/AA and best-practice rules,
// plus the check that an element's accessible name contains its visible text. A view passes with no serious or
// critical violation and no landmark or heading violation of any impact.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
/** Rules about landmarks and headings fail the view whatever impact axe gives them. */
const STRUCTURE = (id: string) =>
  id.startsWith('landmark-') || id === 'page-has-heading-one' || id === 'heading-order' || id === 'region';

interface Finding {
  rule: string;
  impact: string;
  target: string;
  /** The element's opening, to find it when its selector is a generated id. */
  html: string;
  summary: string;
}

/** Runs axe over the page and returns the violations that fail a view, one line per element. */
async function audit(page: Page): Promise<Finding[]> {
  const results = await new AxeBuilder({ page })
    .withTags(TAGS)
    // axe.run in the page, instead of a partial run per frame finished in a second, blank page (a new page,
    // axe injected twice): the same findings on the console, whose frames are all its own, in a quarter of the
    // time (6.4 → 1.6 s an audit of the jobs list here). Only cross-origin frames would go unaudited.
    .setLegacyMode()
    .options({
      // Tagged experimental, so off by default; the issue asks that every name contain the visible text.
      rules: { 'label-content-name-mismatch': { enabled: true } },
      // Only violations are read: axe skips building a selector for every element that passes.
      resultTypes: ['violations'],
    })
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical' || STRUCTURE(violation.id))
    .flatMap((violation) =>
      violation.nodes.map((node) => ({
        rule: violation.id,
        impact: violation.impact ?? 'unknown',
        target: node.target.join(' '),
        html: node.html.slice(0, 160),
        summary: (node.failureSummary ?? '').split('\n').slice(1, 2).join('').trim(),
      })),
    );
}

/** A readable list for the next engineer: rule id, impact, element, and axe's first reason. */
function report(view: string, findings: Finding[]): string {
  const lines = findings.map(
    (f) => `  ${f.rule} [${f.impact}] ${f.target}${f.summary ? ` - ${f.summary}` : ''}\n      ${f.html}`,
  );
  return `${view}: ${findings.length} violation(s)\n${lines.join('\n')}`;
}

type Scheme = 'light' | 'dark';

/**
 * Shows the page in `scheme` through the system setting the console follows (a dispatcher who has chosen a
 * scheme would pin it: the audit says so rather than audit one scheme twice), once the colours have faded in.
 */
async function showScheme(page: Page, scheme: Scheme): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await expect(page.locator('html'), 'the console follows the system colour scheme').toHaveAttribute(
    'data-mantine-color-scheme',
    scheme,
  );
  // Some controls fade their colours: measure them at their final values.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation instanceof CSSTransition)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

async function auditIn(page: Page, view: string): Promise<void> {
  // The dispatcher sees this all day: keep a picture of every audited view with the test's results.
  await page.screenshot({
    path: test.info().outputPath(`${view.replace(/\W+/g, '-').replace(/-$/, '')}.png`),
    fullPage: true,
  });
  const findings = await audit(page);
  expect(findings.length, report(view, findings)).toBe(0);
}

/**
 * Audits the page as it is in light and in dark: the scheme it shows first, then the other, and back. One
 * page, one sign-in and one path to the view for both (they were a test each, twice the set-up).
 */
export async function expectAccessible(page: Page, view: string): Promise<void> {
  const shown = (await page.locator('html').getAttribute('data-mantine-color-scheme')) === 'dark' ? 'dark' : 'light';
  const other: Scheme = shown === 'dark' ? 'light' : 'dark';
  await auditIn(page, `${view} (${shown})`);
  await showScheme(page, other);
  await auditIn(page, `${view} (${other})`);
  await showScheme(page, shown);
}
