// The board: drag a queue card onto a lane, move blocks, answer offers.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { Api, drawer, newDispatcherPage, openBoard, pinnedBlock, scheduleAnyway, showTomorrow } from './helpers';

test.use({ timezoneId: 'America/Chicago', viewport: { width: 1600, height: 900 } });

test('dragging an unscheduled card onto a lane schedules it; a second dispatcher sees it at once', async ({
  page,
  browser,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  const other = await newDispatcherPage(browser, serverUrl, 'dispatcher2@demo.test');
  const jobId = 'job-1010'; // Washer won't spin: unscheduled.
  const card = page.locator(`[aria-label="Job queue"] [data-job-id="${jobId}"]`);
  await expect(card).toHaveAttribute('data-status', 'unscheduled');
  // Jake (u-tech2) repairs appliances and is free late in the morning: nothing to warn about.
  const lane = page.locator('[data-tech-id="u-tech2"]');
  const area = lane.locator('[data-lane-area]');
  const box = (await area.boundingBox())!;
  await card.dragTo(area, { targetPosition: { x: Math.min(box.width / 2, 400), y: box.height / 2 } });

  const block = page.locator(`[data-tech-id="u-tech2"] [data-appointment-id][data-job-id="${jobId}"]`);
  await expect(block).toBeVisible({ timeout: 5_000 });
  await expect(block).toHaveAttribute('data-status', 'scheduled');
  await expect(other.locator(`[data-tech-id="u-tech2"] [data-appointment-id][data-job-id="${jobId}"]`)).toBeVisible({
    timeout: 2_000,
  });

  const api = await Api.signIn(serverUrl);
  await expect.poll(async () => (await api.appointments(jobId)).map((a) => a.user_id)).toEqual(['u-tech2']);
  await expect.poll(() => api.jobStatus(jobId)).toBe('scheduled');
  await page.screenshot({ path: test.info().outputPath('board-after-drag.png') });
  await other.context().close();
});

test('a scheduled block is moved by drag to another technician and by keyboard in time', async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  await showTomorrow(page);
  const api = await Api.signIn(serverUrl);
  const jobId = 'job-1027'; // Water softener install, u-tech8 tomorrow 4:00–6:00 PM.
  const [before] = await api.appointments(jobId);
  const block = page.locator(`[data-appointment-id="${before.id}"]`);
  await expect(block).toBeVisible();
  await expect(block.locator('xpath=ancestor::*[@data-tech-id][1]')).toHaveAttribute('data-tech-id', 'u-tech8');

  // Drag to Megan's lane (u-tech7), keeping the same x: reassigned, time about the same.
  const target = page.locator('[data-tech-id="u-tech7"] [data-lane-area]');
  const blockBox = (await block.boundingBox())!;
  const targetBox = (await target.boundingBox())!;
  await block.dragTo(target, {
    sourcePosition: { x: 4, y: blockBox.height / 2 },
    targetPosition: { x: blockBox.x - targetBox.x + 4, y: targetBox.height / 2 },
  });
  // Megan works until 5:00 PM and the visit runs 4:00–6:00 PM, so the board asks first (warnings.spec.ts).
  await scheduleAnyway(page);
  await expect(page.locator(`[data-tech-id="u-tech7"] [data-appointment-id="${before.id}"]`)).toBeVisible({
    timeout: 5_000,
  });
  await expect.poll(async () => (await api.appointments(jobId))[0].user_id).toBe('u-tech7');

  // Keyboard: ArrowRight moves 15 minutes later, ArrowDown to the next technician.
  const moved = page.locator(`[data-appointment-id="${before.id}"]`);
  const afterDrag = (await api.appointments(jobId))[0];
  // Focus taken at once, while the drop may still be unconfirmed: the server's confirmation of the drop
  // and of the keyboard step redraws the block, and focus must survive both.
  await moved.focus();
  await page.keyboard.press('ArrowRight');
  await scheduleAnyway(page);
  await expect
    .poll(async () => Date.parse((await api.appointments(jobId))[0].time))
    .toBe(Date.parse(afterDrag.time) + 15 * 60_000);
  await expect(page.locator('[data-sync-state]')).toHaveAttribute('data-pending', '0');
  await expect(moved).not.toHaveAttribute('data-pending', 'true');
  await expect(moved).toBeFocused();
  // The next lane down, whichever technician that is.
  const lanes = await page
    .locator('[data-tech-id]')
    .evaluateAll((elements) =>
      elements
        .map((element) => ({ id: element.getAttribute('data-tech-id')!, top: element.getBoundingClientRect().top }))
        .sort((a, b) => a.top - b.top),
    );
  const next = lanes[lanes.findIndex((lane) => lane.id === 'u-tech7') + 1].id;
  await page.keyboard.press('ArrowDown');
  // Ravi, next by name, works until 5:00 PM.
  await scheduleAnyway(page);
  await expect.poll(async () => (await api.appointments(jobId))[0].user_id).toBe(next);
  await expect(page.locator(`[data-tech-id="${next}"] [data-appointment-id="${before.id}"]`)).toBeVisible();
  // Focus followed it into the new lane and stays once the server has confirmed the move.
  await expect(moved).not.toHaveAttribute('data-pending', 'true');
  await expect(moved).toBeFocused();
});

