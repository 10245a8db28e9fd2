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
