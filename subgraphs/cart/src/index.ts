import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gql } from 'graphql-tag';
import { startSubgraph, type Redis, type RunningService, type SubgraphBaseOptions } from '@shop/platform';
import type { CartContext, CartSettings } from './context';
import { createCartDb, inTransaction, type CartTx } from './db';
import { eventHandlers } from './events/handlers';
import { DEFAULT_LIMITS, type CartLimits } from './domain/cart';
import { readSessionHeader } from './domain/session';
import { CartLoaders } from './loaders';
import { httpCatalogPort, type CatalogPort } from './ports/catalog';
import { createSubgraphClient } from './ports/graphql-http';
import { httpInventoryPort, type InventoryPort } from './ports/inventory';
import { startVariantCacheSync, VariantCache } from './ports/variant-cache';
import { resolvers } from './resolvers';
import { startAbandonedCartJob, type AbandonmentSettings } from './services/abandoned';
import { SEVEN_DAYS_MS, type CartStore } from './store/cart-store';
import { inProcessCartStore } from './store/memory-store';
import { redisCartStore } from './store/redis-store';

export const typeDefs = gql(readFileSync(path.join(__dirname, '..', 'schema.graphql'), 'utf8'));
export { createCartDb } from './db';
export type { CartDb } from './db';
export type { CartContext } from './context';
export { DEFAULT_LIMITS, type CartLimits, type VariantInfo } from './domain/cart';
export { DEFAULT_ABANDONMENT, recordAbandonedCarts, startAbandonedCartJob } from './services/abandoned';
export { SEVEN_DAYS_MS, keysFor, type CartStore, type CartDocument, type SessionDocument } from './store/cart-store';
export { redisCartStore } from './store/redis-store';
export { inProcessCartStore } from './store/memory-store';
export type { CatalogPort } from './ports/catalog';
export type { InventoryPort } from './ports/inventory';

export const DEFAULT_PRICE_CACHE_MS = 5_000;

export interface CartOptions extends SubgraphBaseOptions {
  /** The catalog and inventory subgraphs' GraphQL URLs, asked through the cart's ports. */
  catalogUrl: string;
  inventoryUrl: string;
  /** Carts in Redis (production, and wherever REDIS_URL is set); without it, in this process (embedded mode only). */
  redis?: Redis;
  /** Namespaces the cart's Redis keys (tests); none in production. */
  keyPrefix?: string;
  /** A store made by the caller instead (tests); the subgraph does not close it. */
  store?: CartStore;
  limits?: Partial<CartLimits>;
  /** The currency of an empty cart's totals; the catalog's currency otherwise. */
  currency?: string;
  sessionTtlMs?: number;
  /** How long a shown cart may use what the catalog said about a variant (prices, status): 5 s by default, 0 = always ask. */
  priceCacheMs?: number;
  /** The abandoned-cart job; off when omitted or intervalMs is 0 (tests run it by hand). */
  abandonment?: AbandonmentSettings & { intervalMs: number };
  poolSize?: number;
  /** Tests count SQL statements through this. */
  onStatement?: (sql: string) => void;
}

export async function startCartSubgraph(options: CartOptions): Promise<RunningService> {
  const { log } = options;
  const db = createCartDb({ connectionString: options.databaseUrl, poolSize: options.poolSize, onStatement: options.onStatement });
  const ttlMs = options.sessionTtlMs ?? SEVEN_DAYS_MS;
  const ownStore = !options.store;
  const store = options.store ?? (options.redis ? redisCartStore(options.redis, { prefix: options.keyPrefix, ttlMs }) : inProcessCartStore({ prefix: options.keyPrefix, ttlMs }));
  if (store.kind === 'in-process') {
    log.warn('Carts are kept in this process (no Redis): only correct while every cart request reaches this one process; they are lost when it stops.');
  }
  const client = createSubgraphClient();
  const catalog: CatalogPort = httpCatalogPort(options.catalogUrl, client);
  const inventory: InventoryPort = httpInventoryPort(options.inventoryUrl, client);
  const variantCache = new VariantCache(options.priceCacheMs ?? DEFAULT_PRICE_CACHE_MS);
  // Catalog changes make every replica's cache forget the variant (Redis pub/sub; in this process without Redis).
  const variantCacheSync = await startVariantCacheSync(variantCache, options.redis, { onError: (err) => log.warn({ err }, 'variant cache sync') });
  const settings: CartSettings = { limits: { ...DEFAULT_LIMITS, ...options.limits }, currency: options.currency ?? 'USD' };
  const staleCopies = new Set<string>();
  const job = options.abandonment && options.abandonment.intervalMs > 0 ? startAbandonedCartJob({ db, log }, options.abandonment) : null;
  return startSubgraph<CartContext, CartTx>({
    ...options,
    name: 'cart',
    typeDefs,
    resolvers,
    db,
    events: { inTransaction: (work) => inTransaction(db, work), handlers: eventHandlers({ db, log, variantCacheSync }), publishes: true },
    context: ({ req, viewer, log: requestLog, requestId }) => ({
      db,
      store,
      log: requestLog,
      requestId,
      viewer,
      session: readSessionHeader(req.headers['x-cart-session']),
      settings,
      loaders: new CartLoaders(catalog, inventory, requestId, variantCache),
      now: () => new Date(),
      staleCopies,
    }),
    ready: async () => {
      if (store.kind === 'redis') await options.redis?.ping();
    },
    onStop: async () => {
      await job?.stop();
      await variantCacheSync.stop();
      await client.close();
      if (ownStore) await store.close();
    },
  });
}
