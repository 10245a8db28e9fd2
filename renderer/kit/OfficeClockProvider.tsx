import { useLiveQuery } from 'dexie-react-hooks';
import { Fragment, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { officeTimeZone } from '../../domain';
import { officeZone, setOfficeZone, subscribeOfficeZone } from './officeClock';
import { useConsole } from './SyncProvider';

/** How long a console whose cache lacks its organization waits for the first pull before using the default zone. */
const FIRST_PULL_WAIT_MS = 5_000;

/**
 * Keeps the office clock on the signed-in user's organization's zone, from its synced row, so a dispatcher
 * changing the zone moves every screen at once. Children render only once the zone is known (the cached
 * row, or the first pull's; after a few seconds without either, the default zone): the board's first day is "today" in the office, which the machine's clock
 * cannot say.
 */
export function OfficeClockProvider({
  children,
  fallback,
  waiting = fallback,
}: {
  children: ReactNode;
  /** While the cached row is being read (a moment at every start). */
  fallback: ReactNode;
  /** While the first pull is awaited for a row the cache lacks (a first sign-in). */
  waiting?: ReactNode;
}) {
  const { client, session } = useConsole();
  const organizationId = session.user.organizationId;
  // null: read, and not in the cache (yet); undefined: still reading.
  const organization = useLiveQuery(
    async () => (await client.db.organizations.get(organizationId)) ?? null,
    [client, organizationId],
  );
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWaited(true), FIRST_PULL_WAIT_MS);
    return () => clearTimeout(timer);
  }, []);
  // The organization comes with the first pull; only a console that cannot reach the server goes on without it.
  const known = organization !== undefined && (organization !== null || waited);
  const zone = known ? officeTimeZone(organization ?? undefined) : undefined;
  // Set while rendering, not in an effect: the children about to render already read the new zone.
  if (zone !== undefined && zone !== officeZone()) setOfficeZone(zone);
  if (zone === undefined) return <>{organization === null ? waiting : fallback}</>;
  // Started on the default zone and the organization arrived late: start again, so "today" is the office's.
  return <Fragment key={organization ? 'office' : 'default'}>{children}</Fragment>;
}

/** The office's zone, re-rendering the caller when it changes (views key on it to redraw every time they show). */
export function useOfficeZone(): string {
  return useSyncExternalStore(subscribeOfficeZone, officeZone);
}
