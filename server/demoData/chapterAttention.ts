import type { DemoCalendar } from './calendar';
import { ACTORS } from './people';
import type { DemoStory } from './story';

const { dana, marcus } = ACTORS;

/**
 * What needs a dispatcher whatever the hour the demo is loaded at (the attention panel): a visit booked
 * for yesterday afternoon that Jake never went On My Way for, and an accepted job whose customer asked
 * for this afternoon but is still on nobody's lane. Offers older than an hour come from the open chapter,
 * and during the day its early visits, which nobody started, are late too. Told last, so every other
 * job keeps its id.
 */
export function attentionJobs(story: DemoStory, calendar: DemoCalendar): void {
  const at = calendar.at.bind(calendar);
  const ago = calendar.ago.bind(calendar);

  const sink = story.create(
    {
      title: 'Kitchen sink backing up',
      serviceType: 'plumbing',
      description: 'Double sink drains slowly and backs up into the other side when the dishwasher runs.',
    },
    at(-1, 10, 0),
    dana,
  );
  story.schedule(story.visit(sink, 2, at(-1, 16, 0), 60), at(-1, 10, 4), dana);

  const faucet = story.offer(
    {
      title: 'Outdoor faucet leaking at the wall',
      serviceType: 'plumbing',
      description: 'Hose bib drips steadily even when closed; a stain is spreading on the siding below it.',
      windows: [
        { start: at(0, 13), end: at(0, 17) },
        { start: at(1, 8), end: at(1, 12) },
      ],
    },
    ago(200),
  );
  story.accept(faucet, ago(185), marcus);
}
