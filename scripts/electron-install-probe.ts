// Loaded with `--import` into the process that runs Electron's own installer (node_modules/electron/install.js).
// The installer prints only "TypeError: fetch failed" and shows no progress for its first 30 s; this wraps
// the global fetch its downloader calls, to tell `npm start` how far the download is and, when it fails, why.
import { describeFetchFailure } from './fetch-failure';
import type { InstallerReport } from './electron-install';

const REPORT_EVERY_MS = 250;

function report(message: InstallerReport): void {
  process.send?.(message);
}

function hostOf(input: string | URL | Request): string {
  try {
    return new URL(input instanceof Request ? input.url : input).host;
  } catch {
    return String(input);
  }
}

/** The same body, counted on its way through; reports at most every REPORT_EVERY_MS and at the end. */
function counted(body: ReadableStream<Uint8Array>, total: number | null): ReadableStream<Uint8Array> {
  let received = 0;
  let reportedAt = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (Date.now() - reportedAt >= REPORT_EVERY_MS) {
          reportedAt = Date.now();
          report({ type: 'progress', received, total });
        }
        controller.enqueue(chunk);
      },
      flush() {
        report({ type: 'progress', received, total });
      },
    }),
  );
}

const originalFetch = globalThis.fetch;

globalThis.fetch = async (input, init) => {
  let response: Response;
  try {
    response = await originalFetch(input, init);
  } catch (error) {
    report({ type: 'failed', cause: describeFetchFailure(error) });
    throw error;
  }
  if (!response.ok) {
    report({ type: 'failed', cause: `HTTP ${response.status} from ${hostOf(response.url || input)}` });
    return response;
  }
  if (!response.body) return response;
  const total = Number(response.headers.get('content-length')) || null;
  report({ type: 'progress', received: 0, total });
  return new Response(counted(response.body, total), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
};
