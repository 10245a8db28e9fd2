import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

/**
 * The data folder and the database files hold every customer's name, address and phone: the folder is
 * created 0700 and the files 0600, so other users of the machine cannot read them. An existing folder is
 * left as the operator made it (it might be shared, like /tmp); `isPrivateFolder` lets the caller warn.
 */
export function createPrivateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
}

export function isPrivateFolder(folder: string): boolean {
  return process.platform === 'win32' || (statSync(folder).mode & 0o077) === 0;
}

/**
 * Creates the file 0600 if it is missing and tightens it (and SQLite's -wal and -shm companions) if it
 * exists. SQLite creates its companions with the main file's permissions, so they follow.
 */
export function makePrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, 0o600);
}
