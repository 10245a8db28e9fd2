import { DEFAULT_COMPLETE_REASONS } from '../domain';
import type { ServerContext } from './context';
import type { Directory } from './directory';
import { DemoCalendar } from './demoData/calendar';
import { ACME_AUTHORIZATION_REASON, COOLAIR, DEMO_ORGANIZATIONS, DEMO_USERS } from './demoData/people';
import { demoProfiles } from './demoData/profiles';
import { tellDemoStory } from './demoData/scenario';
import { DemoScript } from './demoData/script';
import { writeCompleteReason, writeOrganization, writeUser } from './referenceData';

export { SEED_PARTS_JOB_ID } from './demoData/scenario';
export { DEMO_TIME_ZONE } from './demoData/calendar';

export const DEMO_PASSWORD = 'demo1234';

/** Every demo account (all share DEMO_PASSWORD), as main.ts prints them at start-up. */
export const DEMO_LOGINS: { email: string; description: string }[] = DEMO_USERS.map((user) => ({
  email: user.email,
  description: user.description,
}));

export function isDemoLoaded(directory: Directory): boolean {
  return directory.organization(COOLAIR) !== undefined;
}

/**
 * Loads the demo network: Acme Home Warranty sending work to CoolAir Heating & Cooling (8 technicians,
 * two dispatchers, ~50 jobs in every status) and to Northstar Appliance Repair. Idempotent: returns
 * false and writes nothing when the demo provider (`org-coolair`) already exists. Everything goes through the same
 * writers and command pipeline as real use, so the demo has a true change log and activity history.
 */
export async function loadDemo(context: ServerContext): Promise<boolean> {
  if (isDemoLoaded(context.directory)) return false;
  // One scrypt hash shared by every demo account: hashing costs up to seconds each by design, and a salt
  // per account protects nothing when all of them have the same published password.
  const passwordHash = await context.passwords.hash(DEMO_PASSWORD);
  const calendar = new DemoCalendar(context.clock());
  const profiles = demoProfiles(calendar);
  const loading = await context.pipeline.write(async (tx) => {
    // Asked again inside the write: server processes sharing a database may start on it empty together, and
    // a write transaction sees every commit before it (the directory caught up with other processes).
    if (isDemoLoaded(context.directory)) return false;
    // Organizations first: a reason or user written later is appended to the change logs that exist.
    for (const organization of DEMO_ORGANIZATIONS) await writeOrganization(tx, context.directory, organization);
    for (const reason of [...DEFAULT_COMPLETE_REASONS, ACME_AUTHORIZATION_REASON])
      await writeCompleteReason(tx, context.directory, reason);
    for (const { description: _printed, ...user } of DEMO_USERS)
      await writeUser(tx, context.directory, { ...user, ...profiles.get(user.id), version: 0, passwordHash });
    return true;
  });
  if (!loading) return false;
  const script = new DemoScript(context.pipeline);
  tellDemoStory(script, calendar);
  await script.finish();
  return true;
}
