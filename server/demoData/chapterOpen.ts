import type { DemoCalendar } from './calendar';
import { householdIn } from './customers';
import { ACTORS } from './people';
import type { DemoStory } from './story';

const { dana, marcus } = ACTORS;

/** Offers waiting, withdrawn and declined ones, jobs accepted but unscheduled, and two of today's visits. */
export function openJobs(story: DemoStory, calendar: DemoCalendar): void {
  const at = calendar.at.bind(calendar);
  const ago = calendar.ago.bind(calendar);

  // Offered: waiting for CoolAir to accept or decline.
  story.offer(
    {
      title: 'AC blowing warm air — upstairs unit',
      serviceType: 'hvac',
      requiredTags: ['EPA 608'],
      description:
        'Upstairs system runs constantly but blows warm air; downstairs unit is fine. 4-ton Trane, installed 2016. Platinum plan, $100 service fee collected.',
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
      description:
        '50-gallon gas water heater (Rheem, 2014) leaking from the bottom. Customer has closed the cold-water supply to the tank.',
      windows: [{ start: at(1, 8), end: at(1, 10) }],
    },
    ago(70),
  );
  story.offer(
    {
      title: 'Refrigerator not cooling',
      serviceType: 'appliance',
      description:
        'Samsung French-door refrigerator: freezer is cold, fresh-food section at 55°F. Clicking from the back every few minutes.',
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
    {
      title: 'Ice maker not producing ice',
      serviceType: 'appliance',
      description: 'Whirlpool side-by-side; ice maker stopped filling. Claim filed twice by mistake.',
    },
    at(-1, 10, 5),
  );
  story.withdraw(withdrawn, at(-1, 15, 30));

  // Declined (rejected): read-only for CoolAir afterwards.
  const poolHeater = story.offer(
    {
      title: "Pool heater won't fire",
      serviceType: 'pool',
      description: 'Hayward gas pool heater clicks but never lights. Pilot assembly replaced last summer.',
    },
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
      description:
        'Honeywell thermostat display is blank; no heating or cooling. New batteries did not help; breaker not tripped.',
      windows: [
        { start: at(1, 13), end: at(1, 17) },
        { start: at(2, 8), end: at(2, 12) },
      ],
    },
    at(-1, 9, 15),
  );
  story.accept(thermostat, at(-1, 9, 50), dana);
  const washer = story.offer(
    {
      title: "Washer won't spin",
      serviceType: 'appliance',
      description: 'LG front-loader fills and agitates but stops before the spin cycle; shows error code UE.',
    },
    ago(300),
  );
  story.accept(washer, ago(240), marcus);
  const disposal = story.offer(
    {
      title: 'Garbage disposal humming, not turning',
      serviceType: 'plumbing',
      description: 'InSinkErator 1/2 hp hums when switched on; reset button pressed twice.',
    },
    at(-2, 11, 0),
  );
  story.accept(disposal, at(-2, 13, 5), marcus);
  story.create(
    {
      title: 'Mini-split estimate — garage workshop',
      serviceType: 'hvac',
      description: 'Customer wants a quote for a ductless mini-split (about 400 sq ft) in a detached garage workshop.',
    },
    at(-1, 14, 20),
    marcus,
  );
  story.create(
    {
      title: 'Duct cleaning and dryer vent quote',
      serviceType: 'hvac',
      description:
        'Called in after a renovation: whole-house duct cleaning plus dryer vent cleaning. Two-story, two returns.',
    },
    ago(95),
    dana,
  );

  // Booked for today; what Luis and Jake did with them by now is told at the end (day.ts).
  const condenser = story.offer(
    {
      title: 'Condenser fan not spinning',
      serviceType: 'hvac',
      description: 'Outdoor unit hums, fan blade does not turn; customer can start it by pushing it with a stick.',
    },
    at(-2, 8, 30),
  );
  const condenserVisit = story.visit(condenser, 1, at(0, 10, 0), 120);
  story.accept(condenser, at(-2, 9, 10), dana, condenserVisit);
  story.forToday(condenserVisit);
  const furnaceLockout = story.create(
    {
      title: 'No heat — furnace in lockout',
      serviceType: 'hvac',
      description: 'Furnace flashes three red blinks and will not restart. Elderly resident; please call ahead.',
    },
    at(-1, 17, 5),
    marcus,
  );
  const lockoutVisit = story.visit(furnaceLockout, 2, at(0, 8, 0), 90);
  story.schedule(lockoutVisit, at(-1, 17, 8), marcus);
  story.forToday(lockoutVisit);
}
