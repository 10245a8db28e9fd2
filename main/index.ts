// The Electron entry: wires the pure modules beside it to the real Electron objects. Nothing else in
// main/ touches Electron at import time.
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, screen, session, shell } from 'electron';
import fs from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentSecurityPolicy, enforceContentSecurityPolicy } from './csp';
import { registerDesktopHandlers } from './desktop-handlers';
import { sendEvent } from './ipc';
import { IPC } from '../preload/contract';
import { applicationMenuTemplate } from './menu';
import { registerSavePdf } from './print-pdf';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { denyPermissions, hardenContents } from './security';
import { SETTINGS_FILE_NAME, SettingsStore } from './settings';
import { claimSingleInstance } from './single-instance';
import { createConsoleWindow } from './window';

const rendererRoot = fileURLToPath(new URL('../renderer', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

// Every renderer sandboxed, whatever a window's own preferences say; Electron accepts this only before ready.
app.enableSandbox();
// Tests and side-by-side installs give each run its own profile (and so its own single-instance lock).
if (process.env.DISPATCH_USER_DATA_DIR) app.setPath('userData', resolve(process.env.DISPATCH_USER_DATA_DIR));
registerAppScheme(protocol);

let consoleWindow: BrowserWindow | undefined;

function isFile(path: string): boolean {
  try {
    return fs.statSync(path).isFile();
  } catch {
    return false;
  }
}

function start(): void {
  const settings = new SettingsStore(
    join(app.getPath('userData'), SETTINGS_FILE_NAME),
    fs,
    process.env.DISPATCH_SERVER_URL,
  );
  const policy = () => contentSecurityPolicy(settings.serverUrl);

  denyPermissions(session.defaultSession);
  enforceContentSecurityPolicy(session.defaultSession, policy);
  serveAppProtocol(protocol, { root: rendererRoot, fetchFile: (url) => net.fetch(url), isFile, policy });
  registerDesktopHandlers(ipcMain, settings);
  registerSavePdf(ipcMain, {
    showSaveDialog: (options) =>
      consoleWindow ? dialog.showSaveDialog(consoleWindow, options) : dialog.showSaveDialog(options),
    writeFile: (path, data) => fs.promises.writeFile(path, data),
    folder: app.getPath('documents'),
  });

  const menu = applicationMenuTemplate({
    platform: process.platform,
    isDevelopment: !app.isPackaged,
    send: (command) => consoleWindow && sendEvent(consoleWindow.webContents, IPC.menuCommand, command),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menu));

  consoleWindow = createConsoleWindow({
    BrowserWindow,
    preload: preloadPath,
    appVersion: app.getVersion(),
    workAreas: screen.getAllDisplays().map((display) => display.workArea),
    windowState: settings.windowState,
    saveWindowState: (state) => settings.setWindowState(state),
  });
  consoleWindow.on('closed', () => (consoleWindow = undefined));
}

if (claimSingleInstance(app, () => consoleWindow)) {
  // Applies to every webContents, including ones we did not create ourselves.
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, (url) => shell.openExternal(url)));
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start);
}
