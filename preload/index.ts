import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopApi } from './api';

contextBridge.exposeInMainWorld('dispatchDesktop', createDesktopApi(ipcRenderer, process.platform, process.argv));
