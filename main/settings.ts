// The desktop app's own settings (which sync server, where the window was), one small JSON file in
// userData. Synchronous on purpose: the window state is written from the `close` handler, and an
// asynchronous write could still be pending when the process exits.
import { dirname } from 'node:path';
import { z } from 'zod';
import { checkServerAddress } from '../domain/server-address';

export const SETTINGS_FILE_NAME = 'dispatch-desktop.json';

const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean().default(false),
});

const settingsSchema = z.object({
  serverUrl: z.string().optional(),
  windowState: windowStateSchema.optional(),
});

export type WindowState = z.infer<typeof windowStateSchema>;
export type Settings = z.infer<typeof settingsSchema>;

export interface SettingsFs {
  readFileSync(path: string, encoding: 'utf8'): string;
  writeFileSync(path: string, data: string): void;
  renameSync(from: string, to: string): void;
  mkdirSync(path: string, options: { recursive: true }): unknown;
}

export class SettingsError extends Error {
  constructor(
    readonly code: 'INVALID_SERVER_URL' | 'SETTINGS_NOT_SAVED',
    message: string,
  ) {
    super(message);
  }
}

/** The origin of an http(s) server URL; the sync server lives at the root of its origin. */
export function normalizeServerUrl(input: string): string {
  const checked = checkServerAddress(input);
  if (!checked.ok) throw new SettingsError('INVALID_SERVER_URL', checked.message);
  return checked.origin;
}

/** The saved settings, or none when the file is missing, unreadable or not ours: a bad file never stops the app. */
export function readSettings(file: string, fs: SettingsFs): Settings {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Writes beside the file and renames over it, so a crash mid-write leaves the old settings intact. */
export function writeSettings(file: string, fs: SettingsFs, settings: Settings): void {
  const temporary = `${file}.tmp`;
  fs.mkdirSync(dirname(file), { recursive: true });
  fs.writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`);
  fs.renameSync(temporary, file);
}

export class SettingsStore {
  private settings: Settings;

  constructor(
    private readonly file: string,
    private readonly fs: SettingsFs,
    /** A server chosen for this run (DISPATCH_SERVER_URL from `npm start`); wins over the saved one, not saved. */
    private readonly serverOverride?: string,
  ) {
    this.settings = readSettings(file, fs);
  }

  /**
   * The sync server: this run's override, else the one the office chose on the first run, else null (the
   * console then asks which server). An installed app has no server of its own to fall back on.
   */
  get serverUrl(): string | null {
    if (this.serverOverride) return normalizeServerUrl(this.serverOverride);
    const saved = this.settings.serverUrl ? checkServerAddress(this.settings.serverUrl) : null;
    return saved?.ok ? saved.origin : null;
  }

  setServerUrl(input: string): void {
    this.update({ serverUrl: normalizeServerUrl(input) });
  }

  get windowState(): WindowState | undefined {
    return this.settings.windowState;
  }

  setWindowState(state: WindowState): void {
    this.update({ windowState: windowStateSchema.parse(state) });
  }

  private update(patch: Partial<Settings>): void {
    const next = { ...this.settings, ...patch };
    try {
      writeSettings(this.file, this.fs, next);
    } catch (error) {
      throw new SettingsError(
        'SETTINGS_NOT_SAVED',
        `The desktop settings could not be saved: ${(error as Error).message}`,
      );
    }
    this.settings = next;
  }
}
