// Web mode's offline shell: the service worker that vite-plugin-pwa generates (see electron.vite.config.ts)
// precaches the built console, so a tab reopens and reloads while the sync server is unreachable. The
// dispatcher's data is not its business: that lives in IndexedDB and the outbox.
import type { DesktopApi } from '../preload/contract';

export interface ServiceWorkerEnvironment {
  protocol: string;
  hasServiceWorker: boolean;
  desktop: DesktopApi | undefined;
}

/** Web mode only: the desktop app already loads the console from its own files over app://. */
export function shouldRegisterServiceWorker(environment: ServiceWorkerEnvironment): boolean {
  return (
    environment.desktop === undefined &&
    environment.hasServiceWorker &&
    (environment.protocol === 'http:' || environment.protocol === 'https:')
  );
}

export interface ServiceWorkerCallbacks {
  /**
   * A new version of the console is installed and waiting. It is not switched in by itself, so a
   * dispatcher is never reloaded mid-drag; call `apply` (e.g. from a "Reload to update" notification).
   */
  onUpdateReady?(apply: () => Promise<void>): void;
  /** The app shell is cached: from now on the console opens without the server. */
  onOfflineReady?(): void;
}

/** Registers the service worker in web mode; resolves to whether it did. */
export async function registerServiceWorker(callbacks: ServiceWorkerCallbacks = {}): Promise<boolean> {
  const environment = {
    protocol: location.protocol,
    hasServiceWorker: 'serviceWorker' in navigator,
    desktop: window.dispatchDesktop,
  };
  if (!shouldRegisterServiceWorker(environment)) return false;
  const { registerSW } = await import('virtual:pwa-register');
  const update = registerSW({
    immediate: true,
    onNeedRefresh: () => callbacks.onUpdateReady?.(() => update(true)),
    onOfflineReady: () => callbacks.onOfflineReady?.(),
    onRegisterError: (error: unknown) => console.warn('Offline support is unavailable in this browser:', error),
  });
  return true;
}
