// What `npm start` opens: the desktop app wherever Electron can be had, else the same console in web mode
// with one line saying why and what to do. Everything that touches the machine comes in through `LaunchDeps`,
// so tests drive the decision with a fake installer and a fake server.
import semver from 'semver';
import type { InstallOutcome } from './electron-install';
import { electronExecutableName, missingDisplayReason } from './electron-binary';

export interface LaunchDeps {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** process.version */
  nodeVersion: string;
  /** The pinned Electron's version and the Node range its installer declares (its package.json `engines`). */
  electron: { version: string; installerNode: string };
  /** The installed (or overridden) Electron executable, or null. */
  findElectron(): string | null;
  installElectron(): Promise<InstallOutcome>;
  /** Starts the sync server; resolves with its URL once it is ready. */
  startServer(): Promise<string>;
  openDesktop(binary: string, serverUrl: string): void;
  print(line: string): void;
}

/** Why the desktop app did not open, in the shape the one-line message needs. */
export type DesktopProblem =
  | { kind: 'no-display'; detail: string }
  | { kind: 'override-missing'; dir: string; executable: string }
  | { kind: 'download-failed'; cause: string; oldNode?: { current: string; required: string } };

export type LaunchOutcome =
  | { mode: 'desktop'; binary: string; serverUrl: string }
  | { mode: 'web'; serverUrl: string; problem: DesktopProblem; line: string };

/** The one line `npm start` prints when it serves web mode: why, where the console is, what to do. */
export function webModeLine(problem: DesktopProblem, serverUrl: string): string {
  const served = `the console is served at ${serverUrl}`;
  switch (problem.kind) {
    case 'no-display':
      return `${problem.detail}: ${served}; open it in a browser, or run npm start in a desktop session to get the desktop app`;
    case 'override-missing':
      return (
        `ELECTRON_OVERRIDE_DIST_PATH names ${problem.dir}, which holds no ${problem.executable}: ${served}; ` +
        'point it at an Electron build folder or unset it to get the desktop app'
      );
    case 'download-failed': {
      const { oldNode } = problem;
      if (!oldNode) {
        return `could not download Electron (${problem.cause}): ${served}; set ELECTRON_MIRROR or install Electron to get the desktop app`;
      }
      return (
        `could not download Electron (${problem.cause}; its installer needs Node ${oldNode.required}, this is ${oldNode.current}): ` +
        `${served}; use Node ${oldNode.required}, set ELECTRON_MIRROR or install Electron to get the desktop app`
      );
    }
  }
}

/** The Node range the installer wants, when this Node is outside it; undefined when Node is fine. */
export function oldNodeFor(
  nodeVersion: string,
  installerNode: string,
): { current: string; required: string } | undefined {
  if (semver.satisfies(nodeVersion, installerNode)) return undefined;
  return { current: semver.clean(nodeVersion) ?? nodeVersion, required: installerNode.replace(/\s+/g, ' ').trim() };
}

/** The Electron executable to open, fetching it first if need be, or why there is none. */
async function findOrFetchElectron(deps: LaunchDeps): Promise<{ binary: string } | { problem: DesktopProblem }> {
  const noDisplay = missingDisplayReason(deps.platform, deps.env);
  if (noDisplay) return { problem: { kind: 'no-display', detail: noDisplay } };

  const installed = deps.findElectron();
  if (installed) return { binary: installed };
  const override = deps.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    return { problem: { kind: 'override-missing', dir: override, executable: electronExecutableName(deps.platform) } };
  }

  const oldNode = oldNodeFor(deps.nodeVersion, deps.electron.installerNode);
  deps.print(
    `Electron ${deps.electron.version} is not installed yet; downloading it with its own installer` +
      (oldNode ? ` (which asks for Node ${oldNode.required}; this is ${oldNode.current}, trying anyway)…` : '…'),
  );
  const outcome = await deps.installElectron();
  if (!outcome.ok) return { problem: { kind: 'download-failed', cause: outcome.cause, ...(oldNode && { oldNode }) } };
  const fetched = deps.findElectron();
  if (!fetched) return { problem: { kind: 'download-failed', cause: 'the installer finished but left no executable' } };
  deps.print(`Electron ${deps.electron.version} is installed.`);
  return { binary: fetched };
}

export async function launchConsole(deps: LaunchDeps): Promise<LaunchOutcome> {
  // The server starts while Electron downloads; both are needed before anything opens.
  const [serverUrl, electron] = await Promise.all([deps.startServer(), findOrFetchElectron(deps)]);
  if ('problem' in electron) {
    const line = webModeLine(electron.problem, serverUrl);
    deps.print(line);
    return { mode: 'web', serverUrl, problem: electron.problem, line };
  }
  deps.openDesktop(electron.binary, serverUrl);
  return { mode: 'desktop', binary: electron.binary, serverUrl };
}
