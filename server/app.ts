import fastifyCors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Server } from 'socket.io';
import { MAX_MESSAGE_BYTES } from '../domain/protocol';
import { TokenIssuer } from './auth';
import type { ServerContext } from './context';
import { Directory } from './directory';
import { createLogger, type Logger } from './log';
import { LOGIN_LIMITS, LoginThrottle } from './loginThrottle';
import { PasswordHasher } from './passwords';
import { addMissingDefaultReasons } from './referenceData';
import { DEMO_LOGINS, DEMO_PASSWORD, isDemoLoaded } from './demo';
import { CommandPipeline } from './pipeline';
import { registerRestApi } from './rest';
import { errorBody } from './rest/errors';
import type { RateLimit } from './rest/rateLimit';
import { startFanout } from './fanout';
import { Presence } from './presence';
import { attachSyncHandlers, broadcaster } from './socket';
import { resolveSettings, type ServerSettings } from './settings';
import { registerHealth } from './health';
import { settlesWithin, trackConnections } from './shutdown';
import { createPrivateFolder, isPrivateFolder } from './store/privateFiles';
import { openStore } from './store/open';
import { databaseTokenKey, PgLoginCounts, PgSessionStore } from './store/postgres';
import { SqliteSessionStore } from './store/sqliteSessions';
import { Sessions } from './sessions';

export interface ServerOptions {
  port: number;
  host?: string;
  /** Without `databaseUrl`, the SQLite database, its sessions and the token key live here (on PostgreSQL, in it). */
  dataDir: string;
  /** PostgreSQL (`postgres://…`) instead of SQLite in `dataDir`, for several processes on one database. */
  databaseUrl?: string;
  /** The built console (out/renderer), served for web mode when present. */
  rendererDir?: string;
  log?: Logger;
  clock?: () => number;
  /**
   * The key tokens are signed with, when the operator gives one (DISPATCH_TOKEN_KEY, read by main.ts);
   * otherwise the database's on PostgreSQL, or the data folder's `token.key`, each created at the first start.
   */
  tokenKey?: Buffer;
  /** Operator settings; what is left out comes from the DISPATCH_* environment, then the defaults. */
  settings?: Partial<ServerSettings>;
  /** The REST API's per-caller limit (REST_RATE_LIMIT by default); tests lower it to reach a 429 in a few requests. */
  restRateLimit?: RateLimit;
}

export interface RunningServer {
  url: string;
  context: ServerContext;
  http: FastifyInstance;
  io: Server;
  close(): Promise<void>;
}

