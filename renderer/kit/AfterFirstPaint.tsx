import { Suspense, type ReactNode } from 'react';
import { useAfterFirstPaint } from './firstPaint';

/**
 * Mounts its children once the first view has painted (firstPaint.ts), inside a Suspense boundary that shows
 * nothing while a lazily loaded module arrives. For what is closed or hidden at first (dialogs, drawers, the
 * technician panel): their code is loaded and compiled after the board has drawn, not before it. Their open
 * state lives in stores of their own, so one asked for before it is mounted opens as it mounts.
 */
export function AfterFirstPaint({ children }: { children: ReactNode }) {
  const painted = useAfterFirstPaint();
  return painted ? <Suspense fallback={null}>{children}</Suspense> : null;
}
