import type { DemoCalendar } from './calendar';
import { ACTORS, NORTHSTAR } from './people';
import type { DemoStory } from './story';

const { acme, dana, marcus, olivia } = ACTORS;

/** Paused, complete and canceled jobs. */
export function closedJobs(story: DemoStory, calendar: DemoCalendar): void {
  const at = calendar.at.bind(calendar);

  // Paused: the last visit ended with a reason that calls for another.
  const inducer = story.offer(
    {
      title: 'Furnace inducer motor noisy',
      serviceType: 'hvac',
      description: 'Rattling from the furnace cabinet at start-up that gets louder each week.',
    },
    at(-3, 13, 0),
  );
  const inducerVisit = story.visit(inducer, 3, at(-1, 9, 0), 120);
  story.accept(inducer, at(-3, 13, 30), dana, inducerVisit);
  story.worked(inducerVisit, 'cr-waiting-for-parts');
  const tuneUp = story.create(
    {
      title: 'Spring AC tune-up',
      serviceType: 'hvac',
      description: 'Maintenance plan visit. Gate code 4417; dog in the back yard.',
    },
    at(-4, 11, 0),
    dana,
  );
  const tuneUpVisit = story.visit(tuneUp, 5, at(-1, 14, 0), 60);
  story.schedule(tuneUpVisit, at(-4, 11, 5), dana);
  story.nobodyHome(tuneUpVisit, 'cr-customer-not-home');
  const compressor = story.offer(
    {
      title: 'Compressor failed — replacement quote',
      serviceType: 'hvac',
      description:
        'Outdoor unit dead; compressor windings shorted according to the previous contractor. Quote needed for Acme approval.',
    },
    at(-4, 9, 0),
  );
  const compressorVisit = story.visit(compressor, 1, at(-2, 13, 0), 120);
  story.accept(compressor, at(-4, 9, 45), marcus, compressorVisit);
  story.worked(compressorVisit, 'cr-acme-authorization');
  const coil = story.offer(
    {
      title: 'Evaporator coil leak',
      serviceType: 'hvac',
      description:
        'Technician from a prior claim found oil stains on the coil; confirm the leak and repair or replace.',
    },
    at(-3, 10, 0),
  );
  const coilVisit = story.visit(coil, 7, at(-1, 8, 0), 180);
  story.accept(coil, at(-3, 10, 40), marcus, coilVisit);
  story.worked(coilVisit, 'cr-follow-up');

  // Complete.
  const capacitor = story.offer(
    {
      title: 'Capacitor failed — outdoor unit humming',
      serviceType: 'hvac',
      description: 'Outdoor unit hums, fan and compressor do not start. Swollen capacitor visible.',
    },
    at(-2, 16, 0),
  );
  const capacitorVisit = story.visit(capacitor, 1, at(-1, 10, 0), 90);
  story.accept(capacitor, at(-2, 16, 20), dana, capacitorVisit);
  story.worked(capacitorVisit, 'cr-repaired');
  const wifiThermostat = story.create(
    {
      title: 'Wi-Fi thermostat install',
      serviceType: 'hvac',
      description: 'Replace two old mercury thermostats with Honeywell T6 Pro units; dispose of the old ones properly.',
    },
    at(-5, 10, 0),
    marcus,
  );
  const wifiVisit = story.visit(wifiThermostat, 7, at(-2, 9, 0), 120);
  story.schedule(wifiVisit, at(-5, 10, 6), marcus);
  story.worked(wifiVisit, 'cr-ready-for-billing');
  const oven = story.offer(
    {
      title: 'Oven door hinge broken',
      serviceType: 'appliance',
      description: 'Frigidaire wall oven door drops open; left hinge snapped.',
    },
    at(-5, 14, 0),
  );
  const ovenVisit = story.visit(oven, 8, at(-3, 13, 0), 90);
  story.accept(oven, at(-5, 14, 30), dana, ovenVisit);
  story.worked(ovenVisit, 'cr-repaired');
  const tankless = story.offer(
    {
      title: 'Tankless water heater error code 11',
      serviceType: 'plumbing',
      description: 'Rinnai shows code 11 (no ignition) several times a day; hot water runs cold mid-shower.',
    },
    at(-5, 9, 0),
  );
  const tanklessFirst = story.visit(tankless, 8, at(-3, 9, 0), 90);
  story.accept(tankless, at(-5, 9, 30), marcus, tanklessFirst);
  story.nobodyHome(tanklessFirst, 'cr-no-show');
  const tanklessSecond = story.visit(tankless, 5, at(-1, 8, 0), 90);
  story.schedule(tanklessSecond, at(-3, 11, 0), marcus);
  story.worked(tanklessSecond, 'cr-repaired');
  const blower = story.create(
    {
      title: 'Blower belt squeal',
      serviceType: 'hvac',
      description: 'Belt-drive blower squeals on start-up. Customer may just want the belt adjusted.',
    },
    at(-4, 15, 0),
    dana,
  );
  const blowerVisit = story.visit(blower, 4, at(-3, 15, 0), 90);
  story.schedule(blowerVisit, at(-4, 15, 4), dana);
  story.worked(blowerVisit, 'cr-follow-up');
  story.completeJob(blower, at(-1, 9, 30), dana);
  const dryer = story.offer(
    {
      title: 'Dryer takes two cycles to dry',
      serviceType: 'appliance',
      description: 'Maytag gas dryer; clothes still damp after a full cycle. Vent is 25 feet long.',
    },
    at(-3, 16, 0),
  );
  const dryerVisit = story.visit(dryer, 2, at(-1, 15, 0), 60);
  story.accept(dryer, at(-3, 16, 30), marcus, dryerVisit);
  story.worked(dryerVisit, 'cr-repaired');

  // Canceled: gray on the board, labelled Canceled.
  const soldHouse = story.create(
    {
      title: 'Attic insulation and duct sealing',
      serviceType: 'hvac',
      description: 'Quote for blown-in insulation and sealing the attic ducts.',
    },
    at(-3, 11, 0),
    dana,
  );
  story.cancel(soldHouse, 'Customer sold the house', at(-2, 8, 45), dana);
  const denied = story.offer(
    {
      title: 'Heat strip not working',
      serviceType: 'hvac',
      description: 'Auxiliary heat never engages; house cannot get above 64°F on cold mornings.',
    },
    at(-2, 10, 0),
  );
  story.accept(denied, at(-2, 10, 30), marcus, story.visit(denied, 7, at(1, 15, 0), 90));
  story.cancel(denied, 'Claim denied: unit is outside warranty coverage', at(-1, 11, 20), acme);
  const otherContractor = story.create(
    {
      title: 'Second-floor zoning consultation',
      serviceType: 'hvac',
      description: 'Add a zone damper system for the upstairs bedrooms.',
    },
    at(-2, 16, 0),
    marcus,
  );
  story.schedule(story.visit(otherContractor, 3, at(2, 9, 0), 120), at(-2, 16, 5), marcus);
  story.cancel(otherContractor, 'Customer went with another contractor', at(-1, 10, 40), marcus);
}

