import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the executable sits inside an Electron build folder, as Electron's own installer names it. */
export function electronExecutableName(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/** The executable in the folder ELECTRON_OVERRIDE_DIST_PATH names (the user's own Electron build). */
export function overrideBinaryPath(distPath: string, platform: NodeJS.Platform = process.platform): string {
  return join(distPath, electronExecutableName(platform));
}

/**
 * Path of the Electron executable if it is installed, else null: the one in ELECTRON_OVERRIDE_DIST_PATH when
 * that is set, else the one Electron's installer put under node_modules/electron/dist (it writes path.txt
 * last). Never `require('electron')`, which would start a download.
 */
export function electronBinaryPath(root = process.cwd(), env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const binary = overrideBinaryPath(env.ELECTRON_OVERRIDE_DIST_PATH);
    return existsSync(binary) ? binary : null;
  }
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Why no window can open here (Linux without X11 or Wayland), or null where one can. */
export function missingDisplayReason(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY)
    return 'no display (DISPLAY and WAYLAND_DISPLAY are unset)';
  return null;
}
