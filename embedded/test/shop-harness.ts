import { randomUUID } from 'node:crypto';
import { createCatalogDb, startCatalogSubgraph, typeDefs as catalogTypeDefs, type CatalogDb } from '@shop/catalog';
import { startCustomerSubgraph, typeDefs as customerTypeDefs } from '@shop/customer';
import { createInventoryDb, startInventorySubgraph, typeDefs as inventoryTypeDefs, type InventoryDb } from '@shop/inventory';
import { createOrderDb, httpCheckoutPorts, httpLoyalty, startOrderSubgraph, typeDefs as orderTypeDefs, type CheckoutPorts, type OrderDb } from '@shop/order';
import { createPaymentDb, startPaymentSubgraph, typeDefs as paymentTypeDefs, type PaymentDb } from '@shop/payment';
import { startCartSubgraph, typeDefs as cartTypeDefs } from '@shop/cart';
import { connectRedis, eventTransport, inProcessTransport, type EventTransport, type Identity, type Logger, type RunningService } from '@shop/platform';
import type { DocumentNode } from 'graphql';
import {
  createTestDatabase, createTestIssuer, redisForTests, serverErrors, startRedisServer, testRedisUrl, type ServerErrors, type TestDatabase,
} from '@shop/platform/testing';
import { startTestGateway, UNDER_LOAD_CALL_TIMEOUT_MS, type TestGateway } from '@shop/gateway/testing';
import { startRoundRobin } from './round-robin';

/** Signs the tokens of these tests; every subgraph and the gateway verify them. */
export const issuer = createTestIssuer();
export const asAdmin = issuer.as('00000000-0000-4000-8000-00000000a001', ['customer', 'admin']);
export const asCustomer = (id: string) =>
  issuer.as(id, ['customer'], { claims: { email: `buyer-${id.slice(0, 8)}@example.com`, given_name: 'Ada', family_name: 'Lovelace' } });

export interface Shop {
  gateway: TestGateway;
  /** What the services logged as unexpected while answering these requests. */
  serverErrors: ServerErrors['for'];
  catalogDb: CatalogDb;
  inventoryDb: InventoryDb;
  paymentDb: PaymentDb;
  orderDb: OrderDb;
  /** Context name → connection URL of its database (e.g. to fingerprint every context's rows). */
  databaseUrls: Record<string, string>;
  /** The services of `options.contexts`, by name. */
  extra: Record<string, RunningService>;
  /** A product with one variant in the catalog, `stock` of it in inventory. */
  product(stock: number, price?: string): Promise<{ productId: string; variantId: string; slug: string; sku: string }>;
  stop(): Promise<void>;
}

/**
 * The whole shop for one test file: catalog, customer, inventory, cart, order (with the checkout saga calling
 * cart, inventory, payment and customer over HTTP with service tokens) and payment, each on its own fresh
 * database, carts in the machine's Redis under a prefix of this file's own, all behind the real gateway. Without
 * a Redis (or a redis-server binary), carts (or events) stay in this process, as in `npm start` without REDIS_URL.
 */
export interface ShopOptions {
  orderReplicas?: number;
  /** The cart's variant cache (default 0: always ask the catalog). */
  cartPriceCacheMs?: number;
  /** The order's checkout ports as the test wants them (e.g. a payment that refuses for a while). */
  orderPorts?: (ports: CheckoutPorts) => CheckoutPorts;
  /** The order's recovery worker runs this often (default 0: off). */
  orderRecoveryIntervalMs?: number;
  /** More contexts behind the same gateway (notification, search): each gets its own fresh database. */
  contexts?: ExtraContext[];
}

/** What a context beyond the six needs to join the shop's gateway. */
export interface ExtraContext {
  name: string;
  typeDefs: DocumentNode;
  start(env: ExtraContextEnv): Promise<RunningService>;
}

