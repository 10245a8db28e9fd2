import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Every TCP connection of the HTTP server, upgraded WebSockets included (Node stops tracking those
 * itself once they upgrade), so a shutdown past its deadline can close what is still open.
 */
export function trackConnections(server: Server): Set<Socket> {
  const open = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  return open;
}

/** Whether `work` settled within `ms`; it keeps running either way. */
export function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void work
      .then(
        () => resolve(true),
        () => resolve(true),
      )
      .finally(() => clearTimeout(timer));
  });
}
