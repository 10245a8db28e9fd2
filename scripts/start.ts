// `npm start`: the embedded sync server on demo data, and the console in the desktop app wherever Electron can
// be had (fetched with Electron's own installer when missing) — otherwise the same console in web mode, with
// one line saying why and what to do. The decision itself is `launch.ts`; this file wires it to processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { electronBinaryPath } from './electron-binary';
import { progressPrinter, runElectronInstaller } from './electron-install';
import { launchConsole } from './launch';

// The server reads DISPATCH_PORT, DISPATCH_HOST and DISPATCH_DATA_DIR itself. `node --import tsx` rather than
// the tsx CLI keeps one process per server, so signals reach it directly.
const serverArgs = ['--import', 'tsx', 'server/main.ts', '--demo'];

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
      const match = /ready on (http:\/\/\S+:\d+)/.exec(log);
      if (match) resolve(match[1]!);
    });
    server.once('exit', (code) =>
      reject(new Error(`The sync server stopped (exit code ${code}) before it was ready.`)),
    );
  });
}

/** The pinned Electron's version and the Node range its installer declares, read without loading it. */
function pinnedElectron(): { version: string; installerNode: string } {
  const manifest = JSON.parse(readFileSync(join('node_modules', 'electron', 'package.json'), 'utf8')) as {
    version: string;
    engines?: { node?: string };
  };
  return { version: manifest.version, installerNode: manifest.engines?.node ?? '*' };
}

async function main(): Promise<void> {
  let server: ChildProcess | undefined;
  const electron = pinnedElectron();
  const outcome = await launchConsole({
    platform: process.platform,
    env: process.env,
    nodeVersion: process.version,
    electron,
    findElectron: () => electronBinaryPath(),
    installElectron: async () => {
      const progress = progressPrinter(process.stdout, `Downloading Electron ${electron.version}`);
      const outcome = await runElectronInstaller({ onProgress: (received, total) => progress.update(received, total) });
      progress.end();
      return outcome;
    },
    startServer: () => {
      server = spawn(process.execPath, serverArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
      forwardSignals(server);
      return waitForUrl(server);
    },
    openDesktop: (binary, serverUrl) => {
      const env: NodeJS.ProcessEnv = { ...process.env, DISPATCH_SERVER_URL: serverUrl };
      // Set in a parent shell it would start Electron as plain Node.
      delete env.ELECTRON_RUN_AS_NODE;
      const app = spawn(binary, ['out/main/index.js'], { stdio: 'inherit', env });
      app.on('exit', (code) => {
        server?.kill('SIGTERM');
        process.exitCode = code ?? 0;
      });
    },
    print: (line) => console.log(line),
  });
  if (outcome.mode === 'web') server?.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
