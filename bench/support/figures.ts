/** One line of the bench table: a measured figure, what it is compared with, and its budget. */
export interface Figure {
  /** What was measured, in words a reader of docs/ARCHITECTURE.md §8 recognises. */
  name: string;
  /** Unit of `median` and `baseline` (e.g. 'cmd/s', 'ms', '%'). */
  unit: string;
  /** Median over the runs. */
  median: number;
  /** Every run's value, in order (at least 5 for a budgeted figure). */
  runs: number[];
  /** The same measurement of the baseline in the same bench run, when there is one. */
  baseline?: number;
  /** What the baseline is ("bare socket.io echo"). */
  baselineName?: string;
  /**
   * Pass/fail limits. `atLeast`/`atMost` bound the median; `ratioAtLeast`/`ratioAtMost` bound
   * median ÷ baseline. A figure without a budget is informational.
   */
  budget?: { atLeast?: number; atMost?: number; ratioAtLeast?: number; ratioAtMost?: number };
  /** A short remark printed under the table (caps, caveats). */
  note?: string;
}

/** What every bench module exports; `bench/run.ts` calls them in turn. */
export interface BenchModule {
  /** Runs the benchmark, including its own setup and cleanup, and returns its figures. */
  run(): Promise<Figure[]>;
}

export function ratioOf(figure: Figure): number | undefined {
  return figure.baseline !== undefined && figure.baseline !== 0 ? figure.median / figure.baseline : undefined;
}

/** undefined: no budget (informational). */
export function passes(figure: Figure): boolean | undefined {
  const budget = figure.budget;
  if (!budget) return undefined;
  const ratio = ratioOf(figure);
  if (budget.atLeast !== undefined && !(figure.median >= budget.atLeast)) return false;
  if (budget.atMost !== undefined && !(figure.median <= budget.atMost)) return false;
  if (budget.ratioAtLeast !== undefined && !(ratio !== undefined && ratio >= budget.ratioAtLeast)) return false;
  if (budget.ratioAtMost !== undefined && !(ratio !== undefined && ratio <= budget.ratioAtMost)) return false;
  return true;
}
