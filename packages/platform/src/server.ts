import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import express from 'express';
import { GraphQLError, type DocumentNode } from 'graphql';
import { ShopError } from './errors';
import { enforceAuthorization } from './identity/authorization';
import type { Identity } from './identity/request';
import type { Logger } from './logger';
import { enumDefaultsAsInternalValues } from './graphql/enum-defaults';
import { formatErrorFor } from './graphql/format-error';

export interface RequestBasics {
  req: http.IncomingMessage;
  requestId: string;
  log: Logger;
}

export interface SubgraphOptions<C extends BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<C>;
  port: number;
  host?: string;
  log: Logger;
  production: boolean;
  context: (basics: RequestBasics) => Promise<C> | C;
  /** Readiness probe: resolves when the service can answer (its database is reachable). */
  ready?: () => Promise<void>;
  /** Extra HTTP routes beside /graphql (e.g. the built-in issuer's /.well-known/jwks.json). */
  routes?: (app: express.Express) => void;
  /** Runs after in-flight requests have drained: close pools here. */
  onStop?: () => Promise<void>;
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

export async function startSubgraph<C extends BaseContext>(options: SubgraphOptions<C>): Promise<RunningService> {
  const { log } = options;
  const app = createHttpApp(log, options.ready);
  options.routes?.(app);
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<C>({
    schema: enforceAuthorization(enumDefaultsAsInternalValues(buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> }))),
    includeStacktraceInErrorResponses: !options.production,
    // We stop on signals ourselves (stopOnSignals), after draining; Apollo's own handler would re-raise mid-drain.
    stopOnTerminationSignals: false,
    formatError: formatErrorFor(log, options.production),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = requestIdOf(req);
        res.setHeader('x-request-id', requestId);
        try {
          return await options.context({ req, requestId, log: log.child({ requestId }) });
        } catch (error) {
          throw asRequestError(error);
        }
      },
    }),
  );
  const host = options.host ?? '0.0.0.0';
  const port = await listen(httpServer, options.port, host);
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
        await options.onStop?.();
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
