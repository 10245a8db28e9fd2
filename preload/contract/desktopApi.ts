/**
 * Commands the desktop app's menu sends to the console. The console also binds the same shortcuts itself
 * (they work in web mode too); the menu only lists them and sends the command when an item is clicked.
 * Which key and which menu label goes with each is `shortcuts.ts`.
 */
export type MenuCommand =
  'show-board' | 'show-jobs' | 'find' | 'go-to-today' | 'undo' | 'toggle-theme' | 'show-shortcuts';

/** What the preload exposes as `window.dispatchDesktop`; absent in web mode. */
export interface DesktopApi {
  readonly platform: string;
  readonly appVersion: string;
  /**
   * The sync server this desktop app talks to (an origin such as `https://dispatch.example.com`), or null
   * until the office has chosen one on the first run.
   */
  getServerUrl(): Promise<string | null>;
  /**
   * Remembers another sync server (http or https; only its origin is kept). Rejects with a readable
   * message for anything else. The window's Content-Security-Policy admits only the server it was loaded
   * with, so reload the window after a change.
   */
  setServerUrl(url: string): Promise<void>;
  /** Calls `listener` for each menu command; returns a function that stops listening. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
