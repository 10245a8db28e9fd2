import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

/** The sync server's side of a profile: its process profiles itself (serverChild.ts). */
export interface ServerProfiler {
  startProfile(): Promise<void>;
  stopProfile(file: string): Promise<void>;
}

/**
 * CPU profiles of both sides of a client figure around `work`: the page (CDP Profiler) and the sync server's
 * process. Written to `<dir>/<name>/page/page.cpuprofile` and `<dir>/<name>/server/server.cpuprofile`, so
 * summarizeCpuProfiles can read each folder alone.
 */
export async function profileBoth<T>(
  page: Page,
  server: ServerProfiler,
  dir: string,
  name: string,
  work: () => Promise<T>,
): Promise<{ result: T; page: string; server: string }> {
  const folders = { page: join(dir, name, 'page'), server: join(dir, name, 'server') };
  await mkdir(folders.page, { recursive: true });
  await mkdir(folders.server, { recursive: true });
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await server.startProfile();
    const result = await work();
    await server.stopProfile(join(folders.server, 'server.cpuprofile'));
    const { profile: pageProfile } = await cdp.send('Profiler.stop');
    await writeFile(join(folders.page, 'page.cpuprofile'), JSON.stringify(pageProfile));
    return { result, ...folders };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
