import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { isoDay } from './format';

export type ConsoleView = 'board' | 'jobs';
export type BoardRange = 1 | 3 | 7;

/** What the dispatcher is looking at. Kept out of the data layer: it is per window, not synced. */
export interface UiState {
  view: ConsoleView;
  /** The board's first day, the office's 'YYYY-MM-DD'. */
  date: string;
  range: BoardRange;
  selectedJobId: string | null;
  conflictsOpen: boolean;
}

export interface UiActions {
  setView(view: ConsoleView): void;
  setDate(date: string): void;
  setRange(range: BoardRange): void;
  openJob(jobId: string | null): void;
  setConflictsOpen(open: boolean): void;
}

const UiContext = createContext<(UiState & UiActions) | null>(null);

export function UiProvider({ children, initial }: { children: ReactNode; initial?: Partial<UiState> }) {
  const [state, setState] = useState<UiState>({
    view: 'board',
    date: isoDay(),
    range: 1,
    selectedJobId: null,
    conflictsOpen: false,
    ...initial,
  });
  const value = useMemo(
    () => ({
      ...state,
      setView: (view: ConsoleView) => setState((current) => ({ ...current, view })),
      setDate: (date: string) => setState((current) => ({ ...current, date })),
      setRange: (range: BoardRange) => setState((current) => ({ ...current, range })),
      openJob: (selectedJobId: string | null) => setState((current) => ({ ...current, selectedJobId })),
      setConflictsOpen: (conflictsOpen: boolean) => setState((current) => ({ ...current, conflictsOpen })),
    }),
    [state],
  );
  return <UiContext.Provider value={value}>{children}</UiContext.Provider>;
}

export function useUi(): UiState & UiActions {
  const value = useContext(UiContext);
  if (!value) throw new Error('useUi outside UiProvider');
  return value;
}
