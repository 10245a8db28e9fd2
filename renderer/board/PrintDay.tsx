import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import type { Actor, Customer, Job } from '../../domain';
import { appointmentsStartingBetween } from '../data/appointmentIndex';
import type { DispatchDb } from '../data/db';
import { readTechnicians, type PendingOverlay } from '../data/views';
import { clockRange, longDate } from '../kit/format';
import { printDayDone, usePrintDayRequested } from '../kit/print';
import { useConsole } from '../kit/SyncProvider';
import { printDayPages, type PrintedPage } from './printDay';
import { useSteadyRead } from '../kit/steadyRead';
import classes from './printDay.module.css';

/** What the printed day reads: a change to any of them reads it again. */
const PRINT_TABLES = ['users', 'appointments', 'jobs', 'customers', 'notes'] as const;

/** The day's visits as the board shows them (confirmed, pending replayed), grouped into printed pages. */
async function readPrintDay(
  db: DispatchDb,
  actor: Actor,
  from: number,
  to: number,
  overlay: PendingOverlay,
): Promise<PrintedPage[]> {
  const [technicians, confirmed] = await Promise.all([
    readTechnicians(db, actor.organizationId ?? ''),
    appointmentsStartingBetween(db, from, to),
  ]);
  const appointments = new Map(confirmed.map((appointment) => [appointment.id, appointment]));
  for (const [id, appointment] of overlay.appointments) appointments.set(id, appointment);
  const jobIds = [...new Set([...appointments.values()].map((appointment) => appointment.jobId))];
  const jobs = new Map<string, Job>();
  for (const job of await db.jobs.bulkGet(jobIds)) if (job) jobs.set(job.id, overlay.jobs.get(job.id) ?? job);
  for (const [id, job] of overlay.jobs) jobs.set(id, job);
  const customerIds = [...new Set([...jobs.values()].map((job) => job.customerId))];
  const customers = new Map<string, Customer>();
  for (const customer of await db.customers.bulkGet(customerIds)) if (customer) customers.set(customer.id, customer);
  for (const [id, customer] of overlay.customers) customers.set(id, customer);
  const notes = jobIds.length ? await db.notes.where('jobId').anyOf(jobIds).toArray() : [];
  return printDayPages({ from, to, technicians, appointments: [...appointments.values()], jobs, customers, notes });
}

/** The desktop app's "Save as PDF": the same print view, written by Electron's printToPDF. */
async function savePdf(date: string): Promise<void> {
  try {
    const result = await window.dispatchDesktop?.savePdf?.(`day-${date}.pdf`);
    if (result?.saved) notifications.show({ title: 'PDF saved', message: result.path });
  } catch (error) {
    notifications.show({ color: 'red', title: 'The PDF was not saved', message: (error as Error).message });
  }
}

interface Props {
  /** The board's first day ('YYYY-MM-DD') and its bounds. */
  date: string;
  from: number;
  to: number;
  /** Read only once the board has painted (or when printing is asked for). */
  enabled: boolean;
  /**
   * The board layer's pending commands, replayed once for the lanes, the queue and the printed day; undefined
   * until the layer is read, so a printed day never leaves out a change the board shows.
   */
  overlay: PendingOverlay | undefined;
}

/**
 * "Print day": a page per technician with the day's visits in order, from the board's own data. It is in
 * the page all along, hidden on screen, so the browser's own Print (Ctrl+P) prints it too; "Print day"
 * opens the system dialog once the data is read.
 */
export function PrintDay({ date, from, to, enabled, overlay }: Props) {
  const { client, actor } = useConsole();
  const requested = usePrintDayRequested();
  // Not a live query: it reads the whole day (thousands of visits on a busy board), and as a live query every
  // change from the field restarted it before it answered, as the queue's read did (useSteadyRead).
  const pages = useSteadyRead(
    client.db,
    PRINT_TABLES,
    async () => ((enabled || requested) && overlay ? readPrintDay(client.db, actor, from, to, overlay) : undefined),
    [client, actor, from, to, enabled || requested, overlay],
  );
  useEffect(() => {
    if (!requested || !pages) return;
    printDayDone();
    // The pages are in the document by now (effects run after the commit). Not canceled by the re-render
    // printDayDone causes: the request was taken.
    window.setTimeout(() => (requested === 'pdf' ? void savePdf(date) : window.print()), 0);
  }, [requested, pages, date]);

  return createPortal(
    <div className={classes.sheet} data-print-day={date}>
      {pages?.length === 0 && <p className={classes.empty}>No visits on {longDate(date)}.</p>}
      {pages?.map((page) => (
        <section
          key={page.technicianId}
          className={classes.page}
          data-print-technician={page.technicianId}
          aria-label={`${page.technician}, ${longDate(date)}`}
        >
          <h1>{page.technician}</h1>
          <h2>
            {longDate(date)} · {page.visits.length} {page.visits.length === 1 ? 'visit' : 'visits'}
          </h2>
          <table className={classes.visits}>
            <thead>
              <tr>
                <th>Time</th>
                <th>Customer</th>
                <th>Address</th>
                <th>Phone</th>
                <th>Job</th>
                <th>Notes</th>
              </tr>
            </thead>
            <tbody>
              {page.visits.map((visit) => (
                <tr key={visit.appointmentId} data-print-visit={visit.appointmentId} data-start={visit.start}>
                  <td className={classes.time}>{clockRange(visit.start, visit.end)}</td>
                  <td>{visit.customer}</td>
                  <td>{visit.address}</td>
                  <td className={classes.time}>{visit.phone}</td>
                  <td>
                    {visit.job}
                    {visit.serviceType && ` (${visit.serviceType})`}
                  </td>
                  <td>
                    {visit.notes.length > 0 && (
                      <ul className={classes.notes}>
                        {visit.notes.map((note, index) => (
                          <li key={index}>{note}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>,
    document.body,
  );
}
