import { describe, expect, it } from 'vitest';
import { desktopUnavailableReason } from '../../../scripts/electron-binary';

describe('desktopUnavailableReason', () => {
  it('explains a missing binary', () => {
    expect(desktopUnavailableReason(null, 'linux', { DISPLAY: ':0' })).toMatch(/Electron binary is not installed/);
  });

  it('explains a Linux machine without a display', () => {
    expect(desktopUnavailableReason('/e/electron', 'linux', {})).toMatch(/no display/);
    expect(desktopUnavailableReason('/e/electron', 'linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBeNull();
    expect(desktopUnavailableReason('/e/electron', 'linux', { DISPLAY: ':99' })).toBeNull();
  });

  it('lets the desktop app open on Windows and macOS', () => {
    expect(desktopUnavailableReason('C:\\e\\electron.exe', 'win32', {})).toBeNull();
    expect(desktopUnavailableReason('/e/Electron.app/Contents/MacOS/Electron', 'darwin', {})).toBeNull();
  });
});