test('the queue never counts 0 offers before it has read them', async ({ page, serverUrl }) => {
  // Every value the Offers count shows, from the first frame on (the queue reads once the lanes have painted).
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { offerCounts: string[] }).offerCounts = seen;
    const record = () => {
      const value = document
        .querySelector('[data-queue-section="offered"] [data-queue-count]')
        ?.getAttribute('data-queue-count');
      if (value !== undefined && value !== null && seen.at(-1) !== value) seen.push(value);
    };
    new MutationObserver(record).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-queue-count'],
    });
  });
  await openBoard(page, serverUrl);
  const api = await Api.signIn(serverUrl);
  const offers = (await api.get<{ meta: { total: number } }>('/v3/jobs?filter[status_eq]=offered')).meta.total;
  expect(offers).toBeGreaterThan(0);
  const count = page.locator('[data-queue-section="offered"] [data-queue-count]');
  await expect(count).toHaveAttribute('data-queue-count', String(offers));
  await expect(count).toHaveText(String(offers));
  const shown = await page.evaluate(() => (window as unknown as { offerCounts: string[] }).offerCounts);
  // "loading" (drawn as "…") until the read answers, then the real count: never a 0 in between.
  expect(shown.filter((value) => value !== 'loading')).toEqual([String(offers)]);
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

