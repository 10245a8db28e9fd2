import type { DemoCalendar } from './calendar';
import { ACTORS } from './people';
import type { DemoStory, JobSpec } from './story';

const { dana, marcus } = ACTORS;

/** The seed's example: a first visit completed "Waiting For Parts", a second booked to install the part. */
export const SEED_PARTS_JOB_ID = 'job-1029';

/** Today's and the next days' lanes, booked by both dispatchers; the seed's parts job. */
export function scheduledDays(story: DemoStory, calendar: DemoCalendar): void {
  const at = calendar.at.bind(calendar);
  const ago = calendar.ago.bind(calendar);

  // Scheduled: today's and the next days' lanes. Dana and Marcus share the booking, as two dispatchers do.
  const scheduledOffer = (
    spec: JobSpec,
    technician: number,
    start: number,
    durationMinutes: number,
    offeredAt: number,
    acceptedAt: number,
  ) => {
    const jobId = story.offer(spec, offeredAt);
    const visit = story.visit(jobId, technician, start, durationMinutes);
    story.accept(jobId, acceptedAt, technician % 2 ? dana : marcus, visit);
    return visit;
  };
  const scheduledOwn = (
    spec: JobSpec,
    technician: number,
    start: number,
    durationMinutes: number,
    createdAt: number,
  ) => {
    const by = technician % 2 ? marcus : dana;
    const jobId = story.create(spec, createdAt, by);
    const visit = story.visit(jobId, technician, start, durationMinutes);
    story.schedule(visit, createdAt + 4 * 60_000, by);
    return visit;
  };

  // Today: played up to the office clock at the end (day.ts). The specs' fixtures (the condensate line,
  // the smart thermostat, the dryer and the water softener, job-1016, -1020, -1022, -1027) are booked for
  // tomorrow instead, which lies wholly ahead: they stay Scheduled whatever the hour the demo is loaded at.
  scheduledOffer(
    {
      title: 'Condensate line clogged — water in closet',
      serviceType: 'hvac',
      description:
        'Water pooling around the indoor unit in the hall closet; float switch shut the system off overnight.',
    },
    3,
    at(1, 8, 0),
    90,
    at(-2, 7, 50),
    at(-2, 8, 20),
  );
  story.forToday(
    scheduledOwn(
      {
        title: 'Annual AC tune-up',
        serviceType: 'hvac',
        description:
          'Maintenance plan visit: coil cleaning, refrigerant check, capacitor test, filter change (16x25x1).',
      },
      3,
      at(0, 13, 0),
      120,
      at(-4, 10, 15),
    ),
  );
  story.forToday(
    scheduledOffer(
      {
        title: 'Heat pump frozen over',
        serviceType: 'hvac',
        description: 'Outdoor coil covered in ice this morning; unit keeps running. 2019 Carrier heat pump.',
      },
      4,
      at(0, 9, 0),
      120,
      at(-1, 7, 40),
      at(-1, 8, 5),
    ),
  );
  story.forToday(
    scheduledOffer(
      {
        title: 'Oven not heating — bake element',
        serviceType: 'appliance',
        description: 'GE electric range: broil works, bake does not heat. Visible blister on the lower element.',
      },
      4,
      at(0, 15, 0),
      90,
      at(-2, 15, 0),
      at(-2, 15, 35),
    ),
  );
  scheduledOwn(
    {
      title: 'Smart thermostat install',
      serviceType: 'hvac',
      description: 'Customer supplied an ecobee Premium; needs a C-wire run from the air handler.',
    },
    5,
    at(1, 8, 30),
    60,
    at(-3, 16, 0),
  );
  // The hard-start kit is not on the truck: once worked, the job waits for parts (Paused).
  story.forToday(
    scheduledOffer(
      {
        title: 'Compressor hard-starting, tripping breaker',
        serviceType: 'hvac',
        description: 'Outdoor unit trips the 40 A breaker on start-up about once a day. 12-year-old Lennox.',
      },
      5,
      at(0, 11, 0),
      120,
      at(-1, 11, 30),
      at(-1, 12, 0),
    ),
    'cr-waiting-for-parts',
  );
  scheduledOffer(
    {
      title: 'Dryer not heating',
      serviceType: 'appliance',
      description: 'Whirlpool electric dryer tumbles but stays cold. Vent cleaned last spring.',
    },
    5,
    at(1, 15, 0),
    60,
    at(-1, 13, 10),
    at(-1, 13, 45),
  );
  const reassigned = scheduledOffer(
    {
      title: 'Gas smell near furnace',
      serviceType: 'hvac',
      description:
        'Faint gas odor in the utility room when the furnace starts; the gas company found no leak at the meter.',
    },
    8,
    at(0, 10, 0),
    180,
    at(-1, 8, 15),
    at(-1, 8, 30),
  );
  story.move(reassigned, { technicianId: 'u-tech6' }, at(-1, 16, 10), dana);
  story.forToday({ ...reassigned, technicianId: 'u-tech6' });
  story.forToday(
    scheduledOwn(
      {
        title: 'Tankless water heater flush',
        serviceType: 'plumbing',
        description: 'Annual descaling flush of a Navien NPE-240A; hard-water area.',
      },
      7,
      at(0, 8, 0),
      120,
      at(-5, 9, 30),
    ),
    'cr-ready-for-billing',
  );
  story.forToday(
    scheduledOffer(
      {
        title: 'Blower motor noisy',
        serviceType: 'hvac',
        description: 'Loud squeal from the air handler in the attic for the first minute after start-up.',
      },
      7,
      at(0, 13, 30),
      120,
      at(-2, 12, 0),
      at(-2, 12, 40),
    ),
  );
  story.forToday(
    scheduledOffer(
      {
        title: 'Microwave hood door switch',
        serviceType: 'appliance',
        description:
          'Over-the-range microwave runs with the door open for a second, then trips. Customer is worried about safety.',
      },
      8,
      at(0, 12, 0),
      90,
      at(-1, 10, 0),
      at(-1, 10, 25),
    ),
  );
  scheduledOwn(
    {
      title: 'Water softener install',
      serviceType: 'plumbing',
      description: 'Install customer-supplied 48,000-grain softener in the garage; loop already plumbed.',
    },
    8,
    at(1, 16, 0),
    120,
    at(-3, 11, 0),
  );

  // Tomorrow.
  scheduledOffer(
    {
      title: 'Refrigerant leak check',
      serviceType: 'hvac',
      description: 'System was recharged in June and is low again; customer wants the leak found this time.',
    },
    1,
    at(1, 8, 0),
    120,
    at(-1, 9, 40),
    at(-1, 10, 15),
  );
  const partsJob = story.offer(
    {
      title: 'Refrigerator not cooling — compressor start relay',
      serviceType: 'appliance',
      description: 'Whirlpool top-freezer refrigerator; compressor clicks on and off, both sections warm.',
    },
    at(-3, 8, 45),
  );
  if (partsJob !== SEED_PARTS_JOB_ID)
    throw new Error(`Demo data: the seed's parts example is ${partsJob}; update SEED_PARTS_JOB_ID.`);
  const diagnosis = story.visit(partsJob, 4, at(-3, 11, 0), 120);
  story.accept(partsJob, at(-3, 9, 20), dana, diagnosis);
  story.worked(diagnosis, 'cr-waiting-for-parts');
  story.schedule(story.visit(partsJob, 4, at(1, 11, 0), 60), at(-1, 11, 5), dana);
  scheduledOffer(
    {
      title: 'Garbage disposal leaking',
      serviceType: 'plumbing',
      description: 'Water drips from the bottom of the disposal housing when the sink drains.',
    },
    2,
    at(1, 9, 30),
    90,
    at(-1, 14, 0),
    at(-1, 14, 30),
  );
  const rescheduled = scheduledOffer(
    {
      title: 'Evaporator coil inspection',
      serviceType: 'hvac',
      description: 'Musty smell from the vents when the AC starts; customer suspects mold on the coil.',
    },
    3,
    at(1, 12, 30),
    120,
    at(-2, 10, 30),
    at(-2, 11, 0),
  );
  story.move(rescheduled, { start: at(1, 10, 0) }, ago(35), marcus);
  scheduledOwn(
    {
      title: 'Whole-house surge protector install',
      serviceType: 'electrical',
      description:
        'Install a Type 2 surge protector at the main panel after a lightning strike took out the thermostat.',
    },
    5,
    at(1, 13, 0),
    120,
    at(-2, 14, 45),
  );
  scheduledOffer(
    {
      title: 'Ductwork inspection — high energy bills',
      serviceType: 'hvac',
      description: 'Electric bill up 40% year over year; upstairs rooms never reach the set point.',
    },
    6,
    at(1, 8, 0),
    90,
    at(-1, 15, 20),
    at(-1, 15, 50),
  );
  scheduledOffer(
    {
      title: 'Washer leaking from door seal',
      serviceType: 'appliance',
      description: 'Samsung front-loader leaves a puddle under the door after each wash; gasket looks torn.',
    },
    8,
    at(1, 14, 0),
    120,
    at(-1, 12, 20),
    at(-1, 12, 55),
  );

  // The day after.
  scheduledOwn(
    {
      title: 'Furnace replacement walkthrough',
      serviceType: 'hvac',
      description: 'Customer is planning to replace a 22-year-old furnace; measure and quote two options.',
    },
    1,
    at(2, 13, 0),
    180,
    at(-1, 16, 30),
  );
  scheduledOffer(
    {
      title: 'Ice maker leaking into freezer',
      serviceType: 'appliance',
      description: 'Frost and ice sheet on the freezer floor; fill tube suspected.',
    },
    4,
    at(2, 8, 30),
    120,
    at(-1, 9, 0),
    at(-1, 9, 35),
  );
  scheduledOffer(
    {
      title: 'Toilet running constantly',
      serviceType: 'plumbing',
      description: 'Upstairs toilet runs every few minutes; flapper replaced by the customer, no change.',
    },
    7,
    at(2, 10, 0),
    90,
    ago(180),
    ago(150),
  );
}
