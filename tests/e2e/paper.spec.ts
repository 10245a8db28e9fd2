import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { openBoard, showJobs } from './helpers';

/** RFC 4180 lines into cells (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index++;
    } else cell += char;
  }
  return rows;
}

test('Export CSV downloads exactly the rows the filters show, in their order, with a header row', async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  await showJobs(page);
  await page.getByRole('group', { name: 'Filter by status' }).getByText('Scheduled', { exact: true }).click();
  const count = page.getByTestId('jobs-count');
  await expect(count).toHaveText(/^\d+ of \d+ jobs$/);
  const [shown] = /^\d+/.exec((await count.textContent())!)!.map(Number);
  const listed = await page
    .locator('[role="row"][data-job-id]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-job-id')));
  expect(listed.length).toBeGreaterThan(0);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^jobs-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = (await readFile((await file.path())!, 'utf8')).replace(/^\ufeff/, '');
  const [header, ...lines] = parseCsv(text);
  expect(header).toEqual([
    'Job id',
    'Status',
    'Job',
    'Customer',
    'Street',
    'City',
    'Service type',
    'Next appointment',
    'Technician',
    'Provider',
    'Created',
  ]);
  expect(lines).toHaveLength(shown);
  expect(lines.map((line) => line[0]).slice(0, listed.length)).toEqual(listed);
  for (const line of lines) {
    expect(line[1]).toBe('Scheduled');
    expect(line[7]).toMatch(/^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2} (AM|PM)$/);
  }
});

test('Print day: in print, a page per technician with the visits of the board in time order, and nothing else', async ({
  page,
  serverUrl,
}) => {
  await openBoard(page, serverUrl);
  // The system dialog is not part of the test: count the calls instead.
  await page.evaluate(() => {
    const counted = window as unknown as { printed: number };
    counted.printed = 0;
    window.print = () => void counted.printed++;
  });
  await page.getByRole('button', { name: 'Print day' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  // What the board shows of each technician today.
  const onBoard = await page
    .locator('[data-tech-id]')
    .evaluateAll((lanes) =>
      Object.fromEntries(
        lanes
          .map((lane) => [
            lane.getAttribute('data-tech-id')!,
            [...lane.querySelectorAll('[data-appointment-id]')].map((block) =>
              block.getAttribute('data-appointment-id'),
            ),
          ])
          .filter(([, blocks]) => blocks.length > 0),
      ),
    );
  const sheet = page.locator('[data-print-day]');
  await expect(sheet).toBeHidden();

  await page.emulateMedia({ media: 'print' });
  await expect(sheet).toBeVisible();
  await expect(page.locator('[data-board]')).toBeHidden();
  const sections = sheet.locator('section[data-print-technician]');
  await expect(sections.first()).toBeVisible();
  const printed = await sections.evaluateAll((all) =>
    all.map((section) => ({
      technicianId: section.getAttribute('data-print-technician')!,
      heading: section.querySelector('h1')!.textContent,
      starts: [...section.querySelectorAll('[data-print-visit]')].map((row) => Number(row.getAttribute('data-start'))),
      visits: [...section.querySelectorAll('[data-print-visit]')].map((row) => row.getAttribute('data-print-visit')),
      cells: [...section.querySelectorAll('[data-print-visit]')].map((row) => row.querySelectorAll('td').length),
    })),
  );
  const technicianLanes = Object.keys(onBoard).filter((id) => id !== 'unassigned' && id !== '');
  expect(printed.map((section) => section.technicianId).sort()).toEqual(technicianLanes.sort());
  for (const section of printed) {
    expect(section.heading).toBeTruthy();
    expect(section.starts).toEqual([...section.starts].sort((a, b) => a - b));
    expect(new Set(section.visits)).toEqual(new Set(onBoard[section.technicianId]));
    expect(section.cells.every((count) => count === 6)).toBe(true);
  }
  // Page breaks between technicians.
  expect(await sections.first().evaluate((section) => getComputedStyle(section).breakAfter)).toBe('page');
  await page.screenshot({ path: test.info().outputPath('print-day.png'), fullPage: true });
});
