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
const today = pullOfferOf(
  hello({
    coalescedPull: true,
    maxCoalescedPull: MAX_COALESCED_PULL,
    jobActivity: true,
    activityAround: true,
    organizationId: 'org-coolair',
  }),
);
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

test("far behind: the server's largest page, and the office's window once its zone is known", async () => {
  expect(await pageShape(today, 10_001, chicago, {}, NOW)).toEqual({
    limit: MAX_COALESCED_PULL,
    far: { window: activityWindow(NOW, CHICAGO) },
  });
  const window = activityWindow(NOW, CHICAGO);
  expect(pullRequest(meta, MAX_COALESCED_PULL, today, window)).toMatchObject({
    coalesce: true,
    activityAround: window,
  });
  // A lower threshold of the caller's own.
  expect((await pageShape(today, 500, chicago, { farBehind: 100 }, NOW)).far).toBeDefined();
});

test('far behind on a first sign-in: asked wide, to be cut with the organization the hello named', async () => {
  expect(await pageShape(today, 40_000, async () => undefined, {}, NOW)).toEqual({
    limit: MAX_COALESCED_PULL,
    far: { window: anyZoneWindow(NOW), office: { organizationId: 'org-coolair', now: NOW } },
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
