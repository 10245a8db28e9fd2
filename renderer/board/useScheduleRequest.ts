import { useEffect, useRef } from 'react';
import { customerName, deriveJobStatus, reasonLookup } from '../../domain';
import { readJobView } from '../data/jobState';
import { clearScheduleRequest, useNewJobState } from '../kit/newJobIntent';
import { useConsole } from '../kit/SyncProvider';
import type { QueueJob } from './QueuePanel';

/**
 * "Save and schedule" in the New job dialog: the board opens its scheduling dialog (the keyboard path's)
 * on the job just queued. The job may exist only in the outbox (also offline), so it is read replayed.
 */
export function useScheduleRequest(onSchedule: (job: QueueJob) => void): void {
  const { client, actor } = useConsole();
  const { scheduleJobId } = useNewJobState();
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    if (!scheduleJobId) return;
    // Cleared at once so it runs once; the read below is not canceled by that (the dialog is still wanted).
    clearScheduleRequest();
    void readJobView(client.db, scheduleJobId, actor).then((view) => {
      const { job } = view;
      if (!mounted.current || !job) return;
      const appointments = view.appointments;
      onSchedule({
        summary: {
          job,
          status: deriveJobStatus(job, appointments, reasonLookup(view.lookups.completeReasons)),
          appointments,
          pending: view.pendingJob,
        },
        customerName: customerName(view.customer),
        address: [job.address.street1, job.address.city].filter(Boolean).join(', '),
        sourceName: undefined,
      });
    });
  }, [scheduleJobId, client, actor, onSchedule]);
}
