import { OWASP_SCRYPT_COST, parseScryptCost, type ScryptCost } from './passwords';

/**
 * What an operator may tune, each with a command-line flag (server/main.ts) and an environment variable;
 * a flag wins over the variable, the variable over the default. Limits are per server process.
 */
export interface ServerSettings {
  /** scrypt cost of new password hashes (`--password-cost N=131072,r=8,p=1`, DISPATCH_PASSWORD_COST). */
  passwordCost: ScryptCost;
  /** Lifetime of access tokens in seconds (`--access-token-ttl`, DISPATCH_ACCESS_TOKEN_TTL); 10800 as Dispatch v3. */
  accessTokenTtlSeconds: number;
  /** A request must arrive whole within this many seconds (`--request-timeout`, DISPATCH_REQUEST_TIMEOUT). */
  requestTimeoutSeconds: number;
  /** Its headers within this many (`--headers-timeout`, DISPATCH_HEADERS_TIMEOUT); an idle new connection too. */
  headersTimeoutSeconds: number;
  /** Open connections (HTTP and sockets) at once; more are closed at once (`--max-connections`, DISPATCH_MAX_CONNECTIONS). */
  maxConnections: number;
  /** Sockets one user may hold open (`--max-sockets-per-user`, DISPATCH_MAX_SOCKETS_PER_USER). */
  maxSocketsPerUser: number;
  /** Client submissions waiting for the pipeline; more are refused RATE_LIMITED (`--max-pipeline-queue`, DISPATCH_MAX_PIPELINE_QUEUE). */
  maxPipelineQueue: number;
  /**
   * On SIGTERM, how long sockets may take to close and group commits to finish before what is left is
   * closed by force (`--shutdown-timeout`, DISPATCH_SHUTDOWN_TIMEOUT): a stuck client must not hold a
   * rolling restart up.
   */
  shutdownTimeoutSeconds: number;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  passwordCost: OWASP_SCRYPT_COST,
  accessTokenTtlSeconds: 3 * 60 * 60,
  requestTimeoutSeconds: 30,
  headersTimeoutSeconds: 10,
  maxConnections: 2_000,
  maxSocketsPerUser: 50,
  maxPipelineQueue: 1_000,
  shutdownTimeoutSeconds: 10,
};

/** The settings' environment variables, by setting. */
export const SETTING_VARIABLES: Record<keyof ServerSettings, string> = {
  passwordCost: 'DISPATCH_PASSWORD_COST',
  accessTokenTtlSeconds: 'DISPATCH_ACCESS_TOKEN_TTL',
  requestTimeoutSeconds: 'DISPATCH_REQUEST_TIMEOUT',
  headersTimeoutSeconds: 'DISPATCH_HEADERS_TIMEOUT',
  maxConnections: 'DISPATCH_MAX_CONNECTIONS',
  maxSocketsPerUser: 'DISPATCH_MAX_SOCKETS_PER_USER',
  maxPipelineQueue: 'DISPATCH_MAX_PIPELINE_QUEUE',
  shutdownTimeoutSeconds: 'DISPATCH_SHUTDOWN_TIMEOUT',
};

/** A setting that cannot be used; main.ts prints the message with the usage line. */
export class SettingError extends Error {}

/** Parses one setting from its text (a flag's or a variable's value). */
export function parseSetting<K extends keyof ServerSettings>(key: K, text: string, from: string): ServerSettings[K] {
  switch (key) {
    case 'passwordCost':
      try {
        return parseScryptCost(text) as ServerSettings[K];
      } catch (error) {
        throw new SettingError(`${from}: ${(error as Error).message}`);
      }
    case 'accessTokenTtlSeconds':
      return wholeNumber(text, from, 1, 30 * 24 * 60 * 60) as ServerSettings[K];
    case 'requestTimeoutSeconds':
    case 'headersTimeoutSeconds':
      return wholeNumber(text, from, 1, 30) as ServerSettings[K];
    case 'maxConnections':
      return wholeNumber(text, from, 10, 1_000_000) as ServerSettings[K];
    case 'maxSocketsPerUser':
    case 'maxPipelineQueue':
      return wholeNumber(text, from, 1, 1_000_000) as ServerSettings[K];
    case 'shutdownTimeoutSeconds':
      return wholeNumber(text, from, 1, 600) as ServerSettings[K];
    default:
      throw new SettingError(`${from}: unknown setting.`);
  }
}

function wholeNumber(text: string, from: string, min: number, max: number): number {
  const value = /^\d{1,10}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isInteger(value) || value < min || value > max)
    throw new SettingError(`${from} must be a whole number from ${min} to ${max}; got "${text}".`);
  return value;
}

/** Defaults, overridden by the environment, overridden by what the caller passes (flags, tests). */
export function resolveSettings(
  given: Partial<ServerSettings> = {},
  env: NodeJS.ProcessEnv = process.env,
): ServerSettings {
  const settings: ServerSettings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(SETTING_VARIABLES) as (keyof ServerSettings)[]) {
    const text = env[SETTING_VARIABLES[key]];
    if (text !== undefined && text !== '')
      (settings as unknown as Record<string, unknown>)[key] = parseSetting(key, text, SETTING_VARIABLES[key]);
  }
  for (const [key, value] of Object.entries(given))
    if (value !== undefined) (settings as unknown as Record<string, unknown>)[key] = value;
  return settings;
}
