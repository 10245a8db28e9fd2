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
  /**
   * Saves this window's print view as a PDF (Electron's printToPDF, the print stylesheet applies) where
   * the dispatcher chooses in the system's save dialog, `suggestedName` offered. Resolves with where it
   * was saved, or `{ saved: false }` when the dialog was canceled. Optional: the console offers "Save as
   * PDF" only where it exists.
   */
  savePdf?(suggestedName: string): Promise<SavedPdf>;
  /** Calls `listener` for each menu command; returns a function that stops listening. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

/** What `savePdf` answers. */
export type SavedPdf = { saved: true; path: string } | { saved: false };
