import { describe, expect, it, vi } from 'vitest';
import {
  denyForeignNavigation,
  denyPermissions,
  denyWindowOpen,
  isSameOrigin,
  type NavigableContents,
  type PermissionSession,
} from '../../../main/security';

const ORIGIN = 'http://127.0.0.1:4820';

function mockContents() {
  const listeners = new Map<string, (...args: never[]) => void>();
  const contents = {
    on: vi.fn((event: string, listener: (...args: never[]) => void) => listeners.set(event, listener)),
    setWindowOpenHandler: vi.fn(),
  };
  const navigate = (url: string) => {
    const event = { preventDefault: vi.fn() };
    const listener = listeners.get('will-navigate') as ((e: typeof event, url: string) => void) | undefined;
    listener?.(event, url);
    return event;
  };
  return { contents: contents as NavigableContents & typeof contents, navigate };
}

describe('isSameOrigin', () => {
  it('matches on scheme, host and port', () => {
    expect(isSameOrigin(`${ORIGIN}/board?day=2`, ORIGIN)).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:4821/', ORIGIN)).toBe(false);
    expect(isSameOrigin('https://127.0.0.1:4820/', ORIGIN)).toBe(false);
    expect(isSameOrigin('not a url', ORIGIN)).toBe(false);
    expect(isSameOrigin('file:///etc/passwd', 'file:///tmp/x')).toBe(false);
  });
});

describe('denyForeignNavigation', () => {
  it('blocks navigation to another origin', () => {
    const { contents, navigate } = mockContents();
    denyForeignNavigation(contents, ORIGIN);
    expect(navigate('https://evil.example/phish').preventDefault).toHaveBeenCalledOnce();
  });

  it('lets same-origin navigation through', () => {
    const { contents, navigate } = mockContents();
    denyForeignNavigation(contents, ORIGIN);
    expect(navigate(`${ORIGIN}/login`).preventDefault).not.toHaveBeenCalled();
  });
});

describe('denyWindowOpen', () => {
  it('denies every window.open', () => {
    const { contents } = mockContents();
    denyWindowOpen(contents);
    const handler = contents.setWindowOpenHandler.mock.calls[0]![0] as (d: { url: string }) => unknown;
    expect(handler({ url: `${ORIGIN}/popup` })).toEqual({ action: 'deny' });
    expect(handler({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
  });
});

describe('denyPermissions', () => {
  it('refuses permission requests and checks', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    denyPermissions(session satisfies PermissionSession);

    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as PermissionRequest;
    const callback = vi.fn();
    request({}, 'media', callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);

    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as (c: unknown, p: string) => boolean;
    expect(check({}, 'notifications')).toBe(false);
  });
});

type PermissionRequest = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
