import type { Customer, Location } from '../../domain';
import { DEMO_TIME_ZONE } from './calendar';

export type CustomerInput = Omit<Customer, 'organizationId' | 'version'>;

type Household = [
  firstName: string,
  lastName: string,
  street1: string,
  city: string,
  postalCode: string,
  street2?: string,
];

/** Households around Austin, TX. Phone numbers are in 555-01xx, the range reserved for fiction. */
const HOUSEHOLDS: readonly Household[] = [
  ['Maria', 'Gonzalez', '4512 Avenue H', 'Austin', '78751'],
  ['James', 'Whitaker', '1807 W 35th St', 'Austin', '78703'],
  ['Linda', 'Nguyen', '9301 Brodie Ln', 'Austin', '78748', 'Apt 214'],
  ['Robert', 'Castillo', '2204 Enfield Rd', 'Austin', '78703'],
  ['Susan', 'Miller', '6108 Shoal Creek Blvd', 'Austin', '78757'],
  ['David', 'Okafor', '11400 Jollyville Rd', 'Austin', '78759', 'Unit 9'],
  ['Karen', 'Schultz', '1502 Sam Bass Rd', 'Round Rock', '78681'],
  ['Michael', 'Tran', '812 Pecan St', 'Pflugerville', '78660'],
  ['Jennifer', 'Alvarez', '3906 Manchaca Rd', 'Austin', '78704'],
  ['William', 'Foster', '2710 Whitestone Blvd', 'Cedar Park', '78613'],
  ['Patricia', 'Reyes', '5403 Burnet Rd', 'Austin', '78756'],
  ['Thomas', 'Bennett', '1119 Williams Dr', 'Georgetown', '78628'],
  ['Angela', 'Kim', '7702 Great Hills Trl', 'Austin', '78759'],
  ['Daniel', 'Moreno', '2405 Gattis School Rd', 'Round Rock', '78664'],
  ['Rebecca', 'Hughes', '403 Crystal Falls Pkwy', 'Leander', '78641'],
  ['Steven', 'Delgado', '6500 Slaughter Ln', 'Austin', '78749'],
  ['Laura', 'Chen', '3301 Far West Blvd', 'Austin', '78731'],
  ['Kevin', 'Washington', '1204 Rundberg Ln', 'Austin', '78758'],
  ['Emily', 'Hoffman', '218 Center St', 'Kyle', '78640'],
  ['Carlos', 'Mendoza', '914 Main St', 'Buda', '78610'],
  ['Nancy', 'Price', '1600 Lohmans Crossing', 'Lakeway', '78734'],
  ['Anthony', 'Ramirez', '11020 Parsons St', 'Manor', '78653'],
  ['Heather', 'Collins', '4200 Spicewood Springs Rd', 'Austin', '78759'],
  ['Brian', 'Sandoval', '7310 Cameron Rd', 'Austin', '78752'],
  ['Michelle', 'Turner', '2901 S Congress Ave', 'Austin', '78704', 'Unit B'],
  ['Jason', 'Patel', '8812 Anderson Mill Rd', 'Austin', '78729'],
  ['Kimberly', 'Ward', '1405 Koenig Ln', 'Austin', '78756'],
  ['Eric', 'Vasquez', '5120 Stassney Ln', 'Austin', '78745'],
  ['Amanda', 'Brooks', '12800 Dessau Rd', 'Austin', '78754'],
  ['Gregory', 'Lindqvist', '3415 Mesa Dr', 'Austin', '78731'],
  ['Stephanie', 'Ortiz', '6004 Berkman Dr', 'Austin', '78723'],
  ['Jonathan', 'Reed', '2250 Brushy Creek Rd', 'Cedar Park', '78613'],
  ['Melissa', 'Flores', '904 University Ave', 'Georgetown', '78626'],
  ['Ryan', 'Gallagher', '10406 Wells Branch Pkwy', 'Austin', '78728'],
  ['Nicole', 'Henderson', '1712 Barton Springs Rd', 'Austin', '78704'],
  ['Justin', 'Cruz', '7509 Davis Ln', 'Austin', '78749'],
  ['Rachel', 'Abrams', '4007 Duval Rd', 'Austin', '78759'],
  ['Brandon', 'Lopez', '2601 Montopolis Dr', 'Austin', '78741'],
  ['Samantha', 'Ito', '5805 Escarpment Blvd', 'Austin', '78739'],
  ['Timothy', 'Walsh', '1910 Airport Blvd', 'Austin', '78722'],
  ['Christina', 'Pham', '15100 Howard Ln', 'Austin', '78728'],
  ['Mark', 'Sorensen', '3003 Bee Cave Rd', 'Austin', '78746'],
  ['Olga', 'Petrova', '8600 Braker Ln', 'Austin', '78759'],
  ['Victor', 'Ibarra', '2417 Springdale Rd', 'Austin', '78723'],
  ['Denise', 'Coleman', '4611 William Cannon Dr', 'Austin', '78749'],
  ['Ahmed', 'Hassan', '1302 E Parmer Ln', 'Austin', '78753'],
  ['Teresa', 'Navarro', '702 Riverside Dr', 'Austin', '78704', 'Apt 3108'],
  ['Greg', 'Holloway', '2105 Bluebonnet Ln', 'Marble Falls', '78654'],
  ['Paula', 'Jensen', '9007 N Lamar Blvd', 'Austin', '78753'],
  ['Frank', 'DeLuca', '1515 Round Rock Ave', 'Round Rock', '78681'],
  ['Sofia', 'Martinez', '6205 Manor Rd', 'Austin', '78723'],
  ['Walter', 'Green', '4301 Avenue D', 'Austin', '78751'],
  ['Hannah', 'Whitley', '1008 Grand Ave Pkwy', 'Pflugerville', '78660'],
  ['Omar', 'Farouk', '2700 Hillcrest Dr', 'Round Rock', '78681'],
  ['Beverly', 'Stone', '1418 Rockwood Ln', 'Georgetown', '78628'],
  ['Isaac', 'Goldberg', '505 Cypress Creek Rd', 'Cedar Park', '78613'],
  ['Yolanda', 'Pierce', '3710 Tannehill Ln', 'Austin', '78721'],
  ['Curtis', 'Nakamura', '8104 Mesa Dr', 'Austin', '78759'],
  ['Lorraine', 'Becker', '2213 Parmer Ln', 'Cedar Park', '78613'],
  ['Raymond', 'Oyelaran', '506 Hutto Rd', 'Georgetown', '78626'],
  ['Gloria', 'Estrada', '1711 E 7th St', 'Austin', '78702'],
  ['Dennis', 'Kowalski', '3402 Kerbey Ln', 'Austin', '78703'],
  ['Tanya', 'Whitmore', '12100 Metric Blvd', 'Austin', '78758', 'Apt 1204'],
  ['Luke', 'Abernathy', '904 Old Settlers Blvd', 'Round Rock', '78664'],
  ['Marisol', 'Quintero', '5502 Wellington Dr', 'Austin', '78723'],
  ['Harold', 'Jennings', '210 W Central Dr', 'Georgetown', '78628'],
  ['Priscilla', 'Vaughn', '3309 Hyridge Dr', 'Austin', '78759'],
];

