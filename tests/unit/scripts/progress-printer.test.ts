import { describe, expect, it } from 'vitest';
import { progressPrinter } from '../../../scripts/electron-install';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream };
}

const MB = 1_048_576;

describe('progressPrinter', () => {
  it('rewrites one line in place on a terminal and ends it when done', () => {
    const { written, stream: out } = stream(true);
    const progress = progressPrinter(out, 'Downloading Electron 45.5.0');
    progress.update(0, 100 * MB);
    progress.update(42 * MB, 100 * MB);
    progress.update(100 * MB, 100 * MB);
    progress.end();
    expect(written).toEqual([
      '\rDownloading Electron 45.5.0: 0% (0 of 100 MB)',
      '\rDownloading Electron 45.5.0: 42% (42 of 100 MB)',
      '\rDownloading Electron 45.5.0: 100% (100 of 100 MB)\n',
    ]);
  });

  it('ends a line left open by a download that stopped part-way', () => {
    const { written, stream: out } = stream(true);
    const progress = progressPrinter(out, 'Downloading Electron 45.5.0');
    progress.update(42 * MB, 100 * MB);
    progress.end();
    expect(written).toEqual(['\rDownloading Electron 45.5.0: 42% (42 of 100 MB)', '\n']);
  });

  it('writes a line per tenth elsewhere, so logs stay short', () => {
    const { written, stream: out } = stream(false);
    const progress = progressPrinter(out, 'Downloading Electron 45.5.0');
    for (let received = 0; received <= 100; received += 1) progress.update(received * MB, 100 * MB);
    progress.end();
    expect(written).toHaveLength(11);
    expect(written[5]).toBe('Downloading Electron 45.5.0: 50% (50 of 100 MB)\n');
  });

  it('counts megabytes where the size is unknown', () => {
    const { written, stream: out } = stream(false);
    progressPrinter(out, 'Downloading Electron 45.5.0').update(3 * MB, null);
    expect(written).toEqual(['Downloading Electron 45.5.0: 3 MB\n']);
  });
});