export interface ExtraContextEnv {
  databaseUrl: string;
  port: number;
  host: string;
  production: boolean;
  identity: Identity;
  eventTransport: EventTransport;
  log: Logger;
  /** The GraphQL URLs of the six core contexts. */
  urls: Record<string, string>;
}

/**
 * The saga's calls wait 120 s, inside the test gateway's budget: on two cores shared with another test file, 200
 * racing checkouts queue for minutes, and these tests prove what they do, not how fast (bench/ measures that).
 */
const UNDER_LOAD_TIMEOUTS_MS = { cart: UNDER_LOAD_CALL_TIMEOUT_MS, inventory: UNDER_LOAD_CALL_TIMEOUT_MS, payment: UNDER_LOAD_CALL_TIMEOUT_MS };

export async function startShop(options: ShopOptions = {}): Promise<Shop> {
  const errors = serverErrors();
  const log = errors.logger;
  // Integration events over Redis Streams, as in production: a redis-server of this shop's own (stream names are global).
  const eventsRedis = redisForTests.server ? await startRedisServer() : null;
  const events = eventsRedis ? eventTransport(eventsRedis.connect()) : inProcessTransport();
  const common = { port: 0, host: '127.0.0.1', production: false, identity: issuer.identity, eventTransport: events };
  const databases = new Map<string, TestDatabase>();
  const extraContexts = options.contexts ?? [];
  for (const context of ['catalog', 'customer', 'inventory', 'cart', 'order', 'payment', ...extraContexts.map((c) => c.name)]) {
    databases.set(context, await createTestDatabase(context));
  }
  const url = (context: string) => databases.get(context)!.url;
  const services: RunningService[] = [];
  const start = async <S extends RunningService>(service: Promise<S>) => {
    const started = await service;
    services.push(started);
    return started;
  };
  const redis = redisForTests.machine ? connectRedis(testRedisUrl()) : undefined;
  const keyPrefix = `test:${randomUUID()}:`;

  const catalog = await start(startCatalogSubgraph({ ...common, databaseUrl: url('catalog'), log: log('catalog') }));
  const customer = await start(startCustomerSubgraph({ ...common, databaseUrl: url('customer'), log: log('customer'), suspended: issuer.suspended }));
  const inventory = await start(startInventorySubgraph({ ...common, databaseUrl: url('inventory'), log: log('inventory'), sweepIntervalMs: 0 }));
  const payment = await start(startPaymentSubgraph({ ...common, databaseUrl: url('payment'), log: log('payment'), webhookSweepMs: 0 }));
  const cart = await start(startCartSubgraph({
    ...common, databaseUrl: url('cart'), log: log('cart'), redis, keyPrefix, catalogUrl: catalog.url, inventoryUrl: inventory.url, priceCacheMs: options.cartPriceCacheMs ?? 0,
  }));
  const service = { token: async () => issuer.tokenFor(randomUUID(), ['service']) };
  const startOrder = () => start(startOrderSubgraph({
    ...common,
    databaseUrl: url('order'),
    log: log('order'),
    loyalty: httpLoyalty(customer.url, service),
    checkout: {
      ports: (options.orderPorts ?? ((ports) => ports))(httpCheckoutPorts({ cart: cart.url, inventory: inventory.url, payment: payment.url }, service, UNDER_LOAD_TIMEOUTS_MS)),
      settings: { reservationTtlSeconds: 900, captureOnConfirm: false },
    },
    checkoutRecovery: { intervalMs: options.orderRecoveryIntervalMs ?? 0, stalledForMs: 60_000 },
  }));
  // Several order replicas on the one order database, reached in turn through a round-robin balancer.
  const replicas: RunningService[] = [];
  for (let i = 0; i < (options.orderReplicas ?? 1); i++) replicas.push(await startOrder());
  const balancer = replicas.length > 1 ? await startRoundRobin(replicas.map((r) => r.url)) : null;
  if (balancer) services.push({ ...replicas[0], stop: balancer.stop });
  const order = { url: balancer?.url ?? replicas[0].url };
  const urls = { catalog: catalog.url, customer: customer.url, inventory: inventory.url, cart: cart.url, order: order.url, payment: payment.url };
  const extra: Record<string, RunningService> = {};
  for (const context of extraContexts) {
    extra[context.name] = await start(context.start({ ...common, databaseUrl: url(context.name), log: log(context.name), urls }));
  }
  const gateway = await startTestGateway(
    [
      { name: 'catalog', url: catalog.url, typeDefs: catalogTypeDefs },
      { name: 'customer', url: customer.url, typeDefs: customerTypeDefs },
      { name: 'inventory', url: inventory.url, typeDefs: inventoryTypeDefs },
      { name: 'cart', url: cart.url, typeDefs: cartTypeDefs },
      { name: 'order', url: order.url, typeDefs: orderTypeDefs },
      { name: 'payment', url: payment.url, typeDefs: paymentTypeDefs },
      ...extraContexts.map((c) => ({ name: c.name, url: extra[c.name].url, typeDefs: c.typeDefs })),
    ],
    issuer.identity,
    log('gateway'),
    { events: common.eventTransport }, // live order tracking hears the order stream, as in production
  );
  const catalogDb = createCatalogDb({ connectionString: url('catalog') });
  const inventoryDb = createInventoryDb({ connectionString: url('inventory') });
  const paymentDb = createPaymentDb({ connectionString: url('payment') });
  const orderDb = createOrderDb({ connectionString: url('order') });
  const category = await catalogDb.category.create({ data: { name: 'Shirts', slug: `shirts-${randomUUID().slice(0, 8)}` } });

  return {
    gateway, catalogDb, inventoryDb, paymentDb, orderDb, extra,
    serverErrors: errors.for,
    databaseUrls: Object.fromEntries([...databases].map(([context, db]) => [context, db.url])),
    async product(stock, price = '25.00') {
      const tag = randomUUID().slice(0, 8);
      const created = await gateway.query(
        `mutation($input: CreateProductInput!) { createProduct(input: $input) { id slug variants { id sku } } }`,
        { input: { name: `Linen Shirt ${tag}`, sku: `LS-${tag}`, categoryId: category.id, status: 'ACTIVE', variants: [{ sku: `LS-${tag}-M`, price, isDefault: true }] } },
        asAdmin,
      );
      if (created.errors) throw new Error(JSON.stringify(created.errors));
      const { id: productId, slug, variants } = created.data.createProduct;
      const [{ id: variantId, sku }] = variants;
      const item = await gateway.query(`mutation($input: EnsureInventoryItemInput!) { ensureInventoryItem(input: $input) { id } }`, { input: { variantId, productId, sku } }, asAdmin);
      if (item.errors) throw new Error(JSON.stringify(item.errors));
      if (stock > 0) await gateway.query(`mutation($input: RestockInput!) { restockInventory(input: $input) { id } }`, { input: { variantId, quantity: stock } }, asAdmin);
      return { productId, variantId, slug, sku };
    },
    async stop() {
      await gateway.stop();
      for (const s of services.reverse()) await s.stop();
      await Promise.all([catalogDb.$disconnect(), inventoryDb.$disconnect(), paymentDb.$disconnect(), orderDb.$disconnect()]);
      if (redis) {
        const keys = await redis.keys(`${keyPrefix}*`);
        if (keys.length) await redis.del(...keys);
        await redis.quit();
      }
      await eventsRedis?.close();
      for (const db of databases.values()) await db.drop();
    },
  };
}

export const ADDRESS = { firstName: 'Ada', lastName: 'Lovelace', streetLine1: '1 Main St', city: 'Springfield', stateProvince: 'IL', postalCode: '62701', countryCode: 'US' };
export const CARD = { number: '4242424242424242', expMonth: 12, expYear: 2035, cvc: '123' };
