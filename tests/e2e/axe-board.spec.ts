// Accessibility (issue 15) of the board: day, 3 days and week, the job drawer over it, the queue with its
// offers, and the attention panel, each audited by axe-core (tests/e2e/a11y.ts) in light and in dark.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectAccessible } from './a11y';
import { drawer, openBoard, pinnedBlock } from './helpers';

test.use({ timezoneId: 'America/Chicago', viewport: { width: 1600, height: 900 } });

/** Picks the board's range from the toolbar (the segmented control's labels are what a user clicks). */
async function showRange(page: Page, label: 'Day' | '3 days' | 'Week'): Promise<void> {
  await page
    .locator('label')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .click();
}

test.beforeEach(async ({ page, serverUrl }) => {
  await openBoard(page, serverUrl);
  // One banner, one main, and one level-one heading naming the view.
  await expect(page.getByRole('banner')).toHaveCount(1);
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1, name: 'Board' })).toHaveCount(1);
});

test("the board's day, 3 days and week have no serious violation", async ({ page }) => {
  await expect(page.locator('[data-appointment-id]').first()).toBeVisible();
  await expectAccessible(page, 'board day');
  await showRange(page, '3 days');
  await expect(page.getByRole('button', { name: 'Next 3 days' })).toBeVisible();
  await expectAccessible(page, 'board 3 days');
  await showRange(page, 'Week');
  await expect(page.getByRole('button', { name: 'Next week' })).toBeVisible();
  await expectAccessible(page, 'board week');
});

test('the board with the job drawer open has no serious violation', async ({ page }) => {
  const { block, jobId } = await pinnedBlock(page, page.locator('[data-tech-id] [data-appointment-id]'));
  await block.click();
  await expect(drawer(page, jobId)).toBeVisible();
  // The drawer is a dialog over the board, not a second banner.
  await expect(page.getByRole('banner')).toHaveCount(1);
  await expectAccessible(page, 'board with drawer');
});

test('the queue with its offers is a named complementary region without violation', async ({ page }) => {
  const queue = page.getByRole('complementary', { name: 'Job queue' });
  await expect(queue).toBeVisible();
  await expect(queue.getByRole('button', { name: /^Accept / }).first()).toBeVisible();
  await expectAccessible(page, 'queue');
});

test('the attention panel open has no serious violation', async ({ page }) => {
  const badge = page.getByRole('button', { name: /^Needs attention/ });
  await expect(badge).toHaveAttribute('data-count', /^[1-9]\d*$/, { timeout: 10_000 });
  await badge.click();
  await expect(page.getByRole('dialog', { name: 'Needs attention' })).toBeVisible();
  await expect(page.locator('[data-attention-kind]').first()).toBeVisible();
  await expectAccessible(page, 'attention panel');
});
