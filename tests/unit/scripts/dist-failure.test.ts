import { describe, expect, it } from 'vitest';
import { distFailureLine } from '../../../scripts/dist-failure';

const ADVICE =
  'no installer was built; set ELECTRON_MIRROR and ELECTRON_BUILDER_BINARIES_MIRROR to reachable mirrors, or run npm run dist where GitHub can be reached';

describe('distFailureLine', () => {
  it("says Electron's release files could not be downloaded, with the host", () => {
    const error = Object.assign(new Error('getaddrinfo ENOTFOUND github.com'), {
      name: 'RequestError',
      code: 'ENOTFOUND',
    });
    expect(distFailureLine(error)).toBe(
      `could not download Electron's release files (ENOTFOUND github.com): ${ADVICE}`,
    );
  });

  it('names a refused mirror and an HTTP status', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4000'), { code: 'ECONNREFUSED' });
    expect(distFailureLine(refused)).toContain('(ECONNREFUSED 127.0.0.1:4000)');
    const missing = Object.assign(new Error('Response code 404'), { name: 'HTTPError', response: { statusCode: 404 } });
    expect(distFailureLine(missing)).toContain('(HTTP 404)');
    const tool = Object.assign(new Error('HTTP error: Forbidden'), {
      name: 'HttpError',
      statusCode: 403,
      code: 'HTTP_ERROR_403',
    });
    expect(distFailureLine(tool)).toContain('(HTTP 403)');
  });

  it('reports anything else as a failed build, on one line', () => {
    expect(distFailureLine(new Error('Cannot find out/main/index.js\n  at x'))).toBe(
      'npm run dist failed: Cannot find out/main/index.js',
    );
    expect(distFailureLine('boom')).toBe('npm run dist failed: boom');
  });
});
