import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { VitePWA } from 'vite-plugin-pwa';

const root = import.meta.dirname;

/** Requests that always belong to the sync server, never to the cached app shell. */
const SERVER_PATHS = [/^\/v3(\/|$)/, /^\/socket\.io(\/|$)/, /^\/demo\//, /^\/health$/];

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Bundled, not left to node_modules: the installed app ships out/ alone (scripts/dist-config.ts).
      externalizeDeps: false,
      rolldownOptions: { input: { index: resolve(root, 'main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        // Sandboxed preloads cannot load ES modules, so this one stays CommonJS despite "type": "module".
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    // The console is served from the root of both app://dispatch/ and the sync server, so absolute asset
    // URLs hold on any client-side route, and the service worker's scope is the whole origin.
    base: '/',
    plugins: [
      react(),
      // Web mode's offline shell: a Workbox service worker precaching the build. It caches nothing at
      // run time, so the REST API and socket.io always go to the network (and the outbox when it fails).
      VitePWA({
        // renderer/pwa.ts registers it, and only in web mode.
        injectRegister: false,
        // A new version waits until the console asks; an unannounced reload would interrupt a dispatcher.
        registerType: 'prompt',
        manifest: false,
        workbox: {
          globPatterns: ['**/*.{html,js,css,svg,png,ico,woff,woff2}'],
          navigateFallback: 'index.html',
          navigateFallbackDenylist: SERVER_PATHS,
          runtimeCaching: [],
          // The first visit is controlled at once, so even it survives an outage; updates still wait.
          clientsClaim: true,
          cleanupOutdatedCaches: true,
          maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        },
      }),
    ],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // A long-lived app loaded once from the local server; code splitting would not pay off yet.
      chunkSizeWarningLimit: 2000,
      // electron-vite leaves the renderer unminified by default: 2.76 MB of JavaScript to parse at every
      // start instead of 1.27 MB. The bench always measured it minified; the app now ships what it measured.
      minify: true,
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
