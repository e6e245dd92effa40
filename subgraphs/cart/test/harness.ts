import { randomUUID } from 'node:crypto';
import { createCatalogDb, startCatalogSubgraph, typeDefs as catalogTypeDefs, type CatalogDb } from '@shop/catalog';
import { startCustomerSubgraph, typeDefs as customerTypeDefs } from '@shop/customer';
import { createInventoryDb, startInventorySubgraph, typeDefs as inventoryTypeDefs, type InventoryDb } from '@shop/inventory';
import { connectRedis, createLogger, type Redis, type RunningService } from '@shop/platform';
import { createTestDatabase, createTestIssuer, redisForTests, StatementCounter, testRedisUrl, type TestDatabase } from '@shop/platform/testing';
import { startTestGateway, type TestGateway } from '@shop/gateway/testing';
import {
  createCartDb, inProcessCartStore, redisCartStore, SEVEN_DAYS_MS, startCartSubgraph, typeDefs as cartTypeDefs, type CartDb, type CartLimits,
  type CartStore,
} from '../src/index';
import { countingProxy, type CountingProxy } from './counting-proxy';

export const REDIS_URL = testRedisUrl();

/** Signs the bearer tokens these tests present; every subgraph and the gateway verify them. */
export const issuer = createTestIssuer();
export const asCustomer = (id: string): Record<string, string> =>
  issuer.as(id, ['customer'], { claims: { email: `shopper-${id.slice(0, 8)}@example.com`, given_name: 'Ada', family_name: 'Lovelace' } });
/** The checkout saga: another of our services. */
export const asService = (): Record<string, string> => issuer.as(randomUUID(), ['service']);
/** A guest presenting a cart session (or none). */
export const asGuest = (session?: string | null): Record<string, string> => (session ? { 'x-cart-session': session } : {});
export const newCustomerId = () => randomUUID();

export interface HarnessOptions {
  /** Where carts live: the machine's Redis (default when it answers) or the in-process adapter of embedded mode. */
  store?: 'redis' | 'in-process';
  limits?: Partial<CartLimits>;
  sessionTtlMs?: number;
  /** Also compose the customer subgraph (for Customer.cart through `me`). */
  withCustomer?: boolean;
  /** The cart's variant cache; 0 (every read asks the catalog) unless a test says otherwise. */
  priceCacheMs?: number;
  /** Wraps the store the cart subgraph uses (e.g. to make it fail like an unreachable Redis). */
  wrapStore?: (store: CartStore) => CartStore;
}

type Subgraph = 'catalog' | 'inventory' | 'cart' | 'customer';

export interface GraphQLResult {
  data?: any;
  errors?: any[];
  status?: number;
}

