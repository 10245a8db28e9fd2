import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import {
  contentSecurityPolicy,
  enforceContentSecurityPolicy,
  withContentSecurityPolicy,
  type HeadersReceivedDetails,
  type HeadersReceivedResponse,
} from '../../../main/csp';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  it('allows the console, its one sync server and nothing else', () => {
    const policy = directives(contentSecurityPolicy('http://127.0.0.1:4820'));
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:4820', 'ws://127.0.0.1:4820']);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });

  it('allows no server at all before the first run has chosen one', () => {
    const policy = directives(contentSecurityPolicy(null));
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'none'"]);
  });

  it('never allows inline or evaluated scripts', () => {
    const policy = contentSecurityPolicy('http://127.0.0.1:4820');
    expect(directives(policy).get('script-src')).not.toContain("'unsafe-inline'");
    expect(policy).not.toContain("'unsafe-eval'");
    expect(policy).not.toMatch(/\*/);
  });

  it('uses wss for an https server and drops its path', () => {
    const policy = directives(contentSecurityPolicy('https://dispatch.example.com/some/path'));
    expect(policy.get('connect-src')).toEqual(["'self'", 'https://dispatch.example.com', 'wss://dispatch.example.com']);
  });
});

describe('withContentSecurityPolicy', () => {
  it('replaces an existing policy in any letter case and keeps other headers', () => {
    const headers = withContentSecurityPolicy(
      { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      "default-src 'none'",
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'none'"] });
  });

  it('copes with a response without headers', () => {
    expect(withContentSecurityPolicy(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});

describe('enforceContentSecurityPolicy', () => {
  it('puts the current policy on every response the session receives', () => {
    let listener:
      ((details: HeadersReceivedDetails, callback: (response: HeadersReceivedResponse) => void) => void) | undefined;
    const session = { webRequest: { onHeadersReceived: vi.fn((l: typeof listener) => (listener = l)) } };
    let server = 'http://127.0.0.1:4820';
    enforceContentSecurityPolicy(session, () => contentSecurityPolicy(server));

    const respond = (url: string) => {
      const callback = vi.fn();
      listener!({ url, responseHeaders: { 'Content-Type': ['application/json'] } }, callback);
      return (callback.mock.calls[0]![0] as HeadersReceivedResponse).responseHeaders!;
    };
    expect(respond('http://127.0.0.1:4820/v3/jobs')['Content-Security-Policy']![0]).toContain(
      "connect-src 'self' http://127.0.0.1:4820",
    );
    expect(respond('app://dispatch/index.html')['Content-Type']).toEqual(['application/json']);
    server = 'https://dispatch.example.com';
    expect(respond('app://dispatch/index.html')['Content-Security-Policy']![0]).toContain(
      'https://dispatch.example.com',
    );
  });
});

describe('renderer/index.html', () => {
  it('carries a meta policy for web mode without inline or evaluated scripts', () => {
    const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const content = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(content).toBeDefined();
    const policy = directives(content!);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(content).not.toContain("'unsafe-eval'");
  });
});
