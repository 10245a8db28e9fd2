import type { DemoCalendar } from './calendar';
import { householdIn } from './customers';
import { ACTORS, NORTHSTAR } from './people';
import type { DemoScript } from './script';
import { DemoStory, type JobSpec } from './story';

/** The seed's example: a first visit completed "Waiting For Parts", a second booked to install the part. */
export const SEED_PARTS_JOB_ID = 'job-1029';

const { acme, dana, marcus, olivia } = ACTORS;

/**
 * CoolAir's week, told as the commands that made it: offers waiting, jobs in every status, a board
 * full today and the next days, and a little of Northstar's so tenant isolation shows. Appointment
 * times are fixed wall-clock slots around today (America/Chicago, working hours 8:00–18:00); history
 * lies in the past days or, for today's events, minutes before now.
 */
export function tellDemoStory(script: DemoScript, calendar: DemoCalendar): void {
  const story = new DemoStory(script, calendar);
  const at = calendar.at.bind(calendar);
  const ago = calendar.ago.bind(calendar);

  // Offered: waiting for CoolAir to accept or decline.
  story.offer(
    {
      title: 'AC blowing warm air — upstairs unit',
      serviceType: 'hvac',
      description: 'Upstairs system runs constantly but blows warm air; downstairs unit is fine. 4-ton Trane, installed 2016. Platinum plan, $100 service fee collected.',
      windows: [
        { start: at(1, 8), end: at(1, 12) },
        { start: at(2, 13), end: at(2, 17) },
      ],
    },
    ago(25),
  );
  story.offer(
    {
      title: 'Water heater leaking at base',
      serviceType: 'plumbing',
      description: '50-gallon gas water heater (Rheem, 2014) leaking from the bottom. Customer has closed the cold-water supply to the tank.',
      windows: [{ start: at(1, 8), end: at(1, 10) }],
    },
    ago(70),
  );
  story.offer(
    {
      title: 'Refrigerator not cooling',
      serviceType: 'appliance',
      description: 'Samsung French-door refrigerator: freezer is cold, fresh-food section at 55°F. Clicking from the back every few minutes.',
    },
    ago(140),
  );
  story.offer(
    {
      title: 'Furnace short-cycling',
      serviceType: 'hvac',
      description: 'Gas furnace ignites, runs about two minutes, shuts off and repeats. Filter replaced last month.',
      windows: [{ start: at(2, 12), end: at(2, 16) }],
    },
    at(-1, 16, 40),
  );
  story.offer(
    {
      title: 'Dishwasher not draining',
      serviceType: 'appliance',
      description: 'Standing water in the bottom of the tub after every cycle. Bosch 300 series, three years old.',
    },
    ago(8),
  );

  // Withdrawn by Acme before CoolAir answered: the offer leaves the board.
  const withdrawn = story.offer(
    { title: 'Ice maker not producing ice', serviceType: 'appliance', description: 'Whirlpool side-by-side; ice maker stopped filling. Claim filed twice by mistake.' },
    at(-1, 10, 5),
  );
  story.withdraw(withdrawn, at(-1, 15, 30));

  // Declined (rejected): read-only for CoolAir afterwards.
  const poolHeater = story.offer(
    { title: "Pool heater won't fire", serviceType: 'pool', description: 'Hayward gas pool heater clicks but never lights. Pilot assembly replaced last summer.' },
    at(-2, 9, 10),
  );
  story.decline(poolHeater, 'dr-no-skill', 'We do not service pool heaters.', at(-2, 9, 42), dana);
  const outOfArea = story.offer(
    {
      title: 'Heat pump not heating',
      serviceType: 'hvac',
      description: 'Heat pump runs but blows cool air in heat mode; auxiliary heat strip works.',
      household: householdIn('Marble Falls'),
    },
    at(-3, 14, 0),
  );
  story.decline(outOfArea, 'dr-out-of-area', 'Marble Falls is outside our service area.', at(-3, 14, 25), marcus);

  // Unscheduled: accepted, not yet on anyone's lane.
  const thermostat = story.offer(
    {
      title: 'Thermostat blank, no power to system',
      serviceType: 'hvac',
      description: 'Honeywell thermostat display is blank; no heating or cooling. New batteries did not help; breaker not tripped.',
      windows: [
        { start: at(1, 13), end: at(1, 17) },
        { start: at(2, 8), end: at(2, 12) },
      ],
    },
    at(-1, 9, 15),
  );
  story.accept(thermostat, at(-1, 9, 50), dana);
  const washer = story.offer(
    { title: "Washer won't spin", serviceType: 'appliance', description: 'LG front-loader fills and agitates but stops before the spin cycle; shows error code UE.' },
    ago(300),
  );
  story.accept(washer, ago(240), marcus);
  const disposal = story.offer(
    { title: 'Garbage disposal humming, not turning', serviceType: 'plumbing', description: 'InSinkErator 1/2 hp hums when switched on; reset button pressed twice.' },
    at(-2, 11, 0),
  );
  story.accept(disposal, at(-2, 13, 5), marcus);
  story.create(
    { title: 'Mini-split estimate — garage workshop', serviceType: 'hvac', description: 'Customer wants a quote for a ductless mini-split (about 400 sq ft) in a detached garage workshop.' },
    at(-1, 14, 20),
    marcus,
  );
  story.create(
    { title: 'Duct cleaning and dryer vent quote', serviceType: 'hvac', description: 'Called in after a renovation: whole-house duct cleaning plus dryer vent cleaning. Two-story, two returns.' },
    ago(95),
    dana,
  );

  // In Progress: Luis is on site, Jake is On My Way (the customer was texted his ETA).
  const condenser = story.offer(
    { title: 'Condenser fan not spinning', serviceType: 'hvac', description: 'Outdoor unit hums, fan blade does not turn; customer can start it by pushing it with a stick.' },
    at(-2, 8, 30),
  );
  const onSite = story.visit(condenser, 1, calendar.slotNear(-30, 8, 16), 120);
  story.accept(condenser, at(-2, 9, 10), dana, onSite);
  story.onMyWay(onSite, ago(12), 10);
  story.start(onSite, ago(3));
  const furnaceLockout = story.create(
    { title: 'No heat — furnace in lockout', serviceType: 'hvac', description: 'Furnace flashes three red blinks and will not restart. Elderly resident; please call ahead.' },
    at(-1, 17, 5),
    marcus,
  );
  const onTheWay = story.visit(furnaceLockout, 2, calendar.slotNear(30, 8, 16), 90);
  story.schedule(onTheWay, at(-1, 17, 8), marcus);
  story.onMyWay(onTheWay, ago(6), 25);

  // Scheduled: today's and the next days' lanes. Dana and Marcus share the booking, as two dispatchers do.
  const scheduledOffer = (spec: JobSpec, technician: number, start: number, durationMinutes: number, offeredAt: number, acceptedAt: number) => {
    const jobId = story.offer(spec, offeredAt);
    const visit = story.visit(jobId, technician, start, durationMinutes);
    story.accept(jobId, acceptedAt, technician % 2 ? dana : marcus, visit);
    return visit;
  };
  const scheduledOwn = (spec: JobSpec, technician: number, start: number, durationMinutes: number, createdAt: number) => {
    const by = technician % 2 ? marcus : dana;
    const jobId = story.create(spec, createdAt, by);
    const visit = story.visit(jobId, technician, start, durationMinutes);
    story.schedule(visit, createdAt + 4 * 60_000, by);
    return visit;
  };

  // Today.
  scheduledOffer(
    { title: 'Condensate line clogged — water in closet', serviceType: 'hvac', description: 'Water pooling around the indoor unit in the hall closet; float switch shut the system off overnight.' },
    3, at(0, 8, 0), 90, at(-2, 7, 50), at(-2, 8, 20),
  );
  scheduledOwn(
    { title: 'Annual AC tune-up', serviceType: 'hvac', description: 'Maintenance plan visit: coil cleaning, refrigerant check, capacitor test, filter change (16x25x1).' },
    3, at(0, 13, 0), 120, at(-4, 10, 15),
  );
  scheduledOffer(
    { title: 'Heat pump frozen over', serviceType: 'hvac', description: 'Outdoor coil covered in ice this morning; unit keeps running. 2019 Carrier heat pump.' },
    4, at(0, 9, 0), 120, at(-1, 7, 40), at(-1, 8, 5),
  );
  scheduledOffer(
    { title: 'Oven not heating — bake element', serviceType: 'appliance', description: 'GE electric range: broil works, bake does not heat. Visible blister on the lower element.' },
    4, at(0, 14, 30), 90, at(-2, 15, 0), at(-2, 15, 35),
  );
  scheduledOwn(
    { title: 'Smart thermostat install', serviceType: 'hvac', description: 'Customer supplied an ecobee Premium; needs a C-wire run from the air handler.' },
    5, at(0, 8, 30), 60, at(-3, 16, 0),
  );
  scheduledOffer(
    { title: 'Compressor hard-starting, tripping breaker', serviceType: 'hvac', description: 'Outdoor unit trips the 40 A breaker on start-up about once a day. 12-year-old Lennox.' },
    5, at(0, 11, 0), 120, at(-1, 11, 30), at(-1, 12, 0),
  );
  scheduledOffer(
    { title: 'Dryer not heating', serviceType: 'appliance', description: 'Whirlpool electric dryer tumbles but stays cold. Vent cleaned last spring.' },
    5, at(0, 15, 0), 60, at(-1, 13, 10), at(-1, 13, 45),
  );
  const reassigned = scheduledOffer(
    { title: 'Gas smell near furnace', serviceType: 'hvac', description: 'Faint gas odor in the utility room when the furnace starts; the gas company found no leak at the meter.' },
    8, at(0, 10, 0), 180, at(-1, 8, 15), at(-1, 8, 30),
  );
  story.move(reassigned, { technicianId: 'u-tech6' }, at(-1, 16, 10), dana);
  scheduledOwn(
    { title: 'Tankless water heater flush', serviceType: 'plumbing', description: 'Annual descaling flush of a Navien NPE-240A; hard-water area.' },
    7, at(0, 8, 0), 120, at(-5, 9, 30),
  );
  scheduledOffer(
    { title: 'Blower motor noisy', serviceType: 'hvac', description: 'Loud squeal from the air handler in the attic for the first minute after start-up.' },
    7, at(0, 13, 30), 120, at(-2, 12, 0), at(-2, 12, 40),
  );
  scheduledOffer(
    { title: 'Microwave hood door switch', serviceType: 'appliance', description: 'Over-the-range microwave runs with the door open for a second, then trips. Customer is worried about safety.' },
    8, at(0, 12, 0), 90, at(-1, 10, 0), at(-1, 10, 25),
  );
  scheduledOwn(
    { title: 'Water softener install', serviceType: 'plumbing', description: 'Install customer-supplied 48,000-grain softener in the garage; loop already plumbed.' },
    8, at(0, 16, 0), 120, at(-3, 11, 0),
  );

  // Tomorrow.
  scheduledOffer(
    { title: 'Refrigerant leak check', serviceType: 'hvac', description: 'System was recharged in June and is low again; customer wants the leak found this time.' },
    1, at(1, 8, 0), 120, at(-1, 9, 40), at(-1, 10, 15),
  );
  const partsJob = story.offer(
    { title: 'Refrigerator not cooling — compressor start relay', serviceType: 'appliance', description: 'Whirlpool top-freezer refrigerator; compressor clicks on and off, both sections warm.' },
    at(-3, 8, 45),
  );
  if (partsJob !== SEED_PARTS_JOB_ID) throw new Error(`Demo data: the seed's parts example is ${partsJob}; update SEED_PARTS_JOB_ID.`);
  const diagnosis = story.visit(partsJob, 4, at(-2, 10, 0), 120);
  story.accept(partsJob, at(-3, 9, 20), dana, diagnosis);
  story.worked(diagnosis, 'cr-waiting-for-parts');
  story.schedule(story.visit(partsJob, 4, at(1, 11, 0), 60), at(-1, 11, 5), dana);
  scheduledOffer(
    { title: 'Garbage disposal leaking', serviceType: 'plumbing', description: 'Water drips from the bottom of the disposal housing when the sink drains.' },
    2, at(1, 9, 30), 90, at(-1, 14, 0), at(-1, 14, 30),
  );
  const rescheduled = scheduledOffer(
    { title: 'Evaporator coil inspection', serviceType: 'hvac', description: 'Musty smell from the vents when the AC starts; customer suspects mold on the coil.' },
    3, at(1, 8, 0), 120, at(-2, 10, 30), at(-2, 11, 0),
  );
  story.move(rescheduled, { start: at(1, 10, 0) }, ago(35), marcus);
  scheduledOwn(
    { title: 'Whole-house surge protector install', serviceType: 'electrical', description: 'Install a Type 2 surge protector at the main panel after a lightning strike took out the thermostat.' },
    5, at(1, 13, 0), 120, at(-2, 14, 45),
  );
  scheduledOffer(
    { title: 'Ductwork inspection — high energy bills', serviceType: 'hvac', description: 'Electric bill up 40% year over year; upstairs rooms never reach the set point.' },
    6, at(1, 8, 0), 90, at(-1, 15, 20), at(-1, 15, 50),
  );
  scheduledOffer(
    { title: 'Washer leaking from door seal', serviceType: 'appliance', description: 'Samsung front-loader leaves a puddle under the door after each wash; gasket looks torn.' },
    8, at(1, 14, 0), 120, at(-1, 12, 20), at(-1, 12, 55),
  );

  // The day after.
  scheduledOwn(
    { title: 'Furnace replacement walkthrough', serviceType: 'hvac', description: 'Customer is planning to replace a 22-year-old furnace; measure and quote two options.' },
    1, at(2, 13, 0), 180, at(-1, 16, 30),
  );
  scheduledOffer(
    { title: 'Ice maker leaking into freezer', serviceType: 'appliance', description: 'Frost and ice sheet on the freezer floor; fill tube suspected.' },
    4, at(2, 8, 30), 120, at(-1, 9, 0), at(-1, 9, 35),
  );
  scheduledOffer(
    { title: 'Toilet running constantly', serviceType: 'plumbing', description: 'Upstairs toilet runs every few minutes; flapper replaced by the customer, no change.' },
    7, at(2, 10, 0), 90, ago(180), ago(150),
  );

  // Paused: the last visit ended with a reason that calls for another.
  const inducer = story.offer(
    { title: 'Furnace inducer motor noisy', serviceType: 'hvac', description: 'Rattling from the furnace cabinet at start-up that gets louder each week.' },
    at(-3, 13, 0),
  );
  const inducerVisit = story.visit(inducer, 3, at(-1, 9, 0), 120);
  story.accept(inducer, at(-3, 13, 30), dana, inducerVisit);
  story.worked(inducerVisit, 'cr-waiting-for-parts');
  const tuneUp = story.create(
    { title: 'Spring AC tune-up', serviceType: 'hvac', description: 'Maintenance plan visit. Gate code 4417; dog in the back yard.' },
    at(-4, 11, 0),
    dana,
  );
  const tuneUpVisit = story.visit(tuneUp, 5, at(-1, 14, 0), 60);
  story.schedule(tuneUpVisit, at(-4, 11, 5), dana);
  story.nobodyHome(tuneUpVisit, 'cr-customer-not-home');
  const compressor = story.offer(
    { title: 'Compressor failed — replacement quote', serviceType: 'hvac', description: 'Outdoor unit dead; compressor windings shorted according to the previous contractor. Quote needed for Acme approval.' },
    at(-4, 9, 0),
  );
  const compressorVisit = story.visit(compressor, 6, at(-2, 13, 0), 120);
  story.accept(compressor, at(-4, 9, 45), marcus, compressorVisit);
  story.worked(compressorVisit, 'cr-acme-authorization');
  const coil = story.offer(
    { title: 'Evaporator coil leak', serviceType: 'hvac', description: 'Technician from a prior claim found oil stains on the coil; confirm the leak and repair or replace.' },
    at(-3, 10, 0),
  );
  const coilVisit = story.visit(coil, 7, at(-1, 8, 0), 180);
  story.accept(coil, at(-3, 10, 40), marcus, coilVisit);
  story.worked(coilVisit, 'cr-follow-up');

  // Complete.
  const capacitor = story.offer(
    { title: 'Capacitor failed — outdoor unit humming', serviceType: 'hvac', description: 'Outdoor unit hums, fan and compressor do not start. Swollen capacitor visible.' },
    at(-2, 16, 0),
  );
  const capacitorVisit = story.visit(capacitor, 1, at(-1, 10, 0), 90);
  story.accept(capacitor, at(-2, 16, 20), dana, capacitorVisit);
  story.worked(capacitorVisit, 'cr-repaired');
  const wifiThermostat = story.create(
    { title: 'Wi-Fi thermostat install', serviceType: 'hvac', description: 'Replace two old mercury thermostats with Honeywell T6 Pro units; dispose of the old ones properly.' },
    at(-5, 10, 0),
    marcus,
  );
  const wifiVisit = story.visit(wifiThermostat, 2, at(-2, 9, 0), 120);
  story.schedule(wifiVisit, at(-5, 10, 6), marcus);
  story.worked(wifiVisit, 'cr-ready-for-billing');
  const oven = story.offer(
    { title: 'Oven door hinge broken', serviceType: 'appliance', description: 'Frigidaire wall oven door drops open; left hinge snapped.' },
    at(-5, 14, 0),
  );
  const ovenVisit = story.visit(oven, 8, at(-3, 13, 0), 90);
  story.accept(oven, at(-5, 14, 30), dana, ovenVisit);
  story.worked(ovenVisit, 'cr-repaired');
  const tankless = story.offer(
    { title: 'Tankless water heater error code 11', serviceType: 'plumbing', description: 'Rinnai shows code 11 (no ignition) several times a day; hot water runs cold mid-shower.' },
    at(-5, 9, 0),
  );
  const tanklessFirst = story.visit(tankless, 5, at(-3, 9, 0), 90);
  story.accept(tankless, at(-5, 9, 30), marcus, tanklessFirst);
  story.nobodyHome(tanklessFirst, 'cr-no-show');
  const tanklessSecond = story.visit(tankless, 5, at(-1, 8, 0), 90);
  story.schedule(tanklessSecond, at(-3, 11, 0), marcus);
  story.worked(tanklessSecond, 'cr-repaired');
  const blower = story.create(
    { title: 'Blower belt squeal', serviceType: 'hvac', description: 'Belt-drive blower squeals on start-up. Customer may just want the belt adjusted.' },
    at(-4, 15, 0),
    dana,
  );
  const blowerVisit = story.visit(blower, 2, at(-3, 15, 0), 90);
  story.schedule(blowerVisit, at(-4, 15, 4), dana);
  story.worked(blowerVisit, 'cr-follow-up');
  story.completeJob(blower, at(-1, 9, 30), dana);
  const dryer = story.offer(
    { title: 'Dryer takes two cycles to dry', serviceType: 'appliance', description: 'Maytag gas dryer; clothes still damp after a full cycle. Vent is 25 feet long.' },
    at(-3, 16, 0),
  );
  const dryerVisit = story.visit(dryer, 6, at(-1, 15, 0), 60);
  story.accept(dryer, at(-3, 16, 30), marcus, dryerVisit);
  story.worked(dryerVisit, 'cr-repaired');

  // Canceled: gray on the board, labelled Canceled.
  const soldHouse = story.create(
    { title: 'Attic insulation and duct sealing', serviceType: 'hvac', description: 'Quote for blown-in insulation and sealing the attic ducts.' },
    at(-3, 11, 0),
    dana,
  );
  story.cancel(soldHouse, 'Customer sold the house', at(-2, 8, 45), dana);
  const denied = story.offer(
    { title: 'Heat strip not working', serviceType: 'hvac', description: 'Auxiliary heat never engages; house cannot get above 64°F on cold mornings.' },
    at(-2, 10, 0),
  );
  story.accept(denied, at(-2, 10, 30), marcus, story.visit(denied, 7, at(1, 15, 0), 90));
  story.cancel(denied, 'Claim denied: unit is outside warranty coverage', at(-1, 11, 20), acme);
  const otherContractor = story.create(
    { title: 'Second-floor zoning consultation', serviceType: 'hvac', description: 'Add a zone damper system for the upstairs bedrooms.' },
    at(-2, 16, 0),
    marcus,
  );
  story.schedule(story.visit(otherContractor, 3, at(2, 9, 0), 120), at(-2, 16, 5), marcus);
  story.cancel(otherContractor, 'Customer went with another contractor', at(-1, 10, 40), marcus);

  // Northstar's board: Acme sends it work too, but CoolAir never sees any of it.
  story.offer(
    { title: 'Range hood fan inoperative', serviceType: 'appliance', description: 'Broan range hood light works, fan does not run on any speed.' },
    ago(45),
    NORTHSTAR,
  );
  const nsWasher = story.create(
    { title: 'Front-loader drum bearing noise', serviceType: 'appliance', description: 'Roaring noise during spin; drum has play when rocked by hand.' },
    at(-1, 12, 0),
    olivia,
    NORTHSTAR,
  );
  story.schedule(story.visit(nsWasher, 'hector', at(1, 9, 0), 90), at(-1, 12, 5), olivia);
  const nsMicrowave = story.offer(
    { title: 'Microwave door switch failed', serviceType: 'appliance', description: 'Built-in microwave: turntable and light come on, no heating.' },
    at(-1, 9, 0),
    NORTHSTAR,
  );
  story.accept(nsMicrowave, at(-1, 9, 30), olivia);
  const nsIceMaker = story.create(
    { title: 'Ice maker water line leak', serviceType: 'appliance', description: 'Water on the kitchen floor behind the refrigerator; saddle valve dripping.' },
    at(-2, 15, 0),
    olivia,
    NORTHSTAR,
  );
  const nsVisit = story.visit(nsIceMaker, 'hector', at(-1, 13, 0), 60);
  story.schedule(nsVisit, at(-2, 15, 5), olivia);
  story.worked(nsVisit, 'cr-repaired');
}