/**
 * Starts the sync server: storage, the command pipeline, socket.io for the consoles and the REST API
 * for enterprises and mobile apps, on one HTTP port.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? createLogger();
  const clock = options.clock ?? Date.now;
  const settings = resolveSettings(options.settings);
  createPrivateFolder(options.dataDir);
  if (!isPrivateFolder(options.dataDir))
    log.warn({ dataDir: options.dataDir }, 'the data folder is readable by other users of this machine; chmod 700 it');
  const { store, pool } = await openStore({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir,
    onPoolError: (error) => log.warn({ err: error }, 'a PostgreSQL connection was lost; the pool opens another'),
    onCheckpointError: (message) =>
      log.warn({ reason: message }, 'the SQLite checkpoint thread failed; the writer checkpoints the WAL itself'),
  });
  const directory = await Directory.load(store);
  // Another process may write organizations, users or reasons: each write here first catches up with them.
  store.watchDirectory?.((reads) => directory.reload(reads));
  // Every process on one PostgreSQL database signs with the key kept in it; SQLite keeps it in the data folder.
  const tokenKey = options.tokenKey ?? (pool ? await databaseTokenKey(pool, clock) : undefined);
  const tokens = tokenKey
    ? new TokenIssuer(tokenKey, clock, settings.accessTokenTtlSeconds)
    : TokenIssuer.fromKeyFile(join(options.dataDir, 'token.key'), clock, settings.accessTokenTtlSeconds);
  const http = Fastify({
    loggerInstance: log.child({ component: 'http' }, { level: 'warn' }) as FastifyBaseLogger,
    bodyLimit: 256 * 1024,
    // A half-sent request is dropped (408), not held: its headers within headersTimeout, all of it within
    // requestTimeout, checked every second (Node's default check runs only every 30 s).
    requestTimeout: settings.requestTimeoutSeconds * 1000,
    http: {
      headersTimeout: Math.min(settings.headersTimeoutSeconds, settings.requestTimeoutSeconds) * 1000,
      connectionsCheckingInterval: 1_000,
    },
    // Refusals Fastify makes before routing (bad URL encoding, over-long parameters) keep our error shape.
    frameworkErrors: (error, _request, reply) => {
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
      void (reply as FastifyReply)
        .code(status)
        .send(errorBody('INVALID_ARGS', `The request is not valid: ${error.message}`));
    },
    // Requests Node's HTTP parser rejects (unknown methods, broken headers) never reach Fastify.
    clientErrorHandler: (error: Error & { code?: string }, socket) => {
      const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
      const body = JSON.stringify(
        timedOut
          ? errorBody('REQUEST_TIMEOUT', 'The request did not arrive in time; send it again in one go.')
          : errorBody('INVALID_ARGS', 'The request could not be parsed as HTTP.'),
      );
      const status = timedOut ? '408 Request Timeout' : '400 Bad Request';
      if (socket.writable)
        socket.end(
          `HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
        );
      else socket.destroy();
    },
  });
  // Beyond the cap, Node closes new connections at once, before they cost a parser or a socket.io session.
  http.server.maxConnections = settings.maxConnections;
  const connections = trackConnections(http.server);
  const io = new Server(http.server, {
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    // Bearer tokens, not cookies, authenticate: any origin (the desktop app's app://) may connect.
    cors: { origin: true },
    // A connection that died without closing (a cable pulled, a laptop lid shut) is noticed within 20 s
    // instead of socket.io's 45: its presence goes away with it (server/presence.ts).
    pingInterval: 10_000,
    pingTimeout: 10_000,
  });
  // Processes on one PostgreSQL database share socket.io's rooms, presence and directory changes through it.
  const fanout = options.databaseUrl
    ? await startFanout(io, {
        databaseUrl: options.databaseUrl,
        log,
        // Queued behind this process's writes, and a no-op when nothing changed since it last looked.
        onDirectoryChanged: () =>
          void store.refreshDirectory?.().catch((error: unknown) => log.warn({ err: error }, 'directory not reloaded')),
      })
    : undefined;
  const presence = new Presence(io, { log, clustered: !!fanout });
  fanout?.onPeerGone(() => presence.refreshAll());
  const pipeline = new CommandPipeline(store, directory, broadcaster(io, !!fanout), clock);
  const passwords = new PasswordHasher(settings.passwordCost);
  const sessionStore = pool
    ? await PgSessionStore.open(pool)
    : new SqliteSessionStore(join(options.dataDir, 'sessions.sqlite'));
  const sessions = new Sessions(sessionStore, tokens, clock);
  const context: ServerContext = {
    store,
    directory,
    pipeline,
    tokens,
    passwords,
    sessions,
    // Counted where every process of the office sees the same counts (one process on SQLite).
    logins: new LoginThrottle(clock, LOGIN_LIMITS, pool ? await PgLoginCounts.open(pool, clock) : undefined),
    settings,
    log,
    clock,
  };
  await addMissingDefaultReasons(pipeline, directory);
  await pipeline.pruneExpiredOutcomes();

  // The desktop app (app://dispatch) and consoles served on another local port call the REST API
  // cross-origin. Bearer tokens, no cookies, so no credentials are allowed.
  await http.register(fastifyCors, {
    origin: ['app://dispatch', /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // A malformed preflight is answered by the routes (our error shape), not with plain text.
    strictPreflight: false,
  });
  registerHealth(http, { serverId: store.databaseId, pool });
  // The sign-in page offers the demo logins, but only on a server that holds the demo network.
  http.get('/demo/logins', async () =>
    isDemoLoaded(directory) ? { password: DEMO_PASSWORD, logins: DEMO_LOGINS } : { logins: [] },
  );
  await registerRestApi(http, context, options.restRateLimit);
  attachSyncHandlers(io, {
    store,
    directory,
    pipeline,
    tokens,
    sessions,
    log,
    clock,
    presence,
    limits: settings,
    deflatedChanges: !fanout,
  });

  const rendererDir = options.rendererDir ?? resolve('out/renderer');
  const serveConsole = existsSync(join(rendererDir, 'index.html'));
  if (serveConsole) await http.register(fastifyStatic, { root: rendererDir, index: 'index.html' });
  http.setNotFoundHandler((request, reply) => {
    // The console routes on the client; unknown non-API paths get the app shell.
    if (
      serveConsole &&
      request.method === 'GET' &&
      !request.url.startsWith('/v3/') &&
      !request.url.startsWith('/socket.io')
    )
      return reply.sendFile('index.html');
    return reply.code(404).send(errorBody('NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}.`));
  });

  const host = options.host ?? '127.0.0.1';
  await http.listen({ port: options.port, host });
  const address = http.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${host}:${port}`;

  /**
   * A graceful stop, for a rolling restart: no new connections, every socket told to go (its console
   * reconnects, to another process behind the load balancer), requests in flight answered, group commits
   * finished. A client that never completes its side of the close (a frozen machine holding its socket
   * half-open) would hold this up for as long as it lives; past the shutdown deadline the connections
   * left are closed by force. Nothing is acknowledged that was not committed: an answer leaves only after
   * its commit, and a commit still running when a connection is cut is finished, or rolled back by the
   * database if the process dies.
   */
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      presence.close();
      const drained = (async () => {
        await io.close();
        await http.close();
      })();
      if (!(await settlesWithin(drained, settings.shutdownTimeoutSeconds * 1000))) {
        log.warn(
          { connections: connections.size, deadlineSeconds: settings.shutdownTimeoutSeconds },
          'shutdown deadline passed; closing the connections still open',
        );
        for (const socket of connections) socket.destroy();
        await drained;
      }
      await pipeline.idle();
      await fanout?.close();
      // The sessions first: on PostgreSQL they share the store's pool, which the store ends.
      await sessionStore.close();
      await store.close();
    })());

  return { url, context, http, io, close };
}
