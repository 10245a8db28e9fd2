import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { startServer } from './app';
import { parseTokenKey } from './auth';
import { DEMO_LOGINS, DEMO_PASSWORD, loadDemo } from './demo';
import { demoClock } from './demoClock';
import { createLogger } from './log';
import { parseSetting, resolveSettings, SettingError, type ServerSettings } from './settings';
import { redacted, StoreOpenError } from './store/open';

const USAGE =
  'Usage: npm run server -- [--port 4820] [--host 127.0.0.1] [--data ./data] [--database-url postgres://…] [--demo]\n' +
  '  [--password-cost N=131072,r=8,p=1] [--access-token-ttl 10800] [--request-timeout 30] [--headers-timeout 10]\n' +
  '  [--max-connections 2000] [--max-sockets-per-user 50] [--max-pipeline-queue 1000] [--shutdown-timeout 10]\n' +
  '  (operator settings: README, server/PROTOCOL.md)\n' +
  'Defaults come from DISPATCH_PORT, DISPATCH_HOST, DISPATCH_DATA_DIR and DATABASE_URL where set.\n' +
  'With a database URL the server runs on PostgreSQL (several processes may share it), else on SQLite in --data.';

/** How long after the shutdown deadline the process gives its last commits before it exits regardless. */
const BACKSTOP_MS = 5_000;

/** Operator settings' flags; each also reads its DISPATCH_* variable (server/settings.ts). */
const SETTING_FLAGS = {
  'password-cost': 'passwordCost',
  'access-token-ttl': 'accessTokenTtlSeconds',
  'request-timeout': 'requestTimeoutSeconds',
  'headers-timeout': 'headersTimeoutSeconds',
  'max-connections': 'maxConnections',
  'max-sockets-per-user': 'maxSocketsPerUser',
  'max-pipeline-queue': 'maxPipelineQueue',
  'shutdown-timeout': 'shutdownTimeoutSeconds',
} as const satisfies Record<string, keyof ServerSettings>;

/**
 * `npm run server`: the sync server on its embedded defaults. An empty database gets the demo
 * organization, so a first start always shows a living board.
 */
async function main() {
  let options;
  try {
    options = parseArgs({
      options: {
        // The same names `npm start` reads, so one setting serves both.
        port: { type: 'string', default: process.env.DISPATCH_PORT ?? '4820' },
        host: { type: 'string', default: process.env.DISPATCH_HOST ?? '127.0.0.1' },
        data: { type: 'string', default: process.env.DISPATCH_DATA_DIR ?? 'data' },
        // The flag wins over the variable; an empty value means SQLite.
        'database-url': { type: 'string', default: process.env.DATABASE_URL ?? '' },
        demo: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
        ...Object.fromEntries(Object.keys(SETTING_FLAGS).map((flag) => [flag, { type: 'string' as const }])),
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535.\n${USAGE}`);
    process.exit(2);
  }
  let settings: ServerSettings;
  try {
    const given: Partial<ServerSettings> = {};
    for (const [flag, key] of Object.entries(SETTING_FLAGS)) {
      const text = (options as Record<string, unknown>)[flag];
      if (typeof text === 'string') (given as Record<string, unknown>)[key] = parseSetting(key, text, `--${flag}`);
    }
    settings = resolveSettings(given);
  } catch (error) {
    if (!(error instanceof SettingError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    process.exit(2);
  }
  // A secret: from the environment only (a flag would show in the process list), and never printed.
  const tokenKeyText = process.env.DISPATCH_TOKEN_KEY;
  const tokenKey = tokenKeyText ? parseTokenKey(tokenKeyText) : undefined;
  if (tokenKeyText && !tokenKey) {
    console.error(
      'DISPATCH_TOKEN_KEY must be at least 32 random bytes in base64, e.g. from `openssl rand -base64 32`.',
    );
    process.exit(2);
  }
  let clock;
  try {
    clock = demoClock(process.env.DISPATCH_DEMO_NOW);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const log = createLogger();
  const databaseUrl = options['database-url'] || undefined;
  let server;
  try {
    server = await startServer({
      port,
      host: options.host,
      dataDir: resolve(options.data),
      databaseUrl,
      log,
      settings,
      tokenKey,
      clock,
    });
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  if ((options.demo || (await server.context.store.isEmpty())) && (await loadDemo(server.context))) {
    console.log(`Demo logins (password ${DEMO_PASSWORD}):`);
    for (const login of DEMO_LOGINS) console.log(`  ${login.email.padEnd(24)} ${login.description}`);
  }
  const where = databaseUrl
    ? `database ${redacted(databaseUrl)}, sessions and token key in it`
    : `data in ${resolve(options.data)}`;
  console.log(`Dispatch sync server ready on ${server.url} (${where})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, deadlineSeconds: settings.shutdownTimeoutSeconds }, 'shutting down');
    // The last resort, should finishing the commits hang too (a database that stopped answering): what
    // is not committed by then was never acknowledged, and the database rolls it back.
    setTimeout(
      () => {
        log.error({ signal }, 'shutdown did not finish after its deadline; exiting');
        process.exit(1);
      },
      settings.shutdownTimeoutSeconds * 1000 + BACKSTOP_MS,
    ).unref();
    await server.close();
    log.info({ signal }, 'shut down');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
