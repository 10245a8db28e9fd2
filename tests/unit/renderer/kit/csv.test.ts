import { describe, expect, test } from 'vitest';
import { csvCell, csvLine, writeCsv } from '../../../../renderer/kit/csv';

describe('csvCell', () => {
  test('plain text and numbers as they are; empty for nothing', () => {
    expect(csvCell('Water heater')).toBe('Water heater');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  test('commas, quotes, line breaks and outer spaces are quoted, quotes doubled', () => {
    expect(csvCell('Austin, TX')).toBe('"Austin, TX"');
    expect(csvCell('the "blue" door')).toBe('"the ""blue"" door"');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
    expect(csvCell(' padded ')).toBe('" padded "');
  });

  test('a cell a spreadsheet would run as a formula starts with a quote', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(csvCell('+1 512 555 0100')).toBe("'+1 512 555 0100");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    // Numbers the export itself writes are not text anyone typed.
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('a=b')).toBe('a=b');
  });

  test('a line ends with CRLF', () => {
    expect(csvLine(['a', 'b,c', null])).toBe('a,"b,c",\r\n');
  });
});

describe('writeCsv', () => {
  const columns = [
    { header: 'Id', value: (row: { id: number; name: string }) => row.id },
    { header: 'Name', value: (row: { id: number; name: string }) => row.name },
  ];

  test('a header row, then one line per row in order', async () => {
    const text = await writeCsv(
      [
        { id: 1, name: 'Ana, "Ann"' },
        { id: 2, name: '=1+1' },
      ],
      columns,
    );
    expect(text).toBe('Id,Name\r\n1,"Ana, ""Ann"""\r\n2,\'=1+1\r\n');
  });

  test('a long list is written in slices, reporting progress up to 1, and yields between them', async () => {
    const rows = Array.from({ length: 1_050 }, (_, id) => ({ id, name: `n${id}` }));
    const progress: number[] = [];
    let yielded = false;
    setTimeout(() => (yielded = true), 0);
    const text = await writeCsv(rows, columns, (done) => progress.push(done), undefined, 500);
    expect(text.split('\r\n')).toHaveLength(1 + 1_050 + 1);
    expect(progress).toEqual([500 / 1_050, 1_000 / 1_050, 1, 1]);
    expect(yielded).toBe(true);
  });

  test('an aborted export stops between slices', async () => {
    const controller = new AbortController();
    const rows = Array.from({ length: 20 }, (_, id) => ({ id, name: `n${id}` }));
    const written = writeCsv(rows, columns, () => controller.abort(), controller.signal, 5);
    await expect(written).rejects.toMatchObject({ name: 'AbortError' });
  });
});
