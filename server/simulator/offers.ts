import type { Rng } from './rng';

const FIRST_NAMES = [
  'Alicia',
  'Brandon',
  'Carmen',
  'Derek',
  'Elena',
  'Felix',
  'Grace',
  'Hugo',
  'Irene',
  'Jamal',
  'Keisha',
  'Lorenzo',
  'Monica',
  'Nathan',
  'Patricia',
  'Quinn',
  'Rosa',
  'Sergio',
  'Tanya',
  'Victor',
];
const LAST_NAMES = [
  'Alvarado',
  'Benson',
  'Cho',
  'Dawson',
  'Espinoza',
  'Fischer',
  'Guerrero',
  'Hale',
  'Jimenez',
  'Kowalski',
  'Lambert',
  'Medina',
  'Nakamura',
  'Owens',
  'Quintero',
  'Rios',
  'Sutton',
  'Villarreal',
  'Whitman',
  'Young',
];
const STREETS = [
  'Burnet Rd',
  'S Lamar Blvd',
  'Manchaca Rd',
  'Anderson Mill Rd',
  'Slaughter Ln',
  'William Cannon Dr',
  'Parmer Ln',
  'Cameron Rd',
  'Bee Cave Rd',
  'Brodie Ln',
  'Koenig Ln',
  'Airport Blvd',
];
const PLACES: readonly [city: string, postalCode: string][] = [
  ['Austin', '78704'],
  ['Austin', '78745'],
  ['Austin', '78757'],
  ['Austin', '78759'],
  ['Round Rock', '78664'],
  ['Pflugerville', '78660'],
  ['Cedar Park', '78613'],
  ['Georgetown', '78628'],
];
const PROBLEMS: readonly [title: string, serviceType: string, description: string][] = [
  ['AC not cooling', 'hvac', 'System runs but the house will not get below 80°F.'],
  ['Furnace not igniting', 'hvac', 'Inducer runs, burners never light; three clicks then silence.'],
  ['Thermostat unresponsive', 'hvac', 'Display frozen; system does not react to any setting.'],
  ['Water heater no hot water', 'plumbing', 'Gas water heater pilot will not stay lit.'],
  ['Refrigerator warm', 'appliance', 'Fresh-food section at 50°F; freezer fine.'],
  ['Dishwasher leaking', 'appliance', 'Water on the floor in front of the dishwasher after each run.'],
  ['Outdoor unit making grinding noise', 'hvac', 'Grinding from the condenser fan at start-up.'],
  ['Washer will not drain', 'appliance', 'Water left in the drum; pump hums.'],
  ['Dryer not heating', 'appliance', 'Drum turns, no heat; breaker checked.'],
  ['Ice on the indoor coil', 'hvac', 'Ice on the refrigerant lines at the air handler; airflow weak.'],
];

/** `POST /v3/jobs` body: an offer from the enterprise, with a new customer. */
export function makeOffer(rng: Rng, providerId: string) {
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const [city, postalCode] = rng.pick(PLACES);
  const [title, serviceType, problem] = rng.pick(PROBLEMS);
  const address = {
    street_1: `${rng.int(100, 12999)} ${rng.pick(STREETS)}`,
    city,
    state: 'TX',
    postal_code: postalCode,
    timezone: 'America/Chicago',
  };
  const claim = `AHW-${rng.int(50_000, 99_999)}`;
  return {
    job: {
      title,
      description: `Acme Home Warranty claim ${claim}. ${problem}`,
      service_type: serviceType,
      organization_id: providerId,
      status: 'offered',
      external_ids: [claim],
      address,
      customer: {
        first_name: firstName,
        last_name: lastName,
        email: `${firstName}.${lastName}@example.com`.toLowerCase(),
        phone_numbers: [
          { number: `tel:+1-512-555-01${String(rng.int(0, 99)).padStart(2, '0')}`, primary: true, type: 'mobile' },
        ],
        home_address: address,
      },
    },
  };
}
