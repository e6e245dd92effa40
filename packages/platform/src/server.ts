import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import express from 'express';
import { GraphQLError, type DocumentNode } from 'graphql';
import { ShopError } from './errors';
import { enforceAuthorization } from './identity/authorization';
import type { Identity } from './identity/request';
import type { Logger } from './logger';
import { enumDefaultsAsInternalValues } from './graphql/enum-defaults';
import { formatErrorFor, type ErrorFormatting } from './graphql/format-error';
import { costAnnotationsOf, queryGuards } from './graphql/limits';
import { graphqlSettingsFromEnv, type GraphqlSettings } from './config';
import { apolloStep, graphqlEndpoint, type GraphqlStep } from './graphql-post';
import { graphqlHttpFallbacks } from './http-errors';
import { inputGuard } from './graphql/input-guard';
import { anonymousViewer, type Viewer } from './identity/viewer';
import type { ContextEvents } from './events/context-events';
import type { SqlClient } from './events/outbox';
import type { EventTransport } from './events/transport';
import { startSubgraphEvents, withDeadLetters, type SubgraphEvents } from './subgraph-events';
import { graphqlObservability } from './observability/graphql';
import { mountMetrics } from './observability/metrics';
import { traceFields, traceRequests } from './observability/tracing';

export type { SubgraphEvents } from './subgraph-events';

export interface RequestBasics {
  req: http.IncomingMessage;
  requestId: string;
  log: Logger;
}

/** What a request's context is built from: the request, its id and logger, and the caller the identity verified. */
export interface RequestContextBasics extends RequestBasics {
  viewer: Viewer;
}

/** A context's database as the platform uses it: probed for /ready, disconnected on stop. */
export interface ServiceDatabase {
  $queryRaw: SqlClient['$queryRaw'];
  $disconnect(): Promise<void>;
}

export interface SubgraphOptions<C extends BaseContext, Tx extends SqlClient = SqlClient> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<C>;
  port: number;
  host?: string;
  log: Logger;
  production: boolean;
  /** Verifies each request's bearer token; `context` gets the caller as `viewer` (anonymous without it). */
  identity?: Identity;
  context: (basics: RequestContextBasics) => Promise<C> | C;
  /** The context's database: /ready runs `SELECT 1` on it, and it is disconnected last on stop. */
  db?: ServiceDatabase;
  /** The database's URL: the relay listens for its outbox's NOTIFY on a connection of its own. */
  databaseUrl?: string;
  /** Starts the context's integration events (needs `databaseUrl` when it publishes). */
  events?: SubgraphEvents<Tx>;
  /** The process's event transport (eventTransport(redis)); this process's in-process one when omitted. */
  eventTransport?: EventTransport;
  /** Readiness probe beyond the database (e.g. Redis): resolves when the service can answer. */
  ready?: () => Promise<void>;
  /** Extra HTTP routes beside /graphql (e.g. the built-in issuer's /.well-known/jwks.json). */
  routes?: (app: express.Express) => void;
  /** Runs after in-flight requests have drained and the events stopped: stop the context's jobs here. */
  onStop?: () => Promise<void>;
  /** Query limits, error detail and introspection; read from the environment (validated) when omitted. */
  graphql?: GraphqlSettings;
}

/** What starting any context's subgraph takes; each context's options add its own settings. */
export interface SubgraphBaseOptions {
  databaseUrl: string;
  port: number;
  host?: string;
  log: Logger;
  production: boolean;
  /** Verifies each request's bearer token. */
  identity: Identity;
  /**
   * The process's integration-event transport, one for every service of the process: eventTransport(redis) —
   * Redis Streams, or without Redis the in-process one (correct only while every service shares the process).
   * This process's in-process transport when omitted.
   */
  eventTransport?: EventTransport;
}

export interface RunningService {
  name: string;
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Longer than any client's socket reuse (the gateway's undici keeps sockets 4 s), so we never reset a reused socket. */
const KEEP_ALIVE_MS = 65_000;

export function requestIdOf(req: http.IncomingMessage): string {
  const given = req.headers['x-request-id'];
  const id = Array.isArray(given) ? given[0] : given;
  return id && /^[\w.:-]{1,128}$/.test(id) ? id : randomUUID();
}

const requests = new AsyncLocalStorage<RequestBasics>();

/** Gives a request its id (echoed in x-request-id) and runs the rest of it in its scope, for formatError's log. */
function requestScope(log: Logger): GraphqlStep {
  return (req, res, next) => {
    const requestId = requestIdFor(req, res);
    requests.run({ req, requestId, log: log.child({ requestId, ...traceFields() }) }, next);
  };
}

function currentRequest(): RequestBasics {
  const basics = requests.getStore();
  if (!basics) throw new Error('No request scope: requestScope() must run before the GraphQL handler');
  return basics;
}

/** The id of the request this code runs for, when it runs inside one (the service client forwards it). */
export const currentRequestId = (): string | undefined => requests.getStore()?.requestId;
const currentLog = (fallback: Logger) => () => requests.getStore()?.log ?? fallback;

/** The request's id, chosen once (the caller's or a new one) and echoed in x-request-id. */
export function requestIdFor(req: http.IncomingMessage, res: http.ServerResponse): string {
  const echoed = res.getHeader('x-request-id');
  if (typeof echoed === 'string') return echoed;
  const requestId = requestIdOf(req);
  res.setHeader('x-request-id', requestId);
  return requestId;
}

/**
 * What every GraphQL service (the gateway and each subgraph) gives its ApolloServer: the query limits
 * (graphql/limits.ts, `plugin` among the server's plugins), unexpected errors masked in every mode unless
 * GRAPHQL_DEBUG, introspection as configured, and no "Did you mean …" suggestions where the schema is not public
 * (production, or introspection off). `sdl` carries the `@listSize`/`@cost` annotations the cost estimate reads.
 */
