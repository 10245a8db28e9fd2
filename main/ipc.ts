// Every IPC handler goes through `handleTrusted`, which answers only the console's own frames.
import { isAppUrl } from './app-origin';
import type { EventChannels, InvokeChannel, InvokeChannels } from '../preload/contract';

export interface IpcSenderEvent {
  senderFrame: { url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => unknown): void;
}

export type InvokeHandler<C extends InvokeChannel> = (
  ...args: InvokeChannels[C]['args']
) => InvokeChannels[C]['result'] | Promise<InvokeChannels[C]['result']>;

export class IpcSenderRejected extends Error {
  readonly code = 'IPC_SENDER_REJECTED';
  constructor(channel: string, url: string | undefined) {
    super(`The desktop app ignored a request on ${channel} from ${url ?? 'a closed frame'}; only the console may ask.`);
  }
}

/** A frame of the console, loaded from app://dispatch; not a foreign page, an iframe elsewhere or a closed frame. */
export function isTrustedSender(event: IpcSenderEvent): boolean {
  return event.senderFrame !== null && isAppUrl(event.senderFrame.url);
}

/**
 * Registers `handler` for `channel`; the arguments are typed by the channel map but arrive from the
 * renderer unchecked, so each handler still validates what it is given.
 */
export function handleTrusted<C extends InvokeChannel>(
  ipcMain: IpcMainLike,
  channel: C,
  handler: InvokeHandler<C>,
): void {
  ipcMain.handle(channel, (event, ...args) => {
    if (!isTrustedSender(event)) throw new IpcSenderRejected(channel, event.senderFrame?.url);
    return handler(...(args as InvokeChannels[C]['args']));
  });
}

/** Sends a typed event to the console (menu commands). */
export function sendEvent<C extends keyof EventChannels>(
  contents: { send(channel: string, ...args: unknown[]): void },
  channel: C,
  ...args: EventChannels[C]
): void {
  contents.send(channel, ...args);
}
