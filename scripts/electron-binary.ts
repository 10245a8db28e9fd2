import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Path of the Electron executable if it is installed, else null. Reads the file electron's
 * installer writes instead of `require('electron')`, which would start a download.
 */
export function electronBinaryPath(root = process.cwd()): string | null {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Why the desktop app cannot open here, in words for the console, or null when it can. */
export function desktopUnavailableReason(
  binary: string | null,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  if (binary === null) return 'The Electron binary is not installed on this machine';
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return 'There is no display for the desktop app here';
  return null;
}
