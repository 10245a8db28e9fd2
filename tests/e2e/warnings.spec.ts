// "Schedule anyway?": a drop or a keyboard move that double-books a technician asks before anything is
// committed; "Put it back" changes nothing, "Schedule anyway" schedules and the activity says so.
import { clockTime } from '../../renderer/kit/format';
import { setOfficeZone } from '../../renderer/kit/officeClock';
import { expect, test } from './fixtures';
import { Api, openBoard, PASSWORD, settled, showTomorrow, syncIndicator } from './helpers';

test.use({ timezoneId: 'America/Chicago', viewport: { width: 1600, height: 900 } });
// The expected texts come from the console's own formatters, on the demo office's clock.
setOfficeZone('America/Chicago');

interface Activity {
  kind: string;
  summary: string;
}

async function overruled(serverUrl: string, jobId: string): Promise<string[]> {
  const api = await Api.signIn(serverUrl);
  const { activity } = await api.get<{ activity: Activity[] }>(`/v3/jobs/${jobId}/activity`);
  return activity.filter((event) => event.kind === 'appointment.overruled').map((event) => event.summary);
}

test('a drop onto a busy slot asks first: "Put it back" leaves the block, "Schedule anyway" moves it and is recorded', async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  await showTomorrow(page);
  const api = await Api.signIn(serverUrl);
  const jobId = 'job-1027'; // Water softener install: Darnell (u-tech8), tomorrow 4:00–6:00 PM.
  const [before] = await api.appointments(jobId);
  const block = page.locator(`[data-appointment-id="${before.id}"]`);
  await expect(block.locator('xpath=ancestor::*[@data-tech-id][1]')).toHaveAttribute('data-tech-id', 'u-tech8');

  // Jake (u-tech2) has a visit booked tomorrow morning: dropping at its start double-books him.
  const target = page.locator('[data-tech-id="u-tech2"] [data-lane-area]');
  const busy = target.locator('[data-appointment-id]').first();
  const [jakes] = await api.appointments((await busy.getAttribute('data-job-id'))!);
  const busyStart = Date.parse(jakes.time);
  const drop = async () => {
    const blockBox = (await block.boundingBox())!;
    const busyBox = (await busy.boundingBox())!;
    const targetBox = (await target.boundingBox())!;
    await block.dragTo(target, {
      sourcePosition: { x: 4, y: blockBox.height / 2 },
      targetPosition: { x: busyBox.x - targetBox.x + 4, y: targetBox.height / 2 },
    });
  };
  const dialog = page.getByRole('dialog', { name: 'Schedule anyway?' });

  await drop();
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('[data-warning-code="DOUBLE_BOOKED"]')).toContainText(
    `Jake Sullivan is already booked ${clockTime(busyStart)}–${clockTime(busyStart + jakes.duration * 1000)}.`,
  );
  await dialog.getByRole('button', { name: 'Put it back' }).click();
  await expect(dialog).toBeHidden();
  // Nothing was queued or sent: the block is where it was, and so is the appointment on the server.
  await expect(syncIndicator(page)).toHaveAttribute('data-pending', '0');
  await expect(page.locator(`[data-tech-id="u-tech8"] [data-appointment-id="${before.id}"]`)).toBeVisible();
  await expect(page.locator(`[data-tech-id="u-tech2"] [data-appointment-id="${before.id}"]`)).toHaveCount(0);
  expect((await api.appointments(jobId))[0]).toMatchObject({ user_id: 'u-tech8', time: before.time });
  expect(await overruled(serverUrl, jobId)).toEqual([]);

  await drop();
  await settled(dialog);
  await dialog.getByRole('button', { name: 'Schedule anyway' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator(`[data-tech-id="u-tech2"] [data-appointment-id="${before.id}"]`)).toBeVisible({
    timeout: 5_000,
  });
  await expect.poll(async () => (await api.appointments(jobId))[0].user_id).toBe('u-tech2');
  await expect
    .poll(() => overruled(serverUrl, jobId))
    .toEqual([`Scheduled anyway: double-booked Jake Sullivan at ${clockTime(busyStart)}`]);

  // The dispatcher reads it in the job's activity too.
  await page.locator(`[data-appointment-id="${before.id}"]`).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator(`[data-job-drawer="${jobId}"]`)).toContainText(
    `Scheduled anyway: double-booked Jake Sullivan at ${clockTime(busyStart)}`,
  );
});

