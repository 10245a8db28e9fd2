import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

/**
 * CPU profiles of both sides of a client figure around `work`: the page (CDP Profiler) and this process, which
 * runs the sync server (node:inspector). Written to `<dir>/<name>/page/page.cpuprofile` and
 * `<dir>/<name>/server/server.cpuprofile`, so summarizeCpuProfiles can read each folder alone.
 */
export async function profileBoth<T>(
  page: Page,
  dir: string,
  name: string,
  work: () => Promise<T>,
): Promise<{ result: T; page: string; server: string }> {
  const cdp = await page.context().newCDPSession(page);
  const inspector = new Session();
  inspector.connect();
  try {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await inspector.post('Profiler.start');
    const result = await work();
    const { profile: serverProfile } = await inspector.post('Profiler.stop');
    const { profile: pageProfile } = await cdp.send('Profiler.stop');
    const folders = { page: join(dir, name, 'page'), server: join(dir, name, 'server') };
    await mkdir(folders.page, { recursive: true });
    await mkdir(folders.server, { recursive: true });
    await writeFile(join(folders.page, 'page.cpuprofile'), JSON.stringify(pageProfile));
    await writeFile(join(folders.server, 'server.cpuprofile'), JSON.stringify(serverProfile));
    return { result, ...folders };
  } finally {
    inspector.disconnect();
    await cdp.detach().catch(() => undefined);
  }
}
