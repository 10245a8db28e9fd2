/**
 * The board bench's baseline (bench/board.ts): FullCalendar's resource timeline — the usual off-the-shelf
 * choice for a dispatch board — in its React wrapper, showing the same day as the console's board: the
 * same technicians and appointments, read from the console's own IndexedDB (served from the same origin)
 * before the clock starts. So the baseline gets its data in memory for free, where the board reads it from
 * IndexedDB inside its timed first paint.
 *
 * FullCalendar 6.1.x: the premium resource-timeline plugin exists only in 6.1.x (core 7 has no matching
 * resource-timeline yet), and 6.1 has no row or event virtualization — every lane and event is in the DOM.
 *
 * Timed like the board: 'render-start' just before React renders, 'fc:painted' in the animation frame
 * in which every event of the working hours is in the DOM (the board marks 'board:painted' in the frame
 * after its visible lanes have drawn).
 */
import FullCalendar from '@fullcalendar/react';
import interactionPlugin from '@fullcalendar/interaction';
import resourceTimelinePlugin from '@fullcalendar/resource-timeline';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import type { Customer, Job } from '../../domain';
import { loadSession } from '../../renderer/kit/session';
import { customerName } from '../../domain';
import { DEFAULT_SETTINGS } from '../../renderer/board/settings';
import { appointmentsStartingBetween } from '../../renderer/data/appointmentIndex';
import { databaseName, DispatchDb } from '../../renderer/data/db';
import { readTechnicians } from '../../renderer/data/views';
import { todayBounds } from './today';

const MINUTE = 60_000;
const PAINT_TIMEOUT_MS = 180_000;

interface Info {
  resources: number;
  events: number;
  expected: number;
}

const pad = (value: number) => String(value).padStart(2, '0');

async function readDay() {
  const session = loadSession();
  if (!session) throw new Error('no console session in this origin: seed first');
  const db = new DispatchDb(databaseName(session.serverUrl, session.user.id));
  await db.open();
  try {
    const { dayStart, dayEnd } = todayBounds();
    const technicians = await readTechnicians(db, session.user.organizationId);
    const ids = new Set(technicians.map((technician) => technician.id));
    const appointments = (await appointmentsStartingBetween(db, dayStart, dayEnd)).filter(
      (appointment) =>
        appointment.status !== 'canceled' && appointment.technicianId !== null && ids.has(appointment.technicianId),
    );
    const jobs = new Map(
      (await db.jobs.bulkGet([...new Set(appointments.map((a) => a.jobId))]))
        .filter((job): job is Job => !!job)
        .map((job) => [job.id, job]),
    );
    const customers = new Map(
      (await db.customers.bulkGet([...new Set([...jobs.values()].map((job) => job.customerId))]))
        .filter((c): c is Customer => !!c)
        .map((c) => [c.id, c]),
    );
    return { dayStart, technicians, appointments, jobs, customers };
  } finally {
    db.close();
  }
}

async function main() {
  const { dayStart, technicians, appointments, jobs, customers } = await readDay();
  const { startHour, endHour } = DEFAULT_SETTINGS;
  // Same lane order as the board (readTechnicians sorts by name).
  const resources = technicians.map((technician, order) => ({
    id: technician.id,
    title: `${technician.firstName} ${technician.lastName}`,
    order,
  }));
  const events = appointments.map((appointment) => {
    const job = jobs.get(appointment.jobId);
    return {
      id: appointment.id,
      resourceId: appointment.technicianId!,
      start: appointment.start,
      end: appointment.start + appointment.durationMinutes * MINUTE,
      title: customerName(job ? customers.get(job.customerId) : undefined) || job?.title || appointment.id,
    };
  });
  const workStart = dayStart + startHour * 60 * MINUTE;
  const workEnd = dayStart + endHour * 60 * MINUTE;
  const expected = events.filter((event) => event.end > workStart && event.start < workEnd).length;
  const info: Info = { resources: resources.length, events: events.length, expected };

  const container = document.getElementById('root')!;
  performance.mark('render-start');
  createRoot(container).render(
    createElement(FullCalendar, {
      plugins: [resourceTimelinePlugin, interactionPlugin],
      schedulerLicenseKey: 'GPL-My-Project-Is-Open-Source',
      initialView: 'resourceTimelineDay',
      initialDate: dayStart,
      slotMinTime: `${pad(startHour)}:00`,
      slotMaxTime: `${pad(endHour)}:00`,
      resourceAreaWidth: 212,
      resourceOrder: 'order',
      height: '100%',
      editable: true,
      eventResourceEditable: true,
      resources,
      events,
    }),
  );
  const deadline = performance.now() + PAINT_TIMEOUT_MS;
  const poll = () => {
    if (container.querySelectorAll('.fc-timeline-event').length >= expected) {
      performance.mark('fc:painted');
      return;
    }
    if (performance.now() > deadline)
      throw new Error(`FullCalendar did not draw ${expected} events in ${PAINT_TIMEOUT_MS} ms`);
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  (globalThis as { bench?: Info }).bench = info;
}

main().catch((error: Error) => {
  (globalThis as { benchError?: string }).benchError = error.message;
  throw error;
});
