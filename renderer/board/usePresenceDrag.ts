import { monitorForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { useEffect } from 'react';
import { useConsole } from '../kit/SyncProvider';
import { isBoardDrag } from './dnd';

/**
 * While a block or a queued job is dragged, the other dispatchers see "… is moving this" on it. Only the
 * start and the end of a drag are reported (the pointer's path is not), so a drag costs two updates.
 */
export function usePresenceDrag(): void {
  const { client } = useConsole();
  useEffect(
    () =>
      monitorForElements({
        canMonitor: ({ source }) => isBoardDrag(source.data),
        onDragStart: ({ source }) => {
          const data = source.data;
          if (isBoardDrag(data))
            client.presence.report({ moving: data.kind === 'appointment' ? data.appointmentId : data.jobId });
        },
        onDrop: () => client.presence.report({ moving: null }),
      }),
    [client],
  );
}
