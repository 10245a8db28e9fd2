import { describe, expect, it } from 'vitest';
import { describeFetchFailure } from '../../../scripts/fetch-failure';

function systemError(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

describe('describeFetchFailure', () => {
  it('digs the unresolved host out of "fetch failed"', () => {
    const cause = systemError('getaddrinfo ENOTFOUND github.com', {
      code: 'ENOTFOUND',
      syscall: 'getaddrinfo',
      hostname: 'github.com',
    });
    expect(describeFetchFailure(new TypeError('fetch failed', { cause }))).toBe('ENOTFOUND github.com');
  });

  it('names the refused address and port', () => {
    const cause = systemError('connect ECONNREFUSED 127.0.0.1:9', {
      code: 'ECONNREFUSED',
      address: '127.0.0.1',
      port: 9,
    });
    expect(describeFetchFailure(new TypeError('fetch failed', { cause }))).toBe('ECONNREFUSED 127.0.0.1:9');
  });

  it('takes the first of several connection attempts (IPv6 and IPv4)', () => {
    const cause = new AggregateError(
      [
        systemError('connect ECONNREFUSED ::1:9', { code: 'ECONNREFUSED', address: '::1', port: 9 }),
        systemError('connect ECONNREFUSED 127.0.0.1:9', { code: 'ECONNREFUSED', address: '127.0.0.1', port: 9 }),
      ],
      '',
    );
    expect(describeFetchFailure(new TypeError('fetch failed', { cause }))).toBe('ECONNREFUSED ::1:9');
  });

  it('keeps a code without an address, e.g. a certificate problem', () => {
    const cause = systemError('certificate has expired', { code: 'CERT_HAS_EXPIRED' });
    expect(describeFetchFailure(new TypeError('fetch failed', { cause }))).toBe('CERT_HAS_EXPIRED');
  });

  it('falls back to the deepest message where no code is given', () => {
    expect(describeFetchFailure(new TypeError('fetch failed', { cause: new Error('bad port') }))).toBe('bad port');
    expect(describeFetchFailure(new Error('The operation was aborted due to timeout'))).toBe(
      'The operation was aborted due to timeout',
    );
    expect(describeFetchFailure('offline')).toBe('offline');
  });
});