test('the keyboard path asks the same question', async ({ page, serverUrl }) => {
  const api = await Api.signIn(serverUrl);
  const jobId = 'job-1016'; // Chris (u-tech3), tomorrow 8:00–9:30 AM.
  const [visit] = await api.appointments(jobId);
  // Book Chris right after it, through the REST API (which records its own warnings and never refuses).
  const token = await signInToken(serverUrl);
  const booked = await fetch(`${serverUrl}/v3/appointments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      appointment: {
        job_id: 'job-1010',
        user_id: 'u-tech3',
        time: new Date(Date.parse(visit.time) + 90 * 60_000).toISOString(),
        duration: 3600,
      },
    }),
  });
  expect(booked.status).toBe(201);

  await openBoard(page, serverUrl);
  await showTomorrow(page);
  await expect(page.locator('[data-tech-id="u-tech3"] [data-job-id="job-1010"]')).toBeVisible();
  const block = page.locator(`[data-appointment-id="${visit.id}"]`);
  const dialog = page.getByRole('dialog', { name: 'Schedule anyway?' });

  // 15 minutes later overlaps the next visit by 15 minutes.
  await block.focus();
  await page.keyboard.press('ArrowRight');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('[data-warning-code="DOUBLE_BOOKED"]')).toContainText(
    'Chris Park is already booked 9:30 AM–10:30 AM.',
  );
  // Focus starts on "Put it back", so Enter takes the safe way.
  await expect(dialog.getByRole('button', { name: 'Put it back' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(block).toBeFocused();
  await expect(syncIndicator(page)).toHaveAttribute('data-pending', '0');
  expect((await api.appointments(jobId))[0].time).toBe(visit.time);

  await page.keyboard.press('ArrowRight');
  await settled(dialog);
  await dialog.getByRole('button', { name: 'Schedule anyway' }).click();
  await expect
    .poll(async () => Date.parse((await api.appointments(jobId))[0].time))
    .toBe(Date.parse(visit.time) + 15 * 60_000);
  await expect
    .poll(() => overruled(serverUrl, jobId))
    .toEqual(['Scheduled anyway: double-booked Chris Park at 8:15 AM']);
  await expect(block).toBeFocused();
});

async function signInToken(serverUrl: string): Promise<string> {
  const response = await fetch(`${serverUrl}/v3/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username: 'dispatcher@demo.test', password: PASSWORD }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

test('the schedule form asks too, and stays open after "Put it back"', async ({ page, serverUrl }) => {
  await openBoard(page, serverUrl);
  const api = await Api.signIn(serverUrl);
  await page.getByRole('button', { name: "Schedule Washer won't spin" }).click();
  const form = page.getByRole('dialog', { name: 'Schedule appointment' });
  await expect(form).toBeVisible();
  // Luis does not repair appliances, whatever the time.
  await form.getByRole('combobox', { name: 'Technician' }).fill('Luis');
  await page.getByRole('option', { name: 'Luis Herrera' }).click();
  await form.getByRole('button', { name: 'Schedule', exact: true }).click();

  const dialog = page.getByRole('dialog', { name: 'Schedule anyway?' });
  await expect(dialog.locator('[data-warning-code="MISSING_SKILLS"]')).toContainText(
    'Luis Herrera lacks Appliance repair.',
  );
  await dialog.getByRole('button', { name: 'Put it back' }).click();
  await expect(dialog).toBeHidden();
  await expect(form).toBeVisible();
  await expect(syncIndicator(page)).toHaveAttribute('data-pending', '0');
  expect(await api.appointments('job-1010')).toEqual([]);

  await form.getByRole('button', { name: 'Schedule', exact: true }).click();
  await settled(dialog);
  await dialog.getByRole('button', { name: 'Schedule anyway' }).click();
  await expect(form).toBeHidden();
  await expect.poll(async () => (await api.appointments('job-1010')).map((a) => a.user_id)).toEqual(['u-tech1']);
  // The suggested start depends on the hour the test runs, so other warnings may come with the skills one.
  await expect
    .poll(() => overruled(serverUrl, 'job-1010'))
    .toEqual([expect.stringMatching(/^Scheduled anyway: (.+; )?Luis Herrera lacks Appliance repair$/)]);
});
