import { expect, test } from 'vitest';
import { MAX_COALESCED_PULL, MAX_PULL, type Hello } from '../../../../domain/protocol';
import type { SyncMeta } from '../../../../renderer/data/db';
import { activityWindow, anyZoneWindow } from '../../../../renderer/sync/activityWindow';
import { NOTHING_OFFERED, pageShape, pullOfferOf, pullRequest } from '../../../../renderer/sync/pullOffer';

/** 21:00 in Chicago on a March Tuesday: already Wednesday in UTC. */
const NOW = Date.UTC(2031, 2, 19, 2);
const CHICAGO = { timeZone: 'America/Chicago' };
const chicago = async () => CHICAGO;

const hello = (fields: Partial<Hello>): Hello => ({ head: 50_000, protocol: 1, ...fields }) as Hello;
const offered: Partial<Hello> = {
  coalescedPull: true,
  maxCoalescedPull: MAX_COALESCED_PULL,
  jobActivity: true,
  activityAround: true,
  organizationId: 'org-coolair',
};
const today = pullOfferOf(hello({ ...offered, timeZone: 'America/Chicago' }));
/** A server from before the hello said the office's zone. */
const zoneless = pullOfferOf(hello(offered));
const meta = { cursor: 120, serverId: 'server-1' } as SyncMeta;

test('near the head a page is the plain page, whatever the server offers', async () => {
  let read = 0;
  const counted = async () => (read++, CHICAGO);
  expect(await pageShape(today, 10_000, counted, {}, NOW)).toEqual({ limit: MAX_PULL });
  // Every pull near the head, the idle ones too: no read of the office's row.
  expect(read).toBe(0);
  expect(pullRequest(meta, MAX_PULL, today)).toEqual({
    cursor: 120,
    limit: MAX_PULL,
    serverId: 'server-1',
    coalesce: true,
  });
});

test("far behind: the server's largest page, and the office's window from the hello's zone", async () => {
  let read = 0;
  const counted = async () => (read++, { timeZone: 'Asia/Kolkata' });
  // A first sign-in holds no row yet, and a cached row may be older than the hello: the hello's zone counts.
  expect(await pageShape(today, 10_001, counted, {}, NOW)).toEqual({
    limit: MAX_COALESCED_PULL,
    far: { window: activityWindow(NOW, CHICAGO) },
  });
  expect(read).toBe(0);
  const window = activityWindow(NOW, CHICAGO);
  expect(pullRequest(meta, MAX_COALESCED_PULL, today, window)).toMatchObject({
    coalesce: true,
    activityAround: window,
  });
  // A lower threshold of the caller's own.
  expect((await pageShape(today, 500, chicago, { farBehind: 100 }, NOW)).far).toBeDefined();
});

test("far behind, from a server whose hello does not say the zone: the cached office's window", async () => {
  expect(await pageShape(zoneless, 10_001, chicago, {}, NOW)).toEqual({
    limit: MAX_COALESCED_PULL,
    far: { window: activityWindow(NOW, CHICAGO) },
  });
  // A zone the console's clock does not know is as good as none (it would throw when the window is cut).
  const unknown = pullOfferOf(hello({ ...offered, timeZone: 'Mars/Olympus_Mons' }));
  expect(unknown.timeZone).toBeUndefined();
  expect(await pageShape(unknown, 10_001, chicago, {}, NOW)).toEqual(
    await pageShape(zoneless, 10_001, chicago, {}, NOW),
  );
});

test('far behind on a first sign-in to such a server: asked wide, to be cut with the organization the hello named', async () => {
  expect(await pageShape(zoneless, 40_000, async () => undefined, {}, NOW)).toEqual({
    limit: MAX_COALESCED_PULL,
    far: { window: anyZoneWindow(NOW), office: { organizationId: 'org-coolair', now: NOW } },
  });
  // The hello's zone spares the wide page: the office's three days, not UTC's five.
  expect((await pageShape(today, 40_000, async () => undefined, {}, NOW)).far).toEqual({
    window: activityWindow(NOW, CHICAGO),
  });
});

test('an older server is asked only what it answers', async () => {
  // No jobActivity: it cannot fetch a job's left-out activity later, so nothing is left out.
  const plain = pullOfferOf(hello({ coalescedPull: true, maxCoalescedPull: MAX_COALESCED_PULL }));
  expect(await pageShape(plain, 40_000, chicago, {}, NOW)).toEqual({ limit: MAX_COALESCED_PULL });
  // No coalesced pulls: neither the field nor a large page, nor activityAround (which needs them).
  const oldest = pullOfferOf(hello({ jobActivity: true, activityAround: true }));
  expect(oldest).toMatchObject({ coalesce: false, activityAround: false, maxCoalescedPull: undefined });
  const shape = await pageShape(oldest, 40_000, chicago, {}, NOW);
  expect(shape.limit).toBe(MAX_PULL);
  expect(pullRequest(meta, shape.limit, oldest, shape.far?.window)).toEqual({
    cursor: 120,
    limit: MAX_PULL,
    serverId: 'server-1',
  });
  expect(pullRequest({ cursor: 0 } as SyncMeta, 10, NOTHING_OFFERED)).toEqual({ cursor: 0, limit: 10 });
});
