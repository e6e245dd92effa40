import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, envPort, loadConfig, runService } from '@shop/platform';
import { z } from 'zod';
import { entityCacheStore } from './entity-cache';
import { operationTimeoutConfigShape, startGateway } from './gateway';
import { repoRoot } from './paths';
import { subgraphsIn, urlVariableFor } from './supergraph';
import { shopWebApps } from './web-apps';

const corsOrigins = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim() === '*' ? ('*' as const) : v.split(',').map((o) => o.trim())))
  .refine((v) => v === undefined || v === '*' || v.every((o) => /^https?:\/\/[^/\s]+$/.test(o)), 'must be * or a comma-separated list of origins like https://shop.example');

/** Production entry point: the gateway, configured from the environment. */
runService({
  name: 'gateway',
  config: {
    GATEWAY_PORT: envPort(4000),
    SUPERGRAPH_PATH: z.string().min(1).default(path.join(repoRoot, 'supergraph.graphql')),
    /** Comma-separated browser origins allowed to call the API, or * for any (SPAs served elsewhere). */
    CORS_ORIGINS: corsOrigins,
    /** Serve the built storefront at / and the admin app at /admin from this gateway (same origin: no CORS needed). */
    GATEWAY_WEB_APPS: z.stringbool().default(false),
    /** Where the builds are: <dir>/storefront and <dir>/admin (the repository's apps/<name>/dist by default). */
    GATEWAY_WEB_APPS_DIR: z.string().min(1).optional(),
    /** Keep public subgraph answers (catalog, stock levels) between requests; events evict them (README: entity cache). */
    GATEWAY_ENTITY_CACHE: z.stringbool().default(true),
    /** Answers kept in this process (in front of Redis, which the replicas share, when REDIS_URL is set). */
    GATEWAY_ENTITY_CACHE_MAX_ENTRIES: z.coerce.number().int().min(100).max(10_000_000).default(50_000),
    /** Where in Redis the answers live: give each shop sharing one Redis (staging, production) its own. */
    GATEWAY_ENTITY_CACHE_PREFIX: z.string().min(1).max(100).default('gateway:cache:'),
    ...operationTimeoutConfigShape,
  },
  start: ({ config, log, production, identity, eventTransport, redis }) => {
    const supergraphSdl = readSupergraph(config.SUPERGRAPH_PATH);
    return startGateway({
      identity,
      // Order events for subscriptions: Redis Streams with REDIS_URL (every replica reads them all).
      events: eventTransport,
      port: config.GATEWAY_PORT,
      supergraphSdl,
      subgraphUrls: subgraphUrlsFromEnv(supergraphSdl),
      log,
      production,
      corsOrigins: config.CORS_ORIGINS,
      operationTimeoutMs: config.GATEWAY_OPERATION_TIMEOUT_MS,
      webApps: config.GATEWAY_WEB_APPS ? shopWebApps(config.GATEWAY_WEB_APPS_DIR) : undefined,
      entityCache: config.GATEWAY_ENTITY_CACHE
        ? { store: entityCacheStore(redis, { maxEntries: config.GATEWAY_ENTITY_CACHE_MAX_ENTRIES, prefix: config.GATEWAY_ENTITY_CACHE_PREFIX }) }
        : undefined,
    });
  },
});

/**
 * One optional <NAME>_URL per subgraph in the supergraph, e.g. CATALOG_URL, for deployments where the routing URLs
 * in supergraph.yaml (localhost) are not where the subgraphs run.
 */
function subgraphUrlsFromEnv(supergraphSdl: string): Record<string, string> {
  const variables = subgraphsIn(supergraphSdl).map(({ name }) => [name, urlVariableFor(name)] as const);
  const httpUrl = z.url({ protocol: /^https?$/ }).optional();
  const overrides = loadConfig(z.object(Object.fromEntries(variables.map(([, variable]) => [variable, httpUrl]))));
  const subgraphUrls: Record<string, string> = {};
  for (const [name, variable] of variables) {
    const url = overrides[variable];
    if (url) subgraphUrls[name] = url;
  }
  return subgraphUrls;
}

function readSupergraph(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the supergraph at ${file} (SUPERGRAPH_PATH): ${(error as Error).message}. Run \`npm run compose\`.`);
  }
}
