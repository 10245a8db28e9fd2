import { DEMO_TIME_ZONE } from './calendar';
import { fullName, type Actor, type CompleteReason, type Organization, type User } from '../../domain';

/** Ids other tests and the end-to-end suite rely on: change them only together with those. */
export const ACME = 'org-acme-warranty';
export const COOLAIR = 'org-coolair';
export const NORTHSTAR = 'org-northstar';

export const DEMO_ORGANIZATIONS: readonly Organization[] = [
  { id: ACME, name: 'Acme Home Warranty', kind: 'enterprise', timeZone: 'America/New_York', version: 0 },
  // The providers work Austin, TX (the demo's city), so their offices keep Central Time.
  { id: COOLAIR, name: 'CoolAir Heating & Cooling', kind: 'provider', timeZone: DEMO_TIME_ZONE, version: 0 },
  { id: NORTHSTAR, name: 'Northstar Appliance Repair', kind: 'provider', timeZone: DEMO_TIME_ZONE, version: 0 },
];

/** Acme's own pausing reason: a warranty company must approve costly repairs before they are done. */
export const ACME_AUTHORIZATION_REASON: CompleteReason = {
  id: 'cr-acme-authorization',
  sourceId: ACME,
  label: 'Awaiting Warranty Authorization',
  effect: 'pause',
};

type DemoUser = Omit<User, 'version'> & { description: string };

const ORGANIZATION_NAMES = Object.fromEntries(
  DEMO_ORGANIZATIONS.map((organization) => [organization.id, organization.name]),
);

/** A demo account; its description is the line printed beside the login at start-up. */
function user(
  id: string,
  email: string,
  [firstName, lastName]: [string, string],
  role: User['roles'][number],
  organizationId: string,
  phoneNumber: string,
  note?: string,
): DemoUser {
  const description = `${firstName} ${lastName} — ${role}, ${ORGANIZATION_NAMES[organizationId]}${note ? ` (${note})` : ''}`;
  return { id, email, firstName, lastName, roles: [role], organizationId, phoneNumber, description };
}

const TECHNICIANS: [string, string][] = [
  ['Luis', 'Herrera'],
  ['Jake', 'Sullivan'],
  ['Chris', 'Park'],
  ['Aisha', 'Johnson'],
  ['Ben', 'Carter'],
  ['Ravi', 'Patel'],
  ['Megan', "O'Neil"],
  ['Darnell', 'Brooks'],
];

export const DEMO_USERS: readonly DemoUser[] = [
  user('u-dispatcher', 'dispatcher@demo.test', ['Dana', 'Whitfield'], 'dispatcher', COOLAIR, 'tel:+1-512-555-0180'),
  user('u-dispatcher2', 'dispatcher2@demo.test', ['Marcus', 'Lee'], 'dispatcher', COOLAIR, 'tel:+1-512-555-0181'),
  ...TECHNICIANS.map((name, index) =>
    user(
      `u-tech${index + 1}`,
      `tech${index + 1}@demo.test`,
      name,
      'technician',
      COOLAIR,
      `tel:+1-737-555-01${11 + index}`,
      'mobile app and REST API',
    ),
  ),
  user(
    'u-enterprise',
    'enterprise@demo.test',
    ['Priya', 'Raman'],
    'enterprise',
    ACME,
    'tel:+1-512-555-0190',
    'sends job offers',
  ),
  user(
    'u-other',
    'other@demo.test',
    ['Olivia', 'Grant'],
    'dispatcher',
    NORTHSTAR,
    'tel:+1-512-555-0191',
    'a second provider',
  ),
  user('u-other-tech1', 'other-tech1@demo.test', ['Hector', 'Ruiz'], 'technician', NORTHSTAR, 'tel:+1-737-555-0121'),
];

export function actorOf(userId: string, source: Actor['source']): Actor {
  const found = DEMO_USERS.find((candidate) => candidate.id === userId);
  if (!found) throw new Error(`No demo user ${userId}.`);
  return {
    userId: found.id,
    name: fullName(found),
    role: found.roles[0],
    organizationId: found.organizationId,
    source,
  };
}

/** The people who act in the demo's history, each from where they would really act. */
export const ACTORS = {
  acme: actorOf('u-enterprise', 'integration'),
  dana: actorOf('u-dispatcher', 'console'),
  marcus: actorOf('u-dispatcher2', 'console'),
  olivia: actorOf('u-other', 'console'),
  hector: actorOf('u-other-tech1', 'mobile'),
  tech: (n: number) => actorOf(`u-tech${n}`, 'mobile'),
};
