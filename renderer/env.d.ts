/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/vanillajs" />
import type { DesktopApi } from '../preload/contract';

declare global {
  interface Window {
    dispatchDesktop?: DesktopApi;
  }
}
