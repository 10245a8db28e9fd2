import { STATUS_STYLES } from '../../domain';
import type { CsvColumn } from '../kit/csv';
import { clockTime, isoDay } from '../kit/format';
import type { JobRow } from './jobRows';

/** A moment as a spreadsheet sorts and reads it: "2026-03-03 9:00 AM", on the console's (office) clock. */
export function csvMoment(at: number): string {
  return `${isoDay(at)} ${clockTime(at)}`;
}

/** The jobs list's export: what each row shows, one column per fact, in the list's words. */
export const JOB_CSV_COLUMNS: readonly CsvColumn<JobRow>[] = [
  { header: 'Job id', value: (row) => row.id },
  { header: 'Status', value: (row) => STATUS_STYLES[row.status].label },
  { header: 'Job', value: (row) => row.title },
  { header: 'Customer', value: (row) => row.customerName },
  { header: 'Street', value: (row) => row.street },
  { header: 'City', value: (row) => row.city },
  { header: 'Service type', value: (row) => row.serviceType },
  { header: 'Next appointment', value: (row) => (row.next ? csvMoment(row.next.start) : '') },
  {
    header: 'Technician',
    value: (row) =>
      row.next ? (row.next.technicianName === null ? 'Unassigned' : (row.next.technicianName ?? '')) : '',
  },
  { header: 'Provider', value: (row) => row.providerName },
  { header: 'Created', value: (row) => csvMoment(row.createdAt) },
];

/** "jobs-2026-03-03.csv" */
export function jobsFileName(now = Date.now()): string {
  return `jobs-${isoDay(now)}.csv`;
}
