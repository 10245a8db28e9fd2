import { MAX_PULL, type Hello, type PullRequest } from '../../domain/protocol';
import { isKnownTimeZone, type Organization } from '../../domain';
import type { SyncMeta } from '../data/db';
import { activityWindow, anyZoneWindow, type ActivityWindow, type FarPage } from './activityWindow';

/**
 * What this connection's server offers for pulls, as its hello says. An older server says less, and a
 * console asks it only what it answers (a field it does not know would be refused).
 */
export interface PullOffer {
  /** Coalesced pulls (each entity's last value in the page). */
  coalesce: boolean;
  /** The largest coalesced page it takes, for a catch-up far behind. */
  maxCoalescedPull: number | undefined;
  /** It answers `jobActivity`: a far catch-up may leave activity on it. */
  jobActivity: boolean;
  /** It leaves out the activity outside a far catch-up's window itself (`activityAround`). */
  activityAround: boolean;
  /** The signed-in user's organization, whose row gives the office's zone. */
  organizationId: string | undefined;
  /** The office's zone as the hello says it (absent from older servers, and ignored when not a zone). */
  timeZone: string | undefined;
}

/** Before any hello: nothing beyond the plain pull. */
export const NOTHING_OFFERED: PullOffer = {
  coalesce: false,
  maxCoalescedPull: undefined,
  jobActivity: false,
  activityAround: false,
  organizationId: undefined,
  timeZone: undefined,
};

export function pullOfferOf(hello: Hello): PullOffer {
  const coalesce = hello.coalescedPull === true;
  return {
    coalesce,
    maxCoalescedPull: coalesce ? hello.maxCoalescedPull : undefined,
    jobActivity: hello.jobActivity === true,
    activityAround: coalesce && hello.activityAround === true,
    organizationId: hello.organizationId,
    timeZone: typeof hello.timeZone === 'string' && isKnownTimeZone(hello.timeZone) ? hello.timeZone : undefined,
  };
}

/** How the next page is asked for; `far` set for a page of a catch-up far behind. */
export interface PageShape {
  limit: number;
  far?: Omit<FarPage, 'left'>;
}

/**
 * Far behind (more than `farBehind` seqs, 10,000 by default) and to a server that offers it: pages as large as
 * the server takes (an entity changed all along the log is written once or twice, not once per page) and
 * activity only for the jobs around today (docs/ARCHITECTURE.md §3b), left out by the server when it can
 * (`activityAround`), else by the console. The office's days are the hello's zone's; from a server whose hello
 * does not say it, the cached row's (`readOffice`), if any yet.
 */
export async function pageShape(
  offer: PullOffer,
  behind: number,
  readOffice: () => Promise<Pick<Organization, 'timeZone'> | undefined>,
  { pullLimit = MAX_PULL, farBehind = 10_000 }: { pullLimit?: number; farBehind?: number },
  now = Date.now(),
): Promise<PageShape> {
  const far = behind > farBehind;
  const limit = far && offer.maxCoalescedPull ? Math.max(pullLimit, offer.maxCoalescedPull) : pullLimit;
  if (!far || !offer.jobActivity) return { limit };
  if (offer.timeZone) return { limit, far: { window: activityWindow(now, { timeZone: offer.timeZone }) } };
  // Read only for a far page: every pull near the head (the idle ones too) would pay for it otherwise.
  const organization = await readOffice();
  if (organization) return { limit, far: { window: activityWindow(now, organization) } };
  // A first sign-in to an older server does not know its office's zone yet: ask wide, and cut on the console
  // once the page's organization row tells the zone (activityWindow.ts, `officeWindow`).
  return { limit, far: { window: anyZoneWindow(now), office: { organizationId: offer.organizationId, now } } };
}

/** The pull for the page after `meta`'s cursor, of at most `limit` changes, asking only what `offer` answers. */
export function pullRequest(meta: SyncMeta, limit: number, offer: PullOffer, window?: ActivityWindow): PullRequest {
  return {
    cursor: meta.cursor,
    limit,
    ...(meta.serverId ? { serverId: meta.serverId } : {}),
    ...(offer.coalesce ? { coalesce: true } : {}),
    ...(window && offer.activityAround ? { activityAround: window } : {}),
  };
}