/** Northstar's board: Acme sends it work too, but CoolAir never sees any of it. */
export function northstarJobs(story: DemoStory, calendar: DemoCalendar): void {
  const at = calendar.at.bind(calendar);
  const ago = calendar.ago.bind(calendar);

  // Northstar's board: Acme sends it work too, but CoolAir never sees any of it.
  story.offer(
    {
      title: 'Range hood fan inoperative',
      serviceType: 'appliance',
      description: 'Broan range hood light works, fan does not run on any speed.',
    },
    ago(45),
    NORTHSTAR,
  );
  const nsWasher = story.create(
    {
      title: 'Front-loader drum bearing noise',
      serviceType: 'appliance',
      description: 'Roaring noise during spin; drum has play when rocked by hand.',
    },
    at(-1, 12, 0),
    olivia,
    NORTHSTAR,
  );
  story.schedule(story.visit(nsWasher, 'hector', at(1, 9, 0), 90), at(-1, 12, 5), olivia);
  const nsMicrowave = story.offer(
    {
      title: 'Microwave door switch failed',
      serviceType: 'appliance',
      description: 'Built-in microwave: turntable and light come on, no heating.',
    },
    at(-1, 9, 0),
    NORTHSTAR,
  );
  story.accept(nsMicrowave, at(-1, 9, 30), olivia);
  const nsIceMaker = story.create(
    {
      title: 'Ice maker water line leak',
      serviceType: 'appliance',
      description: 'Water on the kitchen floor behind the refrigerator; saddle valve dripping.',
    },
    at(-4, 15, 0),
    olivia,
    NORTHSTAR,
  );
  const nsVisit = story.visit(nsIceMaker, 'hector', at(-3, 13, 0), 60);
  story.schedule(nsVisit, at(-4, 15, 5), olivia);
  story.worked(nsVisit, 'cr-repaired');
}
