// `npm run dist`'s electron-builder configuration and the Electron fuses it sets, checked as data.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';
import { distConfig, ELECTRON_FUSES } from '../../../scripts/dist-config';
import packageJson from '../../../package.json';

describe('npm run dist configuration', () => {
  it('names the app and builds the installer each platform expects', () => {
    expect(distConfig.appId).toBe('app.dispatchconsole.desktop');
    expect(distConfig.productName).toBe('Dispatch Console');
    expect(distConfig.linux.target).toEqual(['AppImage', 'deb']);
    expect(distConfig.win.target).toEqual(['nsis']);
    expect(distConfig.mac.target).toEqual(['dmg']);
    expect(distConfig.publish).toBeNull();
  });

  it('packages only the built out/ folder, in an asar, with nothing rebuilt', () => {
    expect(distConfig.files).toEqual(['out/**/*', '!out/**/*.map', '!node_modules/**/*']);
    expect(distConfig.asar).toBe(true);
    expect(distConfig.npmRebuild).toBe(false);
    expect(packageJson.main).toBe('out/main/index.js');
  });

  it('sets the Electron fuses at packaging', () => {
    expect(distConfig.electronFuses).toBe(ELECTRON_FUSES);
    expect(ELECTRON_FUSES).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('pins electron-builder and Electron exactly', () => {
    expect(packageJson.devDependencies['electron-builder']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(packageJson.devDependencies.electron).toBe('45.5.0');
    expect(packageJson.scripts.dist).toBe('electron-vite build && tsx scripts/dist.ts');
  });

  it('has a 512×512 PNG icon', () => {
    const png = readFileSync(distConfig.icon);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });

  it('bundles the main process, so the package needs no node_modules (run after npm run build)', () => {
    const main = readFileSync('out/main/index.js', 'utf8');
    const imported = [...main.matchAll(/^import .* from "([^"]+)";$/gm)].map((match) => match[1]!);
    expect(imported.length).toBeGreaterThan(0);
    const outside = imported.filter(
      (name) => name !== 'electron' && !name.startsWith('node:') && !builtinModules.includes(name),
    );
    expect(outside).toEqual([]);
  });
});
