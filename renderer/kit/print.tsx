import { Button, Tooltip } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useSyncExternalStore } from 'react';

// "Print day" may be asked for from the board's toolbar or the palette (which cannot reach the board): the
// board's print view prints once its data is read, and says it has.
let requested = false;
const listeners = new Set<() => void>();

function setRequested(value: boolean) {
  requested = value;
  for (const listener of listeners) listener();
}

export function requestPrintDay(): void {
  setRequested(true);
}

export function printDayDone(): void {
  setRequested(false);
}

export function usePrintDayRequested(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => requested,
  );
}

/** The board toolbar's button: one page per technician with the day's visits (the system print dialog). */
export function PrintDayButton() {
  return (
    <Tooltip label="A page per technician with the day's visits" withArrow>
      <Button size="xs" variant="default" leftSection={<IconPrinter size={14} />} onClick={requestPrintDay}>
        Print day
      </Button>
    </Tooltip>
  );
}
