import { expectAccessible } from './a11y';
import { expect, test } from './fixtures';
import { Api, drawer, newDispatcherPage, showTomorrow } from './helpers';

const online = (page: import('@playwright/test').Page) => page.getByRole('list', { name: 'Dispatchers online' });

test('two dispatchers see each other, what the other has open and what the other drags; offline says so', async ({
  browser,
  serverUrl,
}) => {
  test.setTimeout(120_000);
  const dana = await newDispatcherPage(browser, serverUrl, 'dispatcher@demo.test');
  const marcus = await newDispatcherPage(browser, serverUrl, 'dispatcher2@demo.test');
  await expect(online(dana).getByRole('listitem')).toHaveCount(1);
  await expect(online(dana).getByRole('listitem')).toContainText('Marcus Lee');
  await expect(online(marcus).getByRole('listitem')).toHaveCount(1);
  await expect(online(marcus).getByRole('listitem')).toContainText('Dana Whitfield');

  const jobId = 'job-1027'; // Water softener install, u-tech8 tomorrow.
  await showTomorrow(dana);
  await showTomorrow(marcus);
  const [appointment] = await (await Api.signIn(serverUrl)).appointments(jobId);
  const blockOn = (page: typeof dana) => page.locator(`[data-appointment-id="${appointment.id}"]`);

  // Marcus opens the job: Dana sees it on the block, and in the drawer once she opens it too.
  await blockOn(marcus).click();
  await expect(drawer(marcus, jobId)).toBeVisible();
  // His initials on the block, the sentence in its name for a screen reader (and on hover).
  await expect(blockOn(dana).locator('[data-presence="viewing"]')).toHaveText('ML');
  await expect(blockOn(dana)).toHaveAccessibleName(/, Marcus is viewing this$/);
  // At rest: the tooltip of the button her pointer last pressed is not part of the view.
  await dana.mouse.move(0, 0);
  await expect(dana.getByRole('tooltip')).toHaveCount(0);
  await expectAccessible(dana, 'board with another dispatcher viewing a job');
  await blockOn(dana).click();
  await expect(
    dana.getByRole('dialog').getByRole('status').filter({ hasText: 'Marcus is viewing this' }),
  ).toBeVisible();
  await expect(
    marcus.getByRole('dialog').getByRole('status').filter({ hasText: 'Dana is viewing this' }),
  ).toBeVisible();
  await marcus.getByRole('button', { name: 'Close job' }).click();
  await expect(dana.getByRole('dialog').getByText('Marcus is viewing this')).toHaveCount(0);
  // Dana may hear of it before Marcus's drawer (and its overlay over the board) has finished closing; a
  // press on the overlay would close nothing and start no drag.
  await expect(drawer(marcus, jobId)).toBeHidden();
  await expect(marcus.locator('.mantine-Drawer-overlay')).toHaveCount(0);

  // Marcus takes hold of the block and drags it (not dropped yet): "Marcus is moving this" on Dana's drawer and block.
  const box = (await blockOn(marcus).boundingBox())!;
  await marcus.mouse.move(box.x + 6, box.y + box.height / 2);
  await marcus.mouse.down();
  await marcus.mouse.move(box.x + 40, box.y + box.height / 2 + 10, { steps: 5 });
  await expect(dana.getByRole('dialog').getByRole('status').filter({ hasText: 'Marcus is moving this' })).toBeVisible();
  await expect(blockOn(dana).locator('[data-presence="moving"]')).toBeVisible();
  await expect(blockOn(dana)).toHaveAccessibleName(/, Marcus is moving this$/);
  await marcus.keyboard.press('Escape');
  await marcus.mouse.up();
  await expect(dana.getByRole('dialog').getByText('Marcus is moving this')).toHaveCount(0);

  // Marcus loses his connection: he sees that presence is unknown, and Dana soon sees him gone.
  await marcus.context().setOffline(true);
  await expect(marcus.getByText('Presence unavailable offline')).toBeVisible({ timeout: 20_000 });
  await expect(online(marcus)).toHaveCount(0);
  await expect(online(dana)).toHaveCount(0, { timeout: 30_000 });
  await dana.screenshot({ path: test.info().outputPath('presence.png') });
});
