import './fast-federation-exports'; // before @apollo/gateway loads
import http from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import {
  asRequestError, createHttpApp, loadConfig, graphqlHttpFallbacks, graphqlObservability, graphqlSafety, graphqlSettingsFromEnv, inputGuard, listen,
  requestIdFor, traceRequests, eventTransport, graphqlEndpoint, type EventTransport, type GraphqlSettings, type Identity, type Logger, type RunningService, type Viewer } from '@shop/platform';
import cors from 'cors';
import { parse, type GraphQLSchema } from 'graphql';
import { z } from 'zod';
import { currentContext, currentLog, requestScope, type GatewayContext } from './request-scope';
import { watchSubscriptions } from './observability';
import { graphqlHttpHandler } from './http-handler';
import { createSubgraphAgent, subgraphDataSource } from './subgraph-client';
import { startEntityCache, type EntityCacheOptions } from './entity-cache';
import { urlVariableFor } from './supergraph';
import { withTimeBudget } from './time-budget';
import { startOrderFeed } from './subscriptions/order-feed';
import { DEFAULT_SUBSCRIPTION_LIMITS, startSubscriptionServer, type SubscriptionLimits } from './subscriptions/server';
import { trackingSchema } from './subscriptions/tracking';
import { mountWebApps, type WebApp } from './web-apps';
import { subscriptionsOverWebSocketOnly } from './subscriptions/http-refusal';

function currentContextOrUndefined(): GatewayContext | undefined {
  try {
    return currentContext();
  } catch {
    return undefined;
  }
}

export interface GatewayOptions {
  port: number;
  host?: string;
  /** Composed supergraph SDL (the committed supergraph.graphql). */
  supergraphSdl: string;
  /** Subgraph name → URL, overriding the routing URL composed into the supergraph. */
  subgraphUrls?: Record<string, string>;
  log: Logger;
  production: boolean;
  /** Verifies the caller's bearer token before any subgraph is asked (each subgraph verifies it again). */
  identity: Identity;
  /** Browser origins allowed to call the API (storefront and admin SPAs); '*' allows any. None when omitted. */
  corsOrigins?: string[] | '*';
  /** Query limits, error detail and introspection; read from the environment (validated) when omitted. */
  graphql?: GraphqlSettings;
  /** Time one operation may take before the client gets GATEWAY_TIMEOUT and its subgraph fetches are aborted. */
  operationTimeoutMs?: number;
  /**
   * Where order events arrive for subscriptions (the process's eventTransport(redis)): Redis Streams, so every
   * replica hears every change; this process's in-process transport when omitted (embedded mode without Redis).
   */
  events?: EventTransport;
  /** Limits of the WebSocket subscriptions (graphql-ws); defaults in DEFAULT_SUBSCRIPTION_LIMITS. */
  subscriptionLimits?: Partial<SubscriptionLimits>;
  /** Single-page apps served beside the API from their built files (storefront at `/`, admin at `/admin`). */
  webApps?: WebApp[];
  /**
   * Public subgraph answers kept between requests (Redis or this process), evicted by the catalog's and
   * inventory's events from `events`; off when omitted.
   */
  entityCache?: EntityCacheOptions;
  /** Identical queries in flight at once are executed once, and identical subgraph fetches sent once (default on). */
  mergeInFlight?: boolean;
}

export interface RunningGateway extends RunningService {
  /** Live order tracking: for tests and metrics. */
  subscriptions: { connectionCount(): number; listenerCount(): number };
}

/** Apollo Router's default too: long enough for a checkout under load, short enough that nothing hangs. */
export const DEFAULT_OPERATION_TIMEOUT_MS = 30_000;

export const operationTimeoutConfigShape = {
  /** Time one operation may take; then the client gets GATEWAY_TIMEOUT and its subgraph fetches are aborted. */
  GATEWAY_OPERATION_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_OPERATION_TIMEOUT_MS),
};

