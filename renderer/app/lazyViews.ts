import { lazy } from 'react';

/**
 * The views and dialogs not on the board's first paint, each loaded as its own chunk: a cold start loads,
 * compiles and runs only what the board draws (bench/README.md, `cold-start`). The shell mounts the
 * dialogs once the board has painted, so their chunks load then, before anyone can open one; what opens
 * them (intents in kit/, the window's ui state) are stores they read when they mount.
 */
export const JobsView = lazy(() => import('../jobs/JobsView').then((module) => ({ default: module.JobsView })));
export const JobDrawer = lazy(() => import('../drawer/JobDrawer').then((module) => ({ default: module.JobDrawer })));
export const NewJobDialog = lazy(() =>
  import('../jobs/NewJobDialog').then((module) => ({ default: module.NewJobDialog })),
);
export const OrganizationSettingsDialog = lazy(() =>
  import('./OrganizationSettings').then((module) => ({ default: module.OrganizationSettingsDialog })),
);
