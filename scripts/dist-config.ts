// What `npm run dist` packages: electron-builder's configuration as plain data, so `npm test` checks it
// (tests/unit/scripts/dist-config.test.ts) without building anything.
import type { Configuration } from 'electron-builder';

/**
 * Electron fuses flipped in the packaged binary (electron-builder applies them with @electron/fuses). The app
 * never runs as plain Node, takes no NODE_OPTIONS or --inspect from outside, encrypts its cookie store and
 * runs only the code in its own, integrity-checked app.asar; it serves its pages over app://, never file://.
 */
export const ELECTRON_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
} as const satisfies NonNullable<Configuration['electronFuses']>;

export const distConfig = {
  appId: 'app.dispatchconsole.desktop',
  productName: 'Dispatch Console',
  executableName: 'dispatch-console',
  copyright: 'Dispatch Console',
  directories: { output: 'dist', buildResources: 'build' },
  // Only the built app: main, preload and renderer bundle what they use, so no node_modules (the server's
  // dependencies among them) and no sources go in.
  files: ['out/**/*', '!out/**/*.map', '!node_modules/**/*'],
  asar: true,
  // Nothing native is packaged, so nothing is rebuilt against Electron's headers.
  npmRebuild: false,
  nodeGypRebuild: false,
  electronFuses: ELECTRON_FUSES,
  icon: 'build/icon.png',
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    maintainer: 'Dispatch Console',
    synopsis: 'Dispatch board and job console for field-service offices',
  },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, allowToChangeInstallationDirectory: true },
  mac: { target: ['dmg'], category: 'public.app-category.business' },
  publish: null,
} as const satisfies Configuration;
