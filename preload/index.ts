import { contextBridge } from 'electron';
import type { DesktopApi } from '../renderer/desktop-api';

const versionArg = process.argv.find((arg) => arg.startsWith('--dispatch-app-version='));

const dispatchDesktop = {
  platform: process.platform,
  appVersion: versionArg ? versionArg.slice('--dispatch-app-version='.length) : 'unknown',
} satisfies DesktopApi;

contextBridge.exposeInMainWorld('dispatchDesktop', dispatchDesktop);