export function graphqlSafety(options: {
  settings: GraphqlSettings;
  production: boolean;
  sdl: DocumentNode;
  log: ErrorFormatting['log'];
  requestId: ErrorFormatting['requestId'];
}) {
  const { settings } = options;
  const guards = queryGuards(settings.limits, costAnnotationsOf(options.sdl));
  return {
    options: {
      introspection: settings.introspection,
      includeStacktraceInErrorResponses: settings.debug,
      hideSchemaDetailsFromClientErrors: options.production || !settings.introspection,
      validationRules: guards.validationRules,
      parseOptions: guards.parseOptions,
      formatError: formatErrorFor({ log: options.log, requestId: options.requestId, debug: settings.debug }),
    },
    plugin: guards.plugin,
  };
}

export function createHttpApp(log: Logger, ready?: () => Promise<void>) {
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    try {
      await ready?.();
      res.json({ status: 'ready' });
    } catch (error) {
      log.warn({ err: error }, 'not ready');
      res.status(503).json({ status: 'unavailable' });
    }
  });
  // Prometheus' scrape: for the cluster, not the public (METRICS_TOKEN protects it where the port is reachable).
  mountMetrics(app);
  return app;
}

export async function listen(server: http.Server, port: number, host: string): Promise<number> {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

export async function startSubgraph<C extends BaseContext, Tx extends SqlClient = SqlClient>(options: SubgraphOptions<C, Tx>): Promise<RunningService> {
  const { log, db, identity } = options;
  const settings = options.graphql ?? graphqlSettingsFromEnv(options.production);
  const safety = graphqlSafety({ settings, production: options.production, sdl: options.typeDefs, log: currentLog(log), requestId: currentRequestId });
  const app = createHttpApp(log, async () => {
    if (db) await db.$queryRaw`SELECT 1`;
    await options.ready?.();
  });
  // No ETag: only the gateway and services call a subgraph, never revalidating, and Express would hash every answer.
  app.set('etag', false);
  options.routes?.(app);
  // POSTs of JSON to /graphql skip Express (graphql-post.ts); `app` keeps GET, the probes and the routes.
  const graphql = graphqlEndpoint(app, { path: '/graphql', log, requestId: requestIdFor });
  const httpServer = http.createServer(graphql.listener);
  let events: ContextEvents | null = null;
  const consumes = (options.events?.handlers.length ?? 0) > 0;
  const resolvers = consumes
    ? withDeadLetters(options.name, options.typeDefs, options.resolvers as GraphQLResolverMap<unknown>, () => events!.consumer!.deadLetters)
    : (options.resolvers as GraphQLResolverMap<unknown>);
  const apollo = new ApolloServer<C>({
    schema: enforceAuthorization(enumDefaultsAsInternalValues(buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers }))),
    // We stop on signals ourselves (stopOnSignals), after draining; Apollo's own handler would re-raise mid-drain.
    stopOnTerminationSignals: false,
    // Limits, error masking, introspection. The gateway sends this subgraph its query plans: `_entities` is sized
    // by its representations, so the plan of an operation the gateway accepted stays within the same limits.
    ...safety.options,
    // inputGuard: no NUL, lone surrogate or (in names and addresses) control character gets past the arguments.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginInlineTraceDisabled(), safety.plugin, inputGuard({ httpStatus: 200 }),
      graphqlObservability(options.name),
    ],
  });
  await apollo.start();
  graphql.serve({
    beforeBody: [traceRequests(options.name)],
    afterBody: [
      requestScope(log),
      apolloStep(apollo, async () => {
        const { req, requestId, log: requestLog } = currentRequest();
        try {
          const viewer = identity ? await identity.viewerFor(req.headers) : anonymousViewer;
          return await options.context({ req, requestId, log: requestLog, viewer });
        } catch (error) {
          throw asRequestError(error);
        }
      }),
    ],
  });
  app.use(...graphqlHttpFallbacks(log, requestIdFor));
  const host = options.host ?? '0.0.0.0';
  let port: number;
  try {
    events = startSubgraphEvents(options);
    port = await listen(httpServer, options.port, host);
  } catch (error) {
    await events?.stop();
    await apollo.stop();
    throw error;
  }
  const url = `http://127.0.0.1:${port}/graphql`;
  log.info({ url }, `${options.name} subgraph ready`);
  let stopping: Promise<void> | undefined;
  return {
    name: options.name,
    url,
    port,
    stop: () =>
      (stopping ??= (async () => {
        await apollo.stop();
        await events?.stop();
        await options.onStop?.();
        await db?.$disconnect();
        log.info(`${options.name} subgraph stopped`);
      })()),
  };
}


/**
 * A context that cannot be built (a bad token) fails the whole request. Apollo turns a plain error there into a
 * 500; a GraphQLError keeps its code, and 401 tells HTTP clients what went wrong.
 */
export function asRequestError(error: unknown): unknown {
  if (!(error instanceof ShopError)) return error;
  const status = error.code === 'UNAUTHENTICATED' ? 401 : error.code === 'FORBIDDEN' ? 403 : 400;
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status } } });
}

/** Stops services in reverse start order on SIGTERM/SIGINT; a second signal exits at once. */
export function stopOnSignals(services: RunningService[], log: Logger, afterStop?: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, 'shutting down');
    void (async () => {
      for (const service of [...services].reverse()) await service.stop().catch((err) => log.error({ err }, 'stop failed'));
      await afterStop?.();
      process.exit(0);
    })();
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}