/** Query plans are cached per operation; a shop has few distinct operations, so this holds all of them. */
const QUERY_PLAN_CACHE_MIB = 64;

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { log, production } = options;
  const settings = options.graphql ?? graphqlSettingsFromEnv(production);
  const agent = createSubgraphAgent();
  const events = options.events ?? eventTransport(null);
  const cache = options.entityCache ? startEntityCache({ ...options.entityCache, events, log: log.child({ component: 'entity-cache' }) }) : null;
  const routes: Record<string, string> = {};
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger: log.child({ component: 'apollo-gateway' }),
    experimental_approximateQueryPlanStoreMiB: QUERY_PLAN_CACHE_MIB,
    buildService: ({ name, url }) => {
      const target = options.subgraphUrls?.[name] ?? url;
      if (!target) throw new Error(`Subgraph "${name}" has no URL: set ${urlVariableFor(name)} or its routing_url`);
      routes[name] = target;
      return subgraphDataSource({ name, url: target, agent, cache: cache?.cache ?? null, mergeInFlight: options.mergeInFlight ?? true });
    },
  });

  // Apollo Gateway executes no subscriptions: the gateway hosts them itself on the API schema it loads.
  let subscriptionSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    subscriptionSchema = trackingSchema(apiSchema);
  });

  const safety = graphqlSafety({
    settings, production, sdl: parse(options.supergraphSdl), log: () => currentLog(log), requestId: () => currentContextOrUndefined()?.requestId,
  });
  const app = createHttpApp(log);
  // POSTs of JSON to /graphql skip Express (platform's graphql-post.ts); `app` keeps GET, preflights and the web apps.
  const graphql = graphqlEndpoint(app, { path: '/graphql', log, requestId: requestIdFor });
  const httpServer = http.createServer(graphql.listener);
  const apollo = new ApolloServer<GatewayContext>({
    gateway: withTimeBudget(gateway, options.operationTimeoutMs ?? loadConfig(z.object(operationTimeoutConfigShape)).GATEWAY_OPERATION_TIMEOUT_MS),
    // stopOnSignals (platform) owns SIGTERM; Apollo's own handler would re-raise the signal mid-drain.
    stopOnTerminationSignals: false,
    // The same limits, error masking and introspection policy as the subgraphs, before any subgraph is asked.
    ...safety.options,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      safety.plugin,
      // Refuses NUL, lone surrogates and control characters in names/addresses before any subgraph is asked.
      inputGuard(),
      subscriptionsOverWebSocketOnly(),
      // Rate, latency and errors per operation (/metrics), and the request's span named after the operation.
      graphqlObservability('gateway'),
      // No Apollo Studio reporting, so the gateway never asks subgraphs for inline traces (ftv1 costs them CPU).
      ApolloServerPluginUsageReportingDisabled(),
      production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    ],
  });
  await apollo.start();
  graphql.serve({
    beforeBody: [
      cors({
        origin: options.corsOrigins === '*' ? true : (options.corsOrigins ?? false),
        exposedHeaders: ['x-request-id'],
        maxAge: 600,
      }),
      traceRequests('gateway'),
    ],
    afterBody: [
      requestScope(log, options.identity.gatewayHeaders),
      graphqlHttpHandler(
        apollo,
        async (req) => {
          let viewer: Viewer;
          try {
            viewer = await options.identity.viewerFor(req.headers);
          } catch (error) {
            throw asRequestError(error);
          }
          const context = currentContext();
          context.cachePartition = viewer.roles.every((role) => role === 'customer') ? 'shopper' : null;
          return context;
        },
        { mergeInFlight: options.mergeInFlight ?? true },
      ),
    ],
  });

  if (options.webApps?.length) mountWebApps(app, options.webApps, log);
  app.use(...graphqlHttpFallbacks(log, requestIdFor));

  const feed = startOrderFeed({ transport: events, log: log.child({ component: 'order-feed' }) });
  const subscriptions = startSubscriptionServer({
    httpServer,
    path: '/graphql',
    log: log.child({ component: 'subscriptions' }),
    identity: options.identity,
    feed,
    schema: () => subscriptionSchema,
    limits: { ...DEFAULT_SUBSCRIPTION_LIMITS, ...options.subscriptionLimits },
    // The same guards and error policy as queries over HTTP.
    validationRules: safety.options.validationRules,
    parseOptions: safety.options.parseOptions,
    hideSchemaDetails: safety.options.hideSchemaDetailsFromClientErrors,
    execute: async (query, variables, contextValue) => {
      const response = await apollo.executeOperation({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('incremental delivery is not used here');
      return response.body.singleResult;
    },
  });

  let port: number;
  try {
    port = await listen(httpServer, options.port, options.host ?? '0.0.0.0');
  } catch (error) {
    // The port is taken (or not ours): leave no feed reading the order stream, and no group of it, behind.
    await subscriptions.stop().catch(() => undefined);
    await feed.stop().catch((err) => log.warn({ err }, 'order feed: could not stop'));
    await cache?.stop().catch((err) => log.warn({ err }, 'entity cache: could not stop'));
    await apollo.stop().catch(() => undefined);
    await agent.close().catch(() => undefined);
    throw error;
  }
  const url = `http://127.0.0.1:${port}/graphql`;
  const unwatch = watchSubscriptions({ connectionCount: subscriptions.connectionCount, listenerCount: feed.listenerCount });
  log.info({ url, subgraphs: routes }, 'gateway ready');
  let stopping: Promise<void> | undefined;
  return {
    name: 'gateway',
    url,
    port,
    subscriptions: { connectionCount: subscriptions.connectionCount, listenerCount: feed.listenerCount },
    stop: () =>
      (stopping ??= (async () => {
        unwatch();
        // Subscribers first: 1001 (going away) tells their clients to reconnect, to another replica.
        await subscriptions.stop();
        await feed.stop();
        await cache?.stop();
        await apollo.stop(); // drains in-flight requests, then stops the gateway
        await agent.close();
        log.info('gateway stopped');
      })()),
  };
}
