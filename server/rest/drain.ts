import type { IncomingMessage } from 'node:http';

/**
 * How much of a refused body the server still reads. The body limit (256 KB) refuses a request as soon
 * as its `Content-Length` is known, but the client is usually still sending: answering and closing the
 * connection at once resets it under the client's feet, and a client that has not read the answer yet
 * (fetch/undici, under load) reports "fetch failed" instead of the 413. So the rest of the body is read
 * and thrown away first — up to a bound, so that a client cannot keep the server reading forever.
 */
export const DRAIN_LIMIT = { bytes: 8 * 1024 * 1024, ms: 10_000 };

/**
 * Reads and discards what is left of a request body; resolves once the client has sent it all, or
 * when the bound is reached (the connection is then closed with the answer, as before).
 */
export function drainBody(request: IncomingMessage, limit = DRAIN_LIMIT): Promise<void> {
  return new Promise((resolve) => {
    const declared = Number(request.headers['content-length']);
    if (request.complete || request.destroyed || declared > limit.bytes) return resolve();
    let read = 0;
    const done = () => {
      clearTimeout(timer);
      request.off('data', onData);
      request.off('end', done);
      request.off('error', done);
      request.off('close', done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      read += chunk.length;
      if (read > limit.bytes) done();
    };
    const timer = setTimeout(done, limit.ms);
    request.on('data', onData);
    request.once('end', done);
    request.once('error', done);
    request.once('close', done);
    request.resume();
  });
}
