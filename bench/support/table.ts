import { passes, ratioOf, type Figure } from './figures';

function formatNumber(value: number | undefined, unit = ''): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return unit ? `${text} ${unit}` : text;
}

function formatBudget(figure: Figure): string {
  const budget = figure.budget;
  if (!budget) return '—';
  const parts: string[] = [];
  if (budget.atLeast !== undefined) parts.push(`≥ ${formatNumber(budget.atLeast, figure.unit)}`);
  if (budget.atMost !== undefined) parts.push(`≤ ${formatNumber(budget.atMost, figure.unit)}`);
  if (budget.ratioAtLeast !== undefined) parts.push(`ratio ≥ ${budget.ratioAtLeast}`);
  if (budget.ratioAtMost !== undefined) parts.push(`ratio ≤ ${budget.ratioAtMost}`);
  return parts.join(', ');
}

/** The bench table: figure, median, baseline, ratio, budget, pass/fail; notes underneath. */
export function renderTable(figures: readonly Figure[]): string {
  const header = ['figure', 'median', 'baseline (same run)', 'ratio', 'budget', 'result'];
  const rows = figures.map((figure) => {
    const ratio = ratioOf(figure);
    const verdict = passes(figure);
    return [
      figure.name,
      formatNumber(figure.median, figure.unit),
      figure.baseline === undefined
        ? '—'
        : `${formatNumber(figure.baseline, figure.unit)}${figure.baselineName ? ` (${figure.baselineName})` : ''}`,
      ratio === undefined ? '—' : ratio.toFixed(2),
      formatBudget(figure),
      verdict === undefined ? 'info' : verdict ? 'PASS' : 'FAIL',
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  const out = [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)];
  const notes = figures.filter((figure) => figure.note);
  if (notes.length) {
    out.push('');
    for (const figure of notes) out.push(`* ${figure.name}: ${figure.note}`);
  }
  out.push('');
  out.push('Runs (in order):');
  for (const figure of figures)
    out.push(`  ${figure.name}: ${figure.runs.map((value) => formatNumber(value)).join(', ')}`);
  return out.join('\n');
}
