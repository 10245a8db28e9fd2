import type { DemoCalendar } from './calendar';
import { ACTORS } from './people';
import type { DemoStory, JobSpec } from './story';

const { dana, marcus } = ACTORS;

/**
 * The rest of today's lanes, so the board reads like a working day at any hour: every technician has work
 * in the morning or the afternoon, and Jake stays free late in the morning (specs drop a job there). Booked
 * on earlier days; told after every other chapter, so the jobs before keep their ids.
 */
export function todaysRounds(story: DemoStory, calendar: DemoCalendar): void {
  const at = calendar.at.bind(calendar);
  const booked = (
    spec: JobSpec,
    technician: number,
    hour: number,
    minute: number,
    minutes: number,
    daysAgo: number,
  ) => {
    const by = technician % 2 ? dana : marcus;
    const jobId = story.create(spec, at(-daysAgo, 9 + technician, 10), by);
    const visit = story.visit(jobId, technician, at(0, hour, minute), minutes);
    story.schedule(visit, at(-daysAgo, 9 + technician, 14), by);
    return visit;
  };

  story.forToday(
    booked(
      {
        title: 'Gas range burners will not ignite',
        serviceType: 'appliance',
        description: 'Burners click but do not light since the stovetop was cleaned; oven works.',
      },
      2,
      14,
      0,
      90,
      1,
    ),
  );
  story.forToday(
    booked(
      {
        title: 'Heat pump short-cycling',
        serviceType: 'hvac',
        description: 'Runs five minutes, stops for five, all day; thermostat already replaced by the customer.',
      },
      3,
      8,
      0,
      120,
      3,
    ),
  );
  // The customer had not cleared the garage: Ben comes back another day (Paused).
  story.forToday(
    booked(
      {
        title: 'Outdoor GFCI outlet keeps tripping',
        serviceType: 'electrical',
        description: 'Patio outlet trips whenever it rains; it also feeds the garage freezer.',
      },
      5,
      8,
      30,
      90,
      2,
    ),
    'cr-follow-up',
  );
  story.forToday(
    booked(
      {
        title: 'Water heater pilot will not stay lit',
        serviceType: 'plumbing',
        description: 'Pilot lights and goes out within a minute; 40-gallon AO Smith, about eight years old.',
      },
      8,
      9,
      0,
      120,
      1,
    ),
  );
  story.forToday(
    booked(
      {
        title: 'Upstairs AC cannot keep up',
        serviceType: 'hvac',
        description: 'Upstairs stays at 80°F on hot afternoons while downstairs is comfortable; single system.',
      },
      8,
      14,
      30,
      120,
      4,
    ),
  );
  story.forToday(
    booked(
      {
        title: 'Thermostat wiring after a remodel',
        serviceType: 'hvac',
        description: 'Contractor moved the thermostat during a kitchen remodel; system no longer calls for heat.',
      },
      1,
      15,
      0,
      120,
      3,
    ),
  );
  story.forToday(
    booked(
      {
        title: 'Freezer frosting over',
        serviceType: 'appliance',
        description: 'Chest freezer in the garage builds a thick frost band within a week; lid seal looks warped.',
      },
      2,
      16,
      0,
      90,
      2,
    ),
  );
  story.forToday(
    booked(
      {
        title: 'Dishwasher leaves a film on dishes',
        serviceType: 'appliance',
        description: 'White film on glasses after every cycle since a new water softener went in.',
      },
      8,
      16,
      45,
      75,
      2,
    ),
  );
}
