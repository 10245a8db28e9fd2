// A request sent the moment the socket connects, before the server's hello (which waits for the rooms and
// the head; a database read on PostgreSQL), is answered: the protocol asks consoles to wait for the hello,
// but a client that does not must get an answer, never silence until its ack times out.
import { io } from 'socket.io-client';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PROTOCOL_VERSION, type PullAnswer } from '../../domain/protocol';
import { login } from './support/client';
import { startInProcess, type InProcessServer } from './support/server';

let server: InProcessServer;
beforeAll(async () => {
  server = await startInProcess();
}, 60_000);
afterAll(async () => server?.dispose());

test('a pull sent before the hello is answered with the log', async () => {
  const { access_token } = await login(server.url, 'dispatcher@demo.test');
  const socket = io(server.url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { token: access_token, protocol: PROTOCOL_VERSION },
  });
  try {
    const answer = await new Promise<PullAnswer>((resolve, reject) => {
      socket.once('connect_error', reject);
      socket.once('connect', () => {
        socket
          .timeout(5_000)
          .emit('pull', { cursor: 0, limit: 10 }, (error: Error | null, reply: PullAnswer) =>
            error ? reject(error) : resolve(reply),
          );
      });
    });
    if (answer.reset) throw new Error(`the pull was answered with a reset: ${answer.reason}`);
    expect(answer.changes.length).toBeGreaterThan(0);
    expect(answer.serverId).toBe(server.context.store.databaseId);
  } finally {
    socket.close();
  }
});
