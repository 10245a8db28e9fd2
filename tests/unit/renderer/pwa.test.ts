import { describe, expect, it } from 'vitest';
import { shouldRegisterServiceWorker } from '../../../renderer/pwa';

const desktop = {
  platform: 'linux',
  appVersion: '0.1.0',
  getServerUrl: async () => 'http://127.0.0.1:4820',
  setServerUrl: async () => undefined,
  onMenuCommand: () => () => undefined,
};

describe('shouldRegisterServiceWorker', () => {
  it('registers in a browser tab served over http(s)', () => {
    expect(shouldRegisterServiceWorker({ protocol: 'http:', hasServiceWorker: true, desktop: undefined })).toBe(true);
    expect(shouldRegisterServiceWorker({ protocol: 'https:', hasServiceWorker: true, desktop: undefined })).toBe(true);
  });

  it('never in the desktop app, which loads its own files over app://', () => {
    expect(shouldRegisterServiceWorker({ protocol: 'app:', hasServiceWorker: true, desktop })).toBe(false);
    expect(shouldRegisterServiceWorker({ protocol: 'app:', hasServiceWorker: true, desktop: undefined })).toBe(false);
    expect(shouldRegisterServiceWorker({ protocol: 'http:', hasServiceWorker: true, desktop })).toBe(false);
  });

  it('not where the browser has no service workers or the page is a file', () => {
    expect(shouldRegisterServiceWorker({ protocol: 'http:', hasServiceWorker: false, desktop: undefined })).toBe(false);
    expect(shouldRegisterServiceWorker({ protocol: 'file:', hasServiceWorker: true, desktop: undefined })).toBe(false);
  });
});
