import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { electronBinaryPath, electronExecutableName, missingDisplayReason } from '../../../scripts/electron-binary';

describe('missingDisplayReason', () => {
  it('explains a Linux machine without a display', () => {
    expect(missingDisplayReason('linux', {})).toBe('no display (DISPLAY and WAYLAND_DISPLAY are unset)');
    expect(missingDisplayReason('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBeNull();
    expect(missingDisplayReason('linux', { DISPLAY: ':99' })).toBeNull();
  });

  it('lets the desktop app open on Windows and macOS', () => {
    expect(missingDisplayReason('win32', {})).toBeNull();
    expect(missingDisplayReason('darwin', {})).toBeNull();
  });
});

describe('electronBinaryPath', () => {
  const root = mkdtempSync(join(tmpdir(), 'dispatch-electron-binary-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const electronDir = join(root, 'node_modules', 'electron');
  mkdirSync(join(electronDir, 'dist'), { recursive: true });

  it('is null until the installer has written path.txt and the executable', () => {
    expect(electronBinaryPath(root, {})).toBeNull();
    writeFileSync(join(electronDir, 'path.txt'), 'electron');
    expect(electronBinaryPath(root, {})).toBeNull();
    writeFileSync(join(electronDir, 'dist', 'electron'), '');
    expect(electronBinaryPath(root, {})).toBe(join(electronDir, 'dist', 'electron'));
  });

  it('takes the executable from ELECTRON_OVERRIDE_DIST_PATH when that is set, and only from there', () => {
    const own = join(root, 'own-build');
    mkdirSync(own);
    expect(electronBinaryPath(root, { ELECTRON_OVERRIDE_DIST_PATH: own })).toBeNull();
    writeFileSync(join(own, electronExecutableName()), '');
    expect(electronBinaryPath(root, { ELECTRON_OVERRIDE_DIST_PATH: own })).toBe(join(own, electronExecutableName()));
  });

  it('names the executable as Electron does on each platform', () => {
    expect(electronExecutableName('linux')).toBe('electron');
    expect(electronExecutableName('win32')).toBe('electron.exe');
    expect(electronExecutableName('darwin')).toBe('Electron.app/Contents/MacOS/Electron');
  });
});
