import { Button, Tooltip } from '@mantine/core';
import { IconFileTypePdf, IconPrinter } from '@tabler/icons-react';
import { useSyncExternalStore } from 'react';

// "Print day" may be asked for from the board's toolbar or the palette (which cannot reach the board): the
// board's print view prints once its data is read, and says it has.
/** How the printed day leaves: the system print dialog, or (desktop app) a PDF file. */
export type PrintOutput = 'print' | 'pdf';

let requested: PrintOutput | null = null;
const listeners = new Set<() => void>();

function setRequested(value: PrintOutput | null) {
  requested = value;
  for (const listener of listeners) listener();
}

export function requestPrintDay(output: PrintOutput = 'print'): void {
  setRequested(output);
}

export function printDayDone(): void {
  setRequested(null);
}

export function usePrintDayRequested(): PrintOutput | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => requested,
  );
}

/** The desktop app can write the printed day to a PDF itself (Electron's printToPDF). */
export function canSavePdf(): boolean {
  return typeof window.dispatchDesktop?.savePdf === 'function';
}

/**
 * The board toolbar's buttons: one page per technician with the day's visits, through the system print
 * dialog, and in the desktop app also straight to a PDF file.
 */
export function PrintDayButton() {
  return (
    <>
      <Tooltip label="A page per technician with the day's visits" withArrow>
        <Button size="xs" variant="default" leftSection={<IconPrinter size={14} />} onClick={() => requestPrintDay()}>
          Print day
        </Button>
      </Tooltip>
      {canSavePdf() && (
        <Button
          size="xs"
          variant="default"
          leftSection={<IconFileTypePdf size={14} />}
          onClick={() => requestPrintDay('pdf')}
        >
          Save as PDF
        </Button>
      )}
    </>
  );
}
