// Accessibility (issue 15): each view of the console audited by axe-core (tests/e2e/a11y.ts), in light and
// in dark. A new view joins the list below, or a spec of its own that uses the same audit.
import { expect, test } from './fixtures';
import { expectAccessible } from './a11y';

test.use({ timezoneId: 'America/Chicago', viewport: { width: 1600, height: 900 } });

test('the sign-in page has no serious violation', async ({ page, serverUrl }) => {
  await page.goto(serverUrl);
  await expect(page.getByRole('button', { name: 'dispatcher@demo.test', exact: true })).toBeVisible();
  await expectAccessible(page, 'sign-in');
});