export interface CartHarness {
  catalogDb: CatalogDb;
  inventoryDb: InventoryDb;
  cartDb: CartDb;
  /** The cart's own test database, for a second client (another replica). */
  cartDatabaseUrl: string;
  /** The machine's Redis (null without one); every cart key of this harness starts with `prefix`. */
  redis: Redis | null;
  prefix: string;
  store: CartStore;
  gateway: TestGateway;
  /** Requests reaching each subgraph, from the gateway and from the cart's ports alike. */
  fetches: Partial<Record<Subgraph, CountingProxy>>;
  statements: Record<'catalog' | 'inventory' | 'cart', StatementCounter>;
  /** Through the gateway, as a client would. */
  query(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResult>;
  /** Straight to the cart subgraph, as the gateway or the checkout saga would. */
  cartSubgraph(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResult>;
  resetCounts(): void;
  stop(): Promise<void>;
}

/**
 * Real catalog, inventory and cart subgraphs (and the customer's, if asked), each on its own fresh database,
 * composed behind the real gateway; carts in the machine's real Redis under a key prefix of this file's own
 * (in process when it does not answer).
 */
export async function startCartHarness(options: HarnessOptions = {}): Promise<CartHarness> {
  const log = (name: string) => createLogger(name, process.env.LOG_LEVEL ?? 'silent');
  const common = { port: 0, host: '127.0.0.1', production: false, identity: issuer.identity };
  const databases: TestDatabase[] = [];
  const database = async (context: string) => {
    const db = await createTestDatabase(context);
    databases.push(db);
    return db;
  };
  const [catalogDatabase, inventoryDatabase, cartDatabase] = await Promise.all([database('catalog'), database('inventory'), database('cart')]);
  const statements = { catalog: new StatementCounter(), inventory: new StatementCounter(), cart: new StatementCounter() };
  const services: RunningService[] = [];
  const proxies: CountingProxy[] = [];
  const fetches: CartHarness['fetches'] = {};
  const behindProxy = async (name: Subgraph, service: RunningService) => {
    services.push(service);
    const proxy = await countingProxy(service.url);
    proxies.push(proxy);
    fetches[name] = proxy;
    return proxy.url;
  };

  const catalogUrl = await behindProxy('catalog', await startCatalogSubgraph({ ...common, databaseUrl: catalogDatabase.url, log: log('catalog'), onStatement: statements.catalog.record }));
  const inventoryUrl = await behindProxy('inventory', await startInventorySubgraph({
    ...common, databaseUrl: inventoryDatabase.url, log: log('inventory'), sweepIntervalMs: 0, onStatement: statements.inventory.record,
  }));

  const redis = redisForTests.machine ? connectRedis(REDIS_URL) : null;
  const prefix = `test:${randomUUID()}:`;
  const ttlMs = options.sessionTtlMs ?? SEVEN_DAYS_MS;
  const store = options.store === 'in-process' || !redis ? inProcessCartStore({ prefix, ttlMs }) : redisCartStore(redis, { prefix, ttlMs });
  const cart = await startCartSubgraph({
    ...common, databaseUrl: cartDatabase.url, log: log('cart'), store: options.wrapStore?.(store) ?? store, catalogUrl, inventoryUrl, limits: options.limits,
    sessionTtlMs: ttlMs, priceCacheMs: options.priceCacheMs ?? 0, onStatement: statements.cart.record,
  });
  const cartUrl = await behindProxy('cart', cart);

  const subgraphs = [
    { name: 'catalog', url: catalogUrl, typeDefs: catalogTypeDefs },
    { name: 'inventory', url: inventoryUrl, typeDefs: inventoryTypeDefs },
    { name: 'cart', url: cartUrl, typeDefs: cartTypeDefs },
  ];
  if (options.withCustomer) {
    const customerDatabase = await database('customer');
    const customer = await startCustomerSubgraph({ ...common, databaseUrl: customerDatabase.url, log: log('customer'), suspended: issuer.suspended });
    subgraphs.push({ name: 'customer', url: await behindProxy('customer', customer), typeDefs: customerTypeDefs });
  }
  const gateway = await startTestGateway(subgraphs, issuer.identity);
  const catalogDb = createCatalogDb({ connectionString: catalogDatabase.url });
  const inventoryDb = createInventoryDb({ connectionString: inventoryDatabase.url });
  const cartDb = createCartDb({ connectionString: cartDatabase.url });

  return {
    catalogDb, inventoryDb, cartDb, cartDatabaseUrl: cartDatabase.url, redis, prefix, store, gateway, fetches, statements,
    query: (query, variables, headers) => gateway.query(query, variables, headers),
    cartSubgraph: (query, variables, headers) => postGraphQL(cart.url, query, variables, headers),
    resetCounts() {
      for (const proxy of proxies) proxy.reset();
      for (const counter of Object.values(statements)) counter.reset();
    },
    async stop() {
      await gateway.stop();
      for (const service of services.reverse()) await service.stop();
      for (const proxy of proxies) await proxy.stop();
      await Promise.all([catalogDb.$disconnect(), inventoryDb.$disconnect(), cartDb.$disconnect()]);
      if (redis) await deleteKeys(redis, prefix);
      await store.close();
      await redis?.quit();
      await Promise.all(databases.map((d) => d.drop()));
    },
  };
}

export async function postGraphQL(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResult> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { ...((await response.json()) as GraphQLResult), status: response.status };
}

export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** The `extensions.code` of the first error, or 'ok'. */
export const codeOf = (result: GraphQLResult) => result.errors?.[0]?.extensions?.code ?? (result.errors ? 'ERROR' : 'ok');
