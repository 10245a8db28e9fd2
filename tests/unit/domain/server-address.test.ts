import { describe, expect, it } from 'vitest';
import { checkServerAddress } from '../../../domain/server-address';

describe('checkServerAddress', () => {
  it('keeps the origin of an http(s) address', () => {
    expect(checkServerAddress('http://127.0.0.1:4820')).toEqual({ ok: true, origin: 'http://127.0.0.1:4820' });
    expect(checkServerAddress('  https://Dispatch.Example.com/board?x=1 ')).toEqual({
      ok: true,
      origin: 'https://dispatch.example.com',
    });
  });

  it('says what is wrong with anything else', () => {
    expect(checkServerAddress('dispatch.example.com')).toEqual({
      ok: false,
      message:
        '"dispatch.example.com" is not a server address; use one like https://dispatch.example.com or http://127.0.0.1:4820.',
    });
    expect(checkServerAddress('ftp://example.com')).toEqual({
      ok: false,
      message: 'The server address must start with http:// or https://, not ftp://.',
    });
    expect(checkServerAddress('https://u:p@example.com')).toEqual({
      ok: false,
      message: 'The server address must not contain a user name or password.',
    });
    for (const input of ['', 'file:///etc/passwd', 'javascript:alert(1)', 'app://dispatch'])
      expect(checkServerAddress(input).ok, input).toBe(false);
  });
});
