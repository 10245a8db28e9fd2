import { build } from 'esbuild';
import { resolve } from 'node:path';

/**
 * The sync server the specs start, bundled once a run (our TypeScript in one file, packages left to Node):
 * each spec starts one or more servers, and tsx compiling `server/` at every start cost ~0.5 s of the
 * ~1.5 s a start takes on this 2-core machine. The server reads nothing relative to its own files (only the
 * working folder's `out/renderer`), so the bundle runs as `server/main.ts` does.
 */
export const SERVER_BUNDLE = resolve('out/e2e-server/main.mjs');

export default async function bundleServer(): Promise<void> {
  await build({
    entryPoints: ['server/main.ts'],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // A server's stack trace in a failed spec's log points at the source.
    sourcemap: true,
    logLevel: 'warning',
  });
}
