/** Placeholder until the job drawer lands. */
export function JobDrawer() {
  return null;
}
