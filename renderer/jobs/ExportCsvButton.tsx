import { Button, Group, Progress, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { downloadText, writeCsv } from '../kit/csv';
import { JOB_CSV_COLUMNS, jobsFileName } from './exportJobs';
import type { JobRow } from './jobRows';

/** Lists longer than this show their progress while the file is written. */
const SHOW_PROGRESS_FROM = 1_000;

/** "Export CSV": exactly the rows the filters show, in their order, written in slices with a progress bar. */
export function ExportCsvButton({ rows }: { rows: readonly JobRow[] }) {
  const [progress, setProgress] = useState<number | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const exportRows = async () => {
    const controller = new AbortController();
    abort.current = controller;
    const snapshot = [...rows];
    const large = snapshot.length >= SHOW_PROGRESS_FROM;
    if (large) setProgress(0);
    try {
      const text = await writeCsv(snapshot, JOB_CSV_COLUMNS, large ? setProgress : undefined, controller.signal);
      downloadText(text, jobsFileName());
    } catch (error) {
      if ((error as Error).name !== 'AbortError')
        notifications.show({ color: 'red', title: 'The export failed', message: (error as Error).message });
    } finally {
      setProgress(null);
    }
  };

  if (progress !== null)
    return (
      <Group gap={8} wrap="nowrap" w={200} data-export-progress={Math.round(progress * 100)}>
        <Progress value={progress * 100} aria-label="Exporting jobs" style={{ flex: 1 }} />
        <Text size="xs" c="dimmed">
          {Math.round(progress * 100)}%
        </Text>
      </Group>
    );
  return (
    <Button
      variant="default"
      size="sm"
      leftSection={<IconFileSpreadsheet size={16} />}
      disabled={rows.length === 0}
      onClick={() => void exportRows()}
    >
      Export CSV
    </Button>
  );
}
