import { app, BrowserWindow, session } from 'electron';
import { fileURLToPath } from 'node:url';
import { denyPermissions, hardenContents } from './security';

const serverUrl = process.env.DISPATCH_SERVER_URL ?? 'http://127.0.0.1:4820';
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Dispatch Console',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // Sandboxed preloads cannot reach `app`; hand them the version through argv instead.
      additionalArguments: [`--dispatch-app-version=${app.getVersion()}`],
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(serverUrl);
  return win;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  // Applies to every webContents, including ones we did not create ourselves.
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, serverUrl));
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(() => {
    denyPermissions(session.defaultSession);
    createWindow();
  });
}
