/**
 * CSV as spreadsheets read it (RFC 4180): fields separated by commas, lines by CRLF, a field quoted when it
 * holds a comma, a quote, a line break or leading/trailing space, quotes doubled inside. A cell that a
 * spreadsheet would run as a formula (it starts with = + - @, or a tab or carriage return) is prefixed with
 * a single quote, as spreadsheet-safe exports do (OWASP "CSV injection"): an address or a customer's name
 * typed by an enterprise must never execute on a dispatcher's computer.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | number | null | undefined;
}

/** Rows written per slice before the page gets a turn: a long list never freezes the console. */
const CHUNK = 500;

/**
 * The whole file (a header line, then a line per row), written in slices that yield to the page between
 * them, telling `onProgress` the share done (0–1). `signal` stops it between slices.
 */
export async function writeCsv<Row>(
  rows: readonly Row[],
  columns: readonly CsvColumn<Row>[],
  onProgress: (done: number) => void = () => undefined,
  signal?: AbortSignal,
  chunk = CHUNK,
): Promise<string> {
  const parts = [csvLine(columns.map((column) => column.header))];
  for (let start = 0; start < rows.length; start += chunk) {
    if (signal?.aborted) throw new DOMException('The export was canceled.', 'AbortError');
    const end = Math.min(start + chunk, rows.length);
    for (let index = start; index < end; index++)
      parts.push(csvLine(columns.map((column) => column.value(rows[index]))));
    onProgress(end / rows.length);
    if (end < rows.length) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  onProgress(1);
  return parts.join('');
}

/** Hands `text` to the browser as a download named `fileName` (a UTF-8 BOM so Excel reads accents right). */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
