import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { Server } from 'socket.io';

/**
 * The baseline for bench/server.ts: a bare socket.io server that acknowledges every `push` at once.
 * Same transport, message size limit and machine as the sync server; no validation, no storage.
 * `node --import tsx bench/support/echoServer.ts --port 0` prints its URL when it listens.
 */
const { port } = parseArgs({ options: { port: { type: 'string', default: '0' } } }).values;

const http = createServer();
const io = new Server(http, { maxHttpBufferSize: 1_000_000 });
io.on('connection', (socket) =>
  socket.on('push', (_payload: unknown, ack: (answer: unknown) => void) => ack({ ok: true })),
);

http.listen(Number(port), '127.0.0.1', () => {
  const address = http.address();
  const actual = typeof address === 'object' && address ? address.port : Number(port);
  console.log(`echo server ready on http://127.0.0.1:${actual}`);
});

const stop = () => {
  io.close();
  http.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1_000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
