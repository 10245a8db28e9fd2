import { notifications } from '@mantine/notifications';
import { CommandRejected } from '../data/outbox';

/**
 * Runs a dispatcher's action. The rules refuse an impossible one at once with the server's own sentence,
 * shown as a red notification; the promise then resolves to false so a form can stay open.
 */
export async function runCommand(action: () => Promise<unknown>): Promise<boolean> {
  try {
    await action();
    return true;
  } catch (error) {
    const message =
      error instanceof CommandRejected
        ? error.message
        : `The change could not be saved on this computer: ${error instanceof Error ? error.message : String(error)}`;
    notifications.show({ color: 'red', title: 'Not applied', message, autoClose: 8_000 });
    return false;
  }
}