/** What a technician should know before knocking, as customers tell the office: on some households only. */
const DOORSTEP_NOTES: readonly string[] = [
  'Gate code 4417#. Park in the driveway, not on the street.',
  'Friendly dog (Biscuit) in the backyard; please latch the side gate.',
  'Call 10 minutes ahead; works nights and may be asleep.',
  'Unit is in the attic; pull-down ladder in the garage.',
  'Prefers texts to calls. Spanish or English.',
];

export function addressOf(household: Household): Location {
  const [, , street1, city, postalCode, street2] = household;
  return { street1, ...(street2 ? { street2 } : {}), city, state: 'TX', postalCode, timezone: DEMO_TIME_ZONE };
}

/**
 * The n-th demo customer (0-based), with a primary mobile number, an email for most, and a landline
 * for some, as a real customer list looks.
 */
export function demoCustomer(index: number, id: string): CustomerInput {
  const household = HOUSEHOLDS[index % HOUSEHOLDS.length];
  const [firstName, lastName] = household;
  const mobile = `tel:+1-512-555-01${String(index % 100).padStart(2, '0')}`;
  const phoneNumbers: CustomerInput['phoneNumbers'] = [{ number: mobile, primary: true, type: 'mobile' }];
  if (index % 4 === 1)
    phoneNumbers.push({
      number: `tel:+1-737-555-01${String((index + 40) % 100).padStart(2, '0')}`,
      primary: false,
      type: 'home',
    });
  const handle = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
  return {
    id,
    firstName,
    lastName,
    ...(index % 7 === 3 ? {} : { email: `${handle}@example.com` }),
    phoneNumbers,
    homeAddress: addressOf(household),
    ...(index % 5 === 2 ? { notes: DOORSTEP_NOTES[Math.floor(index / 5) % DOORSTEP_NOTES.length] } : {}),
  };
}

export const HOUSEHOLD_COUNT = HOUSEHOLDS.length;

/** The first household in a city (the demo's one out-of-area customer lives in Marble Falls). */
export function householdIn(city: string): number {
  const index = HOUSEHOLDS.findIndex((household) => household[3] === city);
  if (index < 0) throw new Error(`Demo data: no household in ${city}.`);
  return index;
}
