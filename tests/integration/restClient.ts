import pino from 'pino';
import { DEFAULT_COMPLETE_REASONS, type Organization } from '../../domain';
import { startServer, type RunningServer } from '../../server/app';
import { writeCompleteReason, writeOrganization, writeUser } from '../../server/referenceData';
import type { ServerSettings } from '../../server/settings';
import type { StoredUser } from '../../server/store/types';
import { testStorage } from './support/store';

export const PASSWORD = 'rest-test-1234';

/** A small network of its own, so these tests need no demo data. */
export const ORGS = {
  enterprise: 'org-rest-acme',
  otherEnterprise: 'org-rest-globex',
  provider: 'org-rest-coolair',
  otherProvider: 'org-rest-northstar',
} as const;

export const USERS = {
  dispatcher: {
    id: 'u-rest-dispatcher',
    email: 'dana@coolair.test',
    organizationId: ORGS.provider,
    roles: ['dispatcher'],
  },
  technician: { id: 'u-rest-tech-1', email: 'tom@coolair.test', organizationId: ORGS.provider, roles: ['technician'] },
  otherTechnician: {
    id: 'u-rest-tech-2',
    email: 'tina@coolair.test',
    organizationId: ORGS.provider,
    roles: ['technician'],
  },
  enterprise: { id: 'u-rest-acme', email: 'erin@acme.test', organizationId: ORGS.enterprise, roles: ['enterprise'] },
  otherEnterprise: {
    id: 'u-rest-globex',
    email: 'gus@globex.test',
    organizationId: ORGS.otherEnterprise,
    roles: ['enterprise'],
  },
  otherDispatcher: {
    id: 'u-rest-northstar',
    email: 'nick@northstar.test',
    organizationId: ORGS.otherProvider,
    roles: ['dispatcher'],
  },
} as const;

export type UserName = keyof typeof USERS;

export interface RestServer {
  server: RunningServer;
  url: string;
  stop(): Promise<void>;
}

/**
 * The real server in-process on a free port and a fresh data folder (and on PostgreSQL a fresh database:
 * support/store.ts), seeded with ORGS and USERS.
 */
export async function startRestServer(
  options: { settings?: Partial<ServerSettings>; clock?: () => number } = {},
): Promise<RestServer> {
  const storage = await testStorage('rest');
  const server = await startServer({
    port: 0,
    dataDir: storage.dataDir,
    databaseUrl: storage.databaseUrl,
    log: pino({ level: 'silent' }),
    settings: options.settings,
    clock: options.clock,
  }).catch(async (error: unknown) => {
    await storage.remove();
    throw error;
  });
  const { pipeline, directory } = server.context;
  const organizations: Organization[] = [
    { id: ORGS.enterprise, name: 'Acme Warranty', kind: 'enterprise', version: 0 },
    { id: ORGS.otherEnterprise, name: 'Globex Home Shield', kind: 'enterprise', version: 0 },
    { id: ORGS.provider, name: 'CoolAir Services', kind: 'provider', version: 0 },
    { id: ORGS.otherProvider, name: 'Northstar Plumbing', kind: 'provider', version: 0 },
  ];
  const passwordHash = await server.context.passwords.hash(PASSWORD);
  const users: StoredUser[] = Object.values(USERS).map((user, index) => ({
    ...user,
    roles: [...user.roles],
    firstName: user.email.split('@')[0].replace(/^./, (letter) => letter.toUpperCase()),
    lastName: `Tester${index + 1}`,
    phoneNumber: `tel:+1-555-010${index}`,
    version: 0,
    passwordHash,
  }));
  await pipeline.write(async (tx) => {
    for (const organization of organizations) await writeOrganization(tx, directory, organization);
    for (const user of users) await writeUser(tx, directory, user);
    for (const reason of DEFAULT_COMPLETE_REASONS) await writeCompleteReason(tx, directory, reason);
    await writeCompleteReason(tx, directory, {
      id: 'cr-acme-warranty-closed',
      sourceId: ORGS.enterprise,
      label: 'Warranty claim closed',
      effect: 'complete',
    });
  });
  return {
    server,
    url: server.url,
    async stop() {
      await server.close();
      await storage.remove();
    },
  };
}

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  idempotencyKey?: string;
  /** Sent as is (e.g. malformed JSON); otherwise `body` is JSON-encoded. */
  rawBody?: string;
}

export async function call<T = any>(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const payload = options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${url}${path}`, { method, headers, body: payload });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

export async function login(url: string, email: string, password = PASSWORD): Promise<string> {
  const answer = await call<{ access_token?: string }>(url, 'POST', '/v3/oauth/token', {
    grant_type: 'password',
    username: email,
    password,
  });
  if (answer.status !== 200 || !answer.body.access_token)
    throw new Error(`login ${email}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.access_token;
}

/** A signed-in caller: `as.get('/v3/jobs')`. */
export function client(url: string, token: string) {
  const send = <T = any>(method: string, path: string, body?: unknown, options: Omit<RequestOptions, 'token'> = {}) =>
    call<T>(url, method, path, body, { ...options, token });
  return {
    get: <T = any>(path: string) => send<T>('GET', path),
    post: <T = any>(path: string, body?: unknown, options?: Omit<RequestOptions, 'token'>) =>
      send<T>('POST', path, body, options),
    patch: <T = any>(path: string, body?: unknown, options?: Omit<RequestOptions, 'token'>) =>
      send<T>('PATCH', path, body, options),
    put: <T = any>(path: string, body?: unknown, options?: Omit<RequestOptions, 'token'>) =>
      send<T>('PUT', path, body, options),
    delete: <T = any>(path: string, options?: Omit<RequestOptions, 'token'>) =>
      send<T>('DELETE', path, undefined, options),
  };
}

export type Client = ReturnType<typeof client>;
