// `npm start`: the embedded sync server on demo data, and the console in the desktop app where an Electron
// binary and a display exist — otherwise the same console in web mode, at the URL printed.
import { spawn, type ChildProcess } from 'node:child_process';
import { desktopUnavailableReason, electronBinaryPath } from './electron-binary';

const port = process.env.DISPATCH_PORT ?? '4820';
const dataDir = process.env.DISPATCH_DATA_DIR ?? 'data';
// `node --import tsx` rather than the tsx CLI keeps one process per server, so signals reach it directly.
const serverArgs = ['--import', 'tsx', 'server/main.ts', '--port', port, '--data', dataDir, '--demo'];

function forwardSignals(child: ChildProcess): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => child.kill(signal));
  }
}

/** Passes the server's output through and resolves with its URL once it says it is ready. */
function waitForUrl(server: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let log = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      log += chunk.toString();
      const match = /ready on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (match) resolve(match[1]!);
    });
    server.once('exit', (code) => reject(new Error(`The sync server stopped (exit code ${code}) before it was ready.`)));
  });
}

async function main(): Promise<void> {
  const electron = electronBinaryPath();
  const unavailable = desktopUnavailableReason(electron);

  const server = spawn(process.execPath, serverArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
  forwardSignals(server);
  const url = await waitForUrl(server);

  if (unavailable !== null) {
    console.log(`${unavailable}, so the console is served in web mode: open ${url} in a browser.`);
    server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
    return;
  }

  const app = spawn(electron!, ['out/main/index.js'], {
    stdio: 'inherit',
    env: { ...process.env, DISPATCH_SERVER_URL: url },
  });
  app.on('exit', (code) => {
    server.kill('SIGTERM');
    process.exitCode = code ?? 0;
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
