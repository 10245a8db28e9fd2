import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { appProtocolHandler, registerAppScheme, resolveAppPath, serveAppProtocol } from '../../../main/protocol';

describe('registerAppScheme', () => {
  it('makes app:// a standard, secure, fetchable scheme', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });
});

describe('resolveAppPath (POSIX)', () => {
  const root = '/opt/dispatch/out/renderer';
  const resolve = (url: string) => resolveAppPath(root, url, path.posix);

  it('maps app://dispatch/ paths to files under the root', () => {
    expect(resolve('app://dispatch/')).toBe(`${root}/index.html`);
    expect(resolve('app://dispatch/index.html')).toBe(`${root}/index.html`);
    expect(resolve('app://dispatch/assets/index-abc.js?v=1#x')).toBe(`${root}/assets/index-abc.js`);
    expect(resolve('app://dispatch/assets/a%20b.css')).toBe(`${root}/assets/a b.css`);
    expect(resolve('app://dispatch/assets/../index.html')).toBe(`${root}/index.html`);
  });

  it('refuses other hosts and schemes', () => {
    expect(resolve('app://other/index.html')).toBeNull();
    expect(resolve('file:///opt/dispatch/out/renderer/index.html')).toBeNull();
    expect(resolve('https://dispatch/index.html')).toBeNull();
    expect(resolve('not a url')).toBeNull();
  });

  // The URL parser already folds literal and %2e%2e dot segments back onto the root; encoded slashes
  // survive it and are caught after decoding. Either way nothing outside the root comes out.
  it('refuses ../ in every spelling', () => {
    for (const url of [
      'app://dispatch/../../../etc/passwd',
      'app://dispatch/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      'app://dispatch/%2E%2E/%2E%2E/package.json',
      'app://dispatch/..%2f..%2f..%2fetc%2fpasswd',
      'app://dispatch/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      'app://dispatch/%2e%2e',
      'app://dispatch/..%2F',
    ]) {
      const resolved = resolve(url);
      expect(resolved === null || resolved.startsWith(`${root}/`), `${url} → ${resolved}`).toBe(true);
      expect(resolved, url).not.toBe('/opt/dispatch/out/package.json');
    }
    expect(resolve('app://dispatch/..%2f..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolve('app://dispatch/assets/%2e%2e%2f%2e%2e%2fpackage.json')).toBeNull();
  });

  it('keeps absolute paths inside the root', () => {
    expect(resolve('app://dispatch//etc/passwd')).toBe(`${root}/etc/passwd`);
    expect(resolve('app://dispatch/%2fetc%2fpasswd')).toBe(`${root}/etc/passwd`);
  });

  it('refuses backslashes, drive letters, NULs and broken escapes', () => {
    expect(resolve('app://dispatch/..%5c..%5cpackage.json')).toBeNull();
    expect(resolve('app://dispatch/assets%5cindex.js')).toBeNull();
    expect(resolve('app://dispatch/C:/Windows/win.ini')).toBeNull();
    expect(resolve('app://dispatch/index.html%00.png')).toBeNull();
    expect(resolve('app://dispatch/%E0%A4%A')).toBeNull();
  });
});

describe('resolveAppPath (Windows)', () => {
  const root = 'C:\\Program Files\\Dispatch\\out\\renderer';
  const resolve = (url: string) => resolveAppPath(root, url, path.win32);

  it('maps paths with Windows separators', () => {
    expect(resolve('app://dispatch/assets/index.js')).toBe(`${root}\\assets\\index.js`);
  });

  it('refuses traversal, backslashes, other drives and UNC paths', () => {
    for (const url of [
      'app://dispatch/..%5c..%5c..%5cWindows%5cwin.ini',
      'app://dispatch/%2e%2e%2f%2e%2e%2fWindows/win.ini',
      'app://dispatch/D:/secrets.txt',
      'app://dispatch/C:%5cWindows%5cwin.ini',
      'app://dispatch/%5c%5cserver%5cshare%5cfile',
      'app://dispatch/index.html::$DATA',
    ]) {
      expect(resolve(url), url).toBeNull();
    }
  });
});

describe('appProtocolHandler', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'dispatch-protocol-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), '<title>Dispatch Console</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const fetchFile = vi.fn(async (fileUrl: string) => {
    const file = fileURLToPath(fileUrl);
    return new Response(`contents of ${path.relative(root, file)}`, { headers: { 'Content-Type': 'text/plain' } });
  });
  const isFile = (file: string) => {
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  };
  const handler = appProtocolHandler({ root, fetchFile, isFile, policy: () => "default-src 'none'" });

  it('serves files with the CSP and nosniff headers', async () => {
    const response = await handler(new Request('app://dispatch/assets/app.js'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(`contents of ${path.join('assets', 'app.js')}`);
    expect(response.headers.get('Content-Security-Policy')).toBe("default-src 'none'");
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Content-Type')).toBe('text/plain');
  });

  it('serves index.html for client-side routes but 404 for missing files', async () => {
    expect(await (await handler(new Request('app://dispatch/board'))).text()).toBe('contents of index.html');
    expect((await handler(new Request('app://dispatch/assets/missing.js'))).status).toBe(404);
  });

  it('refuses traversal and other hosts without reading anything', async () => {
    fetchFile.mockClear();
    for (const url of [
      'app://dispatch/..%2f..%2fetc%2fpasswd',
      'app://dispatch/..%5cpackage.json',
      'app://elsewhere/index.html',
    ]) {
      expect((await handler(new Request(url))).status, url).toBe(404);
    }
    expect(fetchFile).not.toHaveBeenCalled();
  });

  it('answers HEAD without a body and refuses writes', async () => {
    const head = await handler(new Request('app://dispatch/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await handler(new Request('app://dispatch/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('is registered for the app scheme', () => {
    const protocol = { handle: vi.fn() };
    serveAppProtocol(protocol, { root, fetchFile, isFile, policy: () => '' });
    expect(protocol.handle).toHaveBeenCalledExactlyOnceWith('app', expect.any(Function));
  });
});
