import { describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN } from '../../../main/app-origin';
import {
  denyForeignNavigation,
  denyPermissions,
  denyWebviews,
  denyWindowOpen,
  hardenContents,
  isSafeExternalUrl,
  isSameOrigin,
  type GuardedContents,
  type PermissionSession,
} from '../../../main/security';

type Listener = (event: { preventDefault(): void }, url?: string) => void;

function mockContents() {
  const listeners = new Map<string, Listener>();
  const contents = {
    on: vi.fn((event: string, listener: Listener) => listeners.set(event, listener)),
    setWindowOpenHandler: vi.fn(),
  };
  const fire = (name: string, url?: string) => {
    const event = { preventDefault: vi.fn() };
    listeners.get(name)?.(event, url);
    return event;
  };
  const openWindow = (url: string) => {
    const handler = contents.setWindowOpenHandler.mock.calls[0]![0] as (details: { url: string }) => unknown;
    return handler({ url });
  };
  return { contents: contents as GuardedContents & typeof contents, fire, openWindow };
}

describe('isSameOrigin', () => {
  it('matches on scheme, host and port', () => {
    expect(isSameOrigin(`${APP_ORIGIN}/index.html#/board`, APP_ORIGIN)).toBe(true);
    expect(isSameOrigin('app://dispatch.evil/index.html', APP_ORIGIN)).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:4821/', 'http://127.0.0.1:4820')).toBe(false);
    expect(isSameOrigin('not a url', APP_ORIGIN)).toBe(false);
    expect(isSameOrigin('file:///etc/passwd', 'file:///tmp/x')).toBe(false);
  });
});

describe('navigation', () => {
  it('stays inside app://dispatch', () => {
    const { contents, fire } = mockContents();
    denyForeignNavigation(contents);
    expect(fire('will-navigate', `${APP_ORIGIN}/index.html?day=2026-11-27`).preventDefault).not.toHaveBeenCalled();
    for (const url of [
      'https://evil.example/phish',
      'http://127.0.0.1:4820/',
      'file:///etc/passwd',
      'app://other/index.html',
      'javascript:alert(1)',
      'data:text/html,<h1>hi</h1>',
    ]) {
      expect(fire('will-navigate', url).preventDefault, url).toHaveBeenCalledOnce();
    }
  });

  it('also refuses redirects out of the app', () => {
    const { contents, fire } = mockContents();
    denyForeignNavigation(contents);
    expect(fire('will-redirect', 'https://evil.example/').preventDefault).toHaveBeenCalledOnce();
    expect(fire('will-redirect', `${APP_ORIGIN}/index.html`).preventDefault).not.toHaveBeenCalled();
  });
});

describe('window.open', () => {
  it('never opens an Electron window, and opens only safe web links in the browser', async () => {
    const { contents, openWindow } = mockContents();
    const openExternal = vi.fn(async () => undefined);
    denyWindowOpen(contents, openExternal);

    expect(openWindow('https://maps.example/?q=1+Main+St')).toEqual({ action: 'deny' });
    expect(openWindow('http://customer.example/')).toEqual({ action: 'deny' });
    expect(openWindow(`${APP_ORIGIN}/index.html`)).toEqual({ action: 'deny' });
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-msdt:/id',
      'https://user:pw@evil.example/',
    ]) {
      expect(openWindow(url), url).toEqual({ action: 'deny' });
    }
    expect(openExternal.mock.calls).toEqual([['https://maps.example/?q=1+Main+St'], ['http://customer.example/']]);
  });

  it('survives the browser failing to open', async () => {
    const { contents, openWindow } = mockContents();
    denyWindowOpen(
      contents,
      vi.fn(async () => Promise.reject(new Error('no browser'))),
    );
    expect(openWindow('https://example.com/')).toEqual({ action: 'deny' });
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
});

describe('isSafeExternalUrl', () => {
  it('accepts http(s) with a host and no credentials only', () => {
    expect(isSafeExternalUrl('https://example.com/a?b#c')).toBe(true);
    expect(isSafeExternalUrl('http://example.com')).toBe(true);
    expect(isSafeExternalUrl('https://user@example.com')).toBe(false);
    expect(isSafeExternalUrl('file:///C:/Windows/System32/calc.exe')).toBe(false);
    expect(isSafeExternalUrl('mailto:someone@example.com')).toBe(false);
    expect(isSafeExternalUrl('app://dispatch/index.html')).toBe(false);
    expect(isSafeExternalUrl('not a url')).toBe(false);
  });
});

describe('webviews', () => {
  it('refuses to attach any', () => {
    const { contents, fire } = mockContents();
    denyWebviews(contents);
    expect(fire('will-attach-webview').preventDefault).toHaveBeenCalledOnce();
  });
});

describe('hardenContents', () => {
  it('installs every guard', () => {
    const { contents } = mockContents();
    hardenContents(
      contents,
      vi.fn(async () => undefined),
    );
    expect(contents.on.mock.calls.map(([event]) => event).sort()).toEqual([
      'will-attach-webview',
      'will-navigate',
      'will-redirect',
    ]);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
  });
});

describe('permissions', () => {
  type Request = (
    contents: unknown,
    permission: string,
    callback: (granted: boolean) => void,
    details: { requestingUrl?: string },
  ) => void;
  type Check = (contents: unknown, permission: string, requestingOrigin: string, details: unknown) => boolean;

  function install() {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    denyPermissions(session satisfies PermissionSession);
    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as Request;
    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as Check;
    const ask = (permission: string, requestingUrl?: string) => {
      const callback = vi.fn();
      request({}, permission, callback, { requestingUrl });
      expect(callback).toHaveBeenCalledOnce();
      return callback.mock.calls[0]![0] as boolean;
    };
    return { ask, check };
  }

  it('refuses requests and checks for everything the console does not use', () => {
    const { ask, check } = install();
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'hid',
      'unknown',
    ]) {
      expect(ask(permission, `${APP_ORIGIN}/index.html`), permission).toBe(false);
      expect(check({}, permission, APP_ORIGIN, {}), permission).toBe(false);
    }
  });

  it('grants persistent storage and local-network access to the console itself only', () => {
    const { ask, check } = install();
    expect(ask('persistent-storage', `${APP_ORIGIN}/index.html`)).toBe(true);
    expect(ask('loopback-network', `${APP_ORIGIN}/index.html`)).toBe(true);
    expect(check({}, 'local-network-access', APP_ORIGIN, {})).toBe(true);
    expect(ask('persistent-storage', 'https://evil.example/')).toBe(false);
    expect(ask('persistent-storage', undefined)).toBe(false);
    expect(check({}, 'loopback-network', 'http://127.0.0.1:4820', {})).toBe(false);
  });
});
