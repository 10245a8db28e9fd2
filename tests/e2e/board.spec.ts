// The board: drag a queue card onto a lane, move blocks, answer offers.
import { expect, test } from './fixtures';
import { Api, newDispatcherPage, openBoard } from './helpers';

test.use({ timezoneId: 'America/Chicago', viewport: { width: 1600, height: 900 } });

test('dragging an unscheduled card onto a lane schedules it; a second dispatcher sees it at once', async ({ page, browser, serverUrl }) => {
  await openBoard(page, serverUrl);
  const other = await newDispatcherPage(browser, serverUrl, 'dispatcher2@demo.test');
  const jobId = 'job-1010'; // Washer won't spin: unscheduled.
  const card = page.locator(`[aria-label="Job queue"] [data-job-id="${jobId}"]`);
  await expect(card).toHaveAttribute('data-status', 'unscheduled');
  const lane = page.locator('[data-tech-id="u-tech1"]');
  const area = lane.locator('[data-lane-area]');
  const box = (await area.boundingBox())!;
  await card.dragTo(area, { targetPosition: { x: Math.min(box.width / 2, 400), y: box.height / 2 } });

  const block = page.locator(`[data-tech-id="u-tech1"] [data-appointment-id][data-job-id="${jobId}"]`);
  await expect(block).toBeVisible({ timeout: 5_000 });
  await expect(block).toHaveAttribute('data-status', 'scheduled');
  await expect(other.locator(`[data-tech-id="u-tech1"] [data-appointment-id][data-job-id="${jobId}"]`)).toBeVisible({ timeout: 2_000 });

  const api = await Api.signIn(serverUrl);
  await expect.poll(async () => (await api.appointments(jobId)).map((a) => a.user_id)).toEqual(['u-tech1']);
  await expect.poll(() => api.jobStatus(jobId)).toBe('scheduled');
  await page.screenshot({ path: test.info().outputPath('board-after-drag.png') });
  await other.context().close();
});

test('a scheduled block is moved by drag to another technician and by keyboard in time', async ({ page, serverUrl }) => {
  await openBoard(page, serverUrl);
  const api = await Api.signIn(serverUrl);
  const jobId = 'job-1027'; // Water softener install, u-tech8 today.
  const [before] = await api.appointments(jobId);
  const block = page.locator(`[data-appointment-id="${before.id}"]`);
  await expect(block).toBeVisible();
  await expect(block.locator('xpath=ancestor::*[@data-tech-id][1]')).toHaveAttribute('data-tech-id', 'u-tech8');

  // Drag to Megan's lane (u-tech7), keeping the same x: reassigned, time about the same.
  const target = page.locator('[data-tech-id="u-tech7"] [data-lane-area]');
  const blockBox = (await block.boundingBox())!;
  const targetBox = (await target.boundingBox())!;
  await block.dragTo(target, { sourcePosition: { x: 4, y: blockBox.height / 2 }, targetPosition: { x: blockBox.x - targetBox.x + 4, y: targetBox.height / 2 } });
  await expect(page.locator(`[data-tech-id="u-tech7"] [data-appointment-id="${before.id}"]`)).toBeVisible({ timeout: 5_000 });
  await expect.poll(async () => (await api.appointments(jobId))[0].user_id).toBe('u-tech7');

  // Keyboard: ArrowRight moves 15 minutes later, ArrowDown to the next technician.
  const moved = page.locator(`[data-appointment-id="${before.id}"]`);
  const afterDrag = (await api.appointments(jobId))[0];
  // Focus taken at once, while the drop may still be unconfirmed: the server's confirmation of the drop
  // and of the keyboard step redraws the block, and focus must survive both.
  await moved.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => Date.parse((await api.appointments(jobId))[0].time)).toBe(Date.parse(afterDrag.time) + 15 * 60_000);
  await expect(page.locator('[data-sync-state]')).toHaveAttribute('data-pending', '0');
  await expect(moved).not.toHaveAttribute('data-pending', 'true');
  await expect(moved).toBeFocused();
  // The next lane down, whichever technician that is.
  const lanes = await page.locator('[data-tech-id]').evaluateAll((elements) =>
    elements.map((element) => ({ id: element.getAttribute('data-tech-id')!, top: element.getBoundingClientRect().top })).sort((a, b) => a.top - b.top),
  );
  const next = lanes[lanes.findIndex((lane) => lane.id === 'u-tech7') + 1].id;
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await api.appointments(jobId))[0].user_id).toBe(next);
  await expect(page.locator(`[data-tech-id="${next}"] [data-appointment-id="${before.id}"]`)).toBeVisible();
  // Focus followed it into the new lane and stays once the server has confirmed the move.
  await expect(moved).not.toHaveAttribute('data-pending', 'true');
  await expect(moved).toBeFocused();
});

test('offers are accepted and declined (with a reason) from the queue', async ({ page, serverUrl }) => {
  await openBoard(page, serverUrl);
  const api = await Api.signIn(serverUrl);
  const queue = page.getByRole('complementary', { name: 'Job queue' });

  const accepted = queue.locator('[data-job-id="job-1001"]');
  await expect(accepted).toHaveAttribute('data-status', 'offered');
  await accepted.getByRole('button', { name: /^Accept / }).click();
  await expect(queue.locator('[data-job-id="job-1001"]')).toHaveAttribute('data-status', 'unscheduled');
  await expect.poll(() => api.jobStatus('job-1001')).toBe('unscheduled');

  const declined = queue.locator('[data-job-id="job-1002"]');
  await declined.getByRole('button', { name: /^Decline / }).click();
  const confirm = page.getByRole('button', { name: 'Decline offer' });
  await expect(confirm).toBeDisabled();
  await page.getByPlaceholder('Pick a reason').click();
  await page.getByRole('option').first().click();
  await confirm.click();
  await expect(queue.locator('[data-job-id="job-1002"]')).toHaveCount(0);
  await expect.poll(() => api.jobStatus('job-1002')).toBe('rejected');
});