test('in light and dark mode every status keeps its palette hue, with readable text on its fill', async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  // Tomorrow's board is all Scheduled, whatever the hour; On My Way, a pause and a completion add In
  // Progress, Paused and Complete.
  await showTomorrow(page);
  for (const step of ['enroute', 'pause', 'complete'] as const) {
    const { block, jobId } = await pinnedBlock(
      page,
      page.locator('[data-tech-id] [data-appointment-id][data-status="scheduled"]'),
    );
    await block.click();
    const panel = drawer(page, jobId);
    if (step === 'enroute') {
      await panel.getByRole('button', { name: 'On My Way' }).click();
      await page.getByRole('textbox', { name: 'ETA (minutes)' }).fill('20');
      await page.getByRole('button', { name: 'Confirm' }).click();
      await expect(panel).toHaveAttribute('data-drawer-status', 'in_progress');
    } else {
      await panel.locator('[data-action="complete"]').first().click();
      await page.getByRole('menu').locator(`[data-reason-effect="${step}"]`).first().click();
      await expect(panel).toHaveAttribute('data-drawer-status', step === 'pause' ? 'paused' : 'complete');
    }
    await page.getByRole('button', { name: 'Close job' }).click();
    await expect(panel).toHaveCount(0);
  }
  /** One block of each status on screen, with its computed colors, and the legend's swatches. */
  const look = () =>
    page.evaluate(() => {
      const byStatus = new Map<string, { stripe: string; fill: string; text: string }>();
      for (const element of document.querySelectorAll<HTMLElement>('[data-tech-id] [data-appointment-id]')) {
        const style = getComputedStyle(element);
        if (!byStatus.has(element.dataset.status!))
          byStatus.set(element.dataset.status!, {
            stripe: style.borderLeftColor,
            fill: style.backgroundColor,
            text: style.color,
          });
      }
      const legend = Object.fromEntries(
        [...document.querySelectorAll<HTMLElement>('[data-legend-status]')].map((item) => [
          item.dataset.legendStatus!,
          getComputedStyle(item.firstElementChild!).backgroundColor,
        ]),
      );
      return { blocks: [...byStatus.entries()], legend };
    });
  const check = async (scheme: 'light' | 'dark', statuses: number) => {
    const { blocks: seen, legend } = await look();
    expect(seen.length, 'blocks of several statuses are on screen').toBeGreaterThanOrEqual(statuses);
    for (const [status, colors] of seen) {
      const stripe = parseColor(colors.stripe);
      const fill = parseColor(colors.fill);
      // The stripe is the legend's color for that status; the fill is the same hue (gray stays gray).
      expect(colors.stripe, `${status} stripe matches the legend`).toBe(legend[status]);
      const [stripeHue, fillHue] = [hueOf(stripe), hueOf(fill)];
      if (scheme === 'dark' && stripeHue !== null) expect(fillHue, `${status} fill keeps a hue`).not.toBeNull();
      if (stripeHue !== null && fillHue !== null)
        expect(Math.abs(((fillHue - stripeHue + 540) % 360) - 180), `${status} fill hue`).toBeLessThan(20);
      expect(contrastRatio(parseColor(colors.text), fill), `${status} text on its fill`).toBeGreaterThanOrEqual(7);
      if (scheme === 'dark') expect(relativeLuminance(fill), `${status} fill is dark`).toBeLessThan(0.08);
      else expect(relativeLuminance(fill), `${status} fill is light`).toBeGreaterThan(0.8);
    }
    await expectStatusIconsDrawn(page, scheme);
  };
  await check('light', 4);
  await page.screenshot({ path: test.info().outputPath('board-light.png') });
  await page.locator('[data-board-timeline]').screenshot({ path: test.info().outputPath('board-light-lanes.png') });
  await page.getByRole('button', { name: 'Toggle color scheme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await page.mouse.move(800, 600); // no tooltip over the legend in the picture
  await check('dark', 4);
  await page.screenshot({ path: test.info().outputPath('board-dark.png') });
  await page.locator('[data-board-timeline]').screenshot({ path: test.info().outputPath('board-dark-lanes.png') });
  // Windows' high contrast forces colours: the icons still show, in the text's forced colour.
  await page.emulateMedia({ forcedColors: 'active' });
  await expectStatusIconsDrawn(page, 'forced colours');
});

/**
 * Every job status on screen shows its appointment's status icon: the mark's picture changes when its icon is
 * hidden. The icons are CSS masks (renderer/kit/MaskIcon.tsx); a mask that failed to load, or one without a
 * colour under it, would leave the mark blank, and its block would say its status by colour alone.
 */
async function expectStatusIconsDrawn(page: Page, scheme: 'light' | 'dark' | 'forced colours') {
  const statuses = await page
    .locator('[data-tech-id] [data-appointment-id]')
    .evaluateAll((blocks) => [...new Set(blocks.map((block) => (block as HTMLElement).dataset.status!))]);
  for (const status of statuses) {
    const mark = page
      .locator(`[data-tech-id] [data-appointment-id][data-status="${status}"] [data-status-mark]`)
      .first();
    const icon = (visibility: string) =>
      mark.evaluate(
        (element, value) => ((element.firstElementChild as HTMLElement).style.visibility = value),
        visibility,
      );
    const drawn = await mark.screenshot();
    await icon('hidden');
    const blank = await mark.screenshot();
    await icon('');
    expect(drawn.equals(blank), `the ${status} block's status icon is drawn (${scheme})`).toBe(false);
  }
}

/** Colors as Chromium computes them ("rgb(…)", or "color(srgb …)" for color-mix), for the checks above. */
type Rgb = [number, number, number];

function parseColor(css: string): Rgb {
  const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)/.exec(css);
  if (srgb) return [Number(srgb[1]) * 255, Number(srgb[2]) * 255, Number(srgb[3]) * 255];
  const rgb = /^rgba?\((\d+(?:\.\d+)?),? (\d+(?:\.\d+)?),? (\d+(?:\.\d+)?)/.exec(css);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`unexpected color ${css}`);
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
function relativeLuminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** Hue in degrees, or null for a near-gray (the seed's gray, and the palest fills). */
function hueOf([r, g, b]: Rgb): number | null {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const spread = max - min;
  if (max === 0 || spread / max < 0.12) return null;
  const sector = max === r ? ((g - b) / spread) % 6 : max === g ? (b - r) / spread + 2 : (r - g) / spread + 4;
  return (sector * 60 + 360) % 360;
}
