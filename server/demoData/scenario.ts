import type { DemoCalendar } from './calendar';
import { attentionJobs } from './chapterAttention';
import { closedJobs, northstarJobs } from './chapterClosed';
import { openJobs } from './chapterOpen';
import { scheduledDays } from './chapterScheduled';
import { todaysRounds } from './chapterToday';
import { playToday } from './day';
import type { DemoScript } from './script';
import { DemoStory } from './story';

export { SEED_PARTS_JOB_ID } from './chapterScheduled';

/**
 * CoolAir's week, told as the commands that made it: offers waiting, jobs in every status, a board
 * full today and the next days, a little of Northstar's so tenant isolation shows, and what needs a
 * dispatcher's attention at any hour. Appointment times are fixed wall-clock slots around today
 * (America/Chicago, within each technician's hours); history lies in the past days or minutes before
 * now, and today's visits are as far along as the office clock at start-up (day.ts): worked behind,
 * under way around now, scheduled ahead.
 */
export function tellDemoStory(script: DemoScript, calendar: DemoCalendar): void {
  const story = new DemoStory(script, calendar);
  // The order is the story's: job and appointment ids are handed out as it goes (job-1029 is the seed's).
  openJobs(story, calendar);
  scheduledDays(story, calendar);
  closedJobs(story, calendar);
  northstarJobs(story, calendar);
  attentionJobs(story, calendar);
  todaysRounds(story, calendar);
  // Last: every job and visit exists, so today's field statuses follow their bookings in the queue.
  playToday(story, calendar, story.today);
}
