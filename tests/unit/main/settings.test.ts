import fs from 'node:fs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  normalizeServerUrl,
  readSettings,
  SettingsError,
  SettingsStore,
  type SettingsFs,
} from '../../../main/settings';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dispatch-settings-'));
  file = join(dir, 'userData', 'dispatch-desktop.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('normalizeServerUrl', () => {
  it('keeps the origin of an http(s) URL', () => {
    expect(normalizeServerUrl('http://127.0.0.1:4820')).toBe('http://127.0.0.1:4820');
    expect(normalizeServerUrl('  https://Dispatch.Example.com/board?x=1 ')).toBe('https://dispatch.example.com');
  });

  it('refuses anything else with a sentence', () => {
    for (const input of [
      '',
      'dispatch.example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://dispatch',
      'https://u:p@example.com',
    ]) {
      expect(() => normalizeServerUrl(input), input).toThrow(SettingsError);
    }
    expect(() => normalizeServerUrl('ftp://example.com')).toThrow('must start with http:// or https://');
  });
});

describe('SettingsStore', () => {
  it('has no server until the office chooses one (the first run asks)', () => {
    const store = new SettingsStore(file, fs);
    expect(store.serverUrl).toBeNull();
    expect(store.windowState).toBeUndefined();
  });

  it('persists the server URL and window state across restarts', () => {
    const first = new SettingsStore(file, fs);
    first.setServerUrl('https://dispatch.example.com/');
    first.setWindowState({ x: 10, y: 20, width: 1200, height: 800, maximized: true });

    const second = new SettingsStore(file, fs);
    expect(second.serverUrl).toBe('https://dispatch.example.com');
    expect(second.windowState).toEqual({ x: 10, y: 20, width: 1200, height: 800, maximized: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      serverUrl: 'https://dispatch.example.com',
      windowState: { x: 10, y: 20, width: 1200, height: 800, maximized: true },
    });
  });

  it('lets a server chosen for this run win without saving it', () => {
    new SettingsStore(file, fs).setServerUrl('https://saved.example.com');
    const store = new SettingsStore(file, fs, 'http://127.0.0.1:5999/');
    expect(store.serverUrl).toBe('http://127.0.0.1:5999');
    expect(readSettings(file, fs).serverUrl).toBe('https://saved.example.com');
  });

  it('ignores a corrupt or foreign file', () => {
    fs.mkdirSync(join(dir, 'userData'));
    writeFileSync(file, '{ not json');
    expect(new SettingsStore(file, fs).serverUrl).toBeNull();
    writeFileSync(file, JSON.stringify({ serverUrl: 42, windowState: { width: 'wide' } }));
    expect(readSettings(file, fs)).toEqual({});
    writeFileSync(file, JSON.stringify({ serverUrl: 'javascript:alert(1)' }));
    expect(new SettingsStore(file, fs).serverUrl).toBeNull();
  });

  it('rejects an invalid URL and keeps the old one', () => {
    const store = new SettingsStore(file, fs);
    store.setServerUrl('http://127.0.0.1:4821');
    expect(() => store.setServerUrl('file:///etc/passwd')).toThrow(SettingsError);
    expect(store.serverUrl).toBe('http://127.0.0.1:4821');
  });

  it('writes through a temporary file and renames it over the settings', () => {
    const calls: string[] = [];
    const recording: SettingsFs = {
      readFileSync: () => {
        throw new Error('ENOENT');
      },
      mkdirSync: vi.fn(() => calls.push('mkdir')),
      writeFileSync: vi.fn((path: string) => void calls.push(`write ${path}`)),
      renameSync: vi.fn((from: string, to: string) => void calls.push(`rename ${from} ${to}`)),
    };
    new SettingsStore('/u/settings.json', recording).setServerUrl('http://127.0.0.1:1');
    expect(calls).toEqual(['mkdir', 'write /u/settings.json.tmp', 'rename /u/settings.json.tmp /u/settings.json']);
  });

  it('reports a failed save with a readable message and keeps the previous value', () => {
    const failing: SettingsFs = {
      readFileSync: () => JSON.stringify({ serverUrl: 'http://127.0.0.1:4820' }),
      mkdirSync: () => undefined,
      writeFileSync: () => {
        throw new Error('ENOSPC: no space left on device');
      },
      renameSync: () => undefined,
    };
    const store = new SettingsStore('/u/settings.json', failing);
    expect(() => store.setServerUrl('http://127.0.0.1:9')).toThrow(/could not be saved: ENOSPC/);
    expect(store.serverUrl).toBe('http://127.0.0.1:4820');
  });
});
