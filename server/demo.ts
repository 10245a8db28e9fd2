import type { ServerContext } from './context';

export const DEMO_PASSWORD = 'demo1234';
export const DEMO_LOGINS: { email: string; description: string }[] = [];

/** Placeholder until the demo loader lands. */
export async function loadDemo(_context: ServerContext): Promise<boolean> {
  return false;
}
