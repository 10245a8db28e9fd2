/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/vanillajs" />
import type { DesktopApi } from './desktop-api';

declare global {
  interface Window {
    dispatchDesktop?: DesktopApi;
  }
}
