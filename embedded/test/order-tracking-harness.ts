import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { createLogger, eventTransport, inProcessTransport, type RunningService } from '@shop/platform';
import { createTestDatabase, createTestIssuer, redisForTests, startRedisServer, type RedisServer, type TestDatabase } from '@shop/platform/testing';
import { composeSupergraph } from '@shop/gateway';
import { startTestGateway, type TestGateway, type TestGatewayOptions } from '@shop/gateway/testing';
import { createOrderDb, startOrderSubgraph, typeDefs as orderTypeDefs } from '@shop/order';
import { createCatalogDb, startCatalogSubgraph, typeDefs as catalogTypeDefs } from '@shop/catalog';

/** Signs the tokens these tests present; the order subgraph and every gateway replica verify them. */
export const issuer = createTestIssuer();
export const ADMIN_ID = '00000000-0000-4000-8000-00000000a001';
export const asAdmin = issuer.as(ADMIN_ID, ['customer', 'admin']);
export const asService = issuer.as(randomUUID(), ['service']);
export const customerToken = (id: string, expiresIn?: number) => `Bearer ${issuer.tokenFor(id, ['customer'], expiresIn ? { expiresIn } : undefined)}`;
export const adminToken = () => `Bearer ${issuer.tokenFor(ADMIN_ID, ['customer', 'admin'])}`;

export interface TrackingShop {
  /** Gateway replicas, all reading the same order event stream (Redis). */
  gateways: TestGateway[];
  /** The catalog product every order of this shop buys. */
  productName: string;
  /** Places a confirmed order for `customerId` (null: a guest) the way checkout does; answers id and number. */
  placeOrder(customerId: string | null): Promise<{ id: string; number: string }>;
  /** Gives a guest order an access key as checkout does (only its hash is stored); answers the key. */
  giveAccessKey(order: { id: string }): Promise<string>;
  /** Writes `count` published changes (processing started) into the order's history after `fromVersion`, directly. */
  addHistory(order: { id: string; number: string }, fromVersion: number, count: number): Promise<void>;
  /** Staff moves the order on; answers the new version. */
  move(order: { id: string }, status: string, version: number, extra?: { carrier?: string; tracking?: string }): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The order subgraph on its own database, publishing to a redis-server of this file's own, behind `replicas`
 * real gateways that each read the order stream, as N gateway replicas do in production.
 */
export async function startTrackingShop(replicas = 1, options: TestGatewayOptions & { inProcessEvents?: boolean } = {}): Promise<TrackingShop> {
  const log = createLogger('order-tracking', process.env.LOG_LEVEL ?? 'silent');
  // The embedded mode without Redis (asked for, or no redis-server binary here): one in-process transport shared
  // by the order subgraph and the gateways.
  const inProcess = options.inProcessEvents || !redisForTests.server;
  const redis: RedisServer | null = inProcess ? null : await startRedisServer();
  const database: TestDatabase = await createTestDatabase('order');
  const shared = inProcess ? inProcessTransport() : null;
  const events = shared ?? eventTransport(redis!.connect());
  const order: RunningService = await startOrderSubgraph({
    databaseUrl: database.url, port: 0, host: '127.0.0.1', log, production: false, identity: issuer.identity, eventTransport: events,
  });
  // The catalog too, so a subscriber's selection can reach another subgraph (items { variant { product { name } } }).
  const catalogDatabase: TestDatabase = await createTestDatabase('catalog');
  const catalog: RunningService = await startCatalogSubgraph({
    databaseUrl: catalogDatabase.url, port: 0, host: '127.0.0.1', log, production: false, identity: issuer.identity, eventTransport: events,
  });
  const subgraphs = [
    { name: 'order', url: order.url, typeDefs: orderTypeDefs },
    { name: 'catalog', url: catalog.url, typeDefs: catalogTypeDefs },
  ];
  const supergraphSdl = composeSupergraph(subgraphs);
  const gateways: TestGateway[] = [];
  for (let i = 0; i < replicas; i++) {
    // Each replica its own transport (its own Redis connections), as separate processes would have.
    gateways.push(await startTestGateway(subgraphs, issuer.identity, log, { ...options, supergraphSdl, events: shared ?? eventTransport(redis!.connect()) }));
  }
  const gateway = gateways[0];
  const call = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
    const result = await gateway.query(query, variables, headers);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data;
  };
  const catalogDb = createCatalogDb({ connectionString: catalogDatabase.url });
  const category = await catalogDb.category.create({ data: { name: 'Shirts', slug: `shirts-${randomUUID().slice(0, 8)}` } });
  await catalogDb.$disconnect();
  const tag = randomUUID().slice(0, 8);
  const created = await call(
    `mutation($input: CreateProductInput!) { createProduct(input: $input) { id variants { id sku } } }`,
    { input: { name: `Linen Shirt ${tag}`, sku: `LS-${tag}`, categoryId: category.id, status: 'ACTIVE', variants: [{ sku: `LS-${tag}-M`, price: '20.00', isDefault: true }] } },
    asAdmin,
  );
  const product = { productId: created.createProduct.id, variantId: created.createProduct.variants[0].id, sku: created.createProduct.variants[0].sku };
  return {
    gateways,
    productName: `Linen Shirt ${tag}`,
    async placeOrder(customerId) {
      const line = { variantId: product.variantId, productId: product.productId, productName: 'Linen shirt', sku: product.sku, unitPrice: '20.00', quantity: 2 };
      const address = { firstName: 'Ada', lastName: 'Lovelace', streetLine1: '1 Main St', city: 'Springfield', stateProvince: 'IL', postalCode: '62701', countryCode: 'US' };
      const placed = await call(
        `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id number } }`,
        { input: { customerId, email: `${(customerId ?? 'guest').slice(0, 8)}@example.com`, lines: [line], shippingAddress: address } },
        asService,
      );
      await call(`mutation($id: ID!) { confirmOrder(orderId: $id) { version } }`, { id: placed.placeOrder.id }, asService);
      return placed.placeOrder;
    },
    async giveAccessKey(target) {
      const key = randomBytes(24).toString('base64url');
      const db = createOrderDb({ connectionString: database.url });
      try {
        await db.order.update({ where: { id: target.id }, data: { accessKeyHash: createHash('sha256').update(key).digest('hex') } });
      } finally {
        await db.$disconnect();
      }
      return key;
    },
    async addHistory(target, fromVersion, count) {
      const db = createOrderDb({ connectionString: database.url });
      try {
        await db.domainEvent.createMany({
          data: Array.from({ length: count }, (_, i) => ({
            aggregateId: target.id, aggregateType: 'Order', eventType: 'OrderProcessingStarted', version: BigInt(fromVersion + 1 + i),
            eventData: { orderNumber: target.number, status: 'processing', previousStatus: 'confirmed' }, processed: true, publishedAt: new Date(),
          })),
        });
      } finally {
        await db.$disconnect();
      }
    },
    async move(target, status, version, extra = {}) {
      const data = await call(
        `mutation($id: ID!, $status: OrderStatus!, $v: Int!, $carrier: String, $tracking: String) {
          moveOrder(id: $id, status: $status, expectedVersion: $v, carrier: $carrier, trackingNumber: $tracking) { version } }`,
        { id: target.id, status, v: version, carrier: extra.carrier, tracking: extra.tracking },
        asAdmin,
      );
      return data.moveOrder.version;
    },
    async stop() {
      for (const g of gateways) await g.stop();
      await order.stop();
      await catalog.stop();
      await redis?.close();
      await database.drop();
      await catalogDatabase.drop();
    },
  };
}

/** What one subscription received, with deadline-bounded waits. */
export interface Subscription {
  results: ExecutionResult<Record<string, any>>[];  
  /** The error message(s) graphql-ws sent, if the subscription was refused before it started. */
  error: unknown;
  completed: boolean;
  /** Resolves once `n` results arrived (or the subscription ended); rejects after `ms`. */
  waitFor(n: number, ms?: number): Promise<void>;
  unsubscribe(): void;
}

export interface TrackingClient {
  client: Client;
  subscribe(query: string, variables?: Record<string, unknown>): Subscription;
  /** The close event's code, once the socket closed. */
  closed: Promise<number>;
  dispose(): Promise<void>;
}

export function connect(url: string, authorization?: string): TrackingClient {
  let closedWith!: (code: number) => void;
  const closed = new Promise<number>((resolve) => (closedWith = resolve));
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: 0,
    lazy: false,
    on: { closed: (event) => closedWith((event as { code: number }).code) },
    onNonLazyError: () => undefined,
  });
  return {
    client,
    closed,
    subscribe(query, variables) {
      const waiters: (() => void)[] = [];
      const sub: Subscription = {
        results: [],
        error: undefined,
        completed: false,
        waitFor: (n, ms = 20_000) =>
          new Promise<void>((resolve, reject) => {
            const done = () => sub.results.length >= n || sub.completed;
            if (done()) return resolve();
            const waiter = () => {
              if (!done()) return;
              clearTimeout(timer);
              resolve();
            };
            const timer = setTimeout(() => {
              waiters.splice(waiters.indexOf(waiter), 1);
              reject(new Error(`waited ${ms} ms for ${n} results, got ${JSON.stringify(sub.results)}`));
            }, ms);
            waiters.push(waiter);
          }),
        unsubscribe: () => undefined,
      };
      const wake = () => [...waiters].forEach((w) => w());
      sub.unsubscribe = client.subscribe(
        { query, variables },
        {
          next: (result) => {
            sub.results.push(result as ExecutionResult<Record<string, any>>);  
            wake();
          },
          error: (error) => {
            sub.error = error;
            sub.completed = true;
            wake();
          },
          complete: () => {
            sub.completed = true;
            wake();
          },
        },
      );
      return sub;
    },
    dispose: async () => {
      await client.dispose();
    },
  };
}

/** Waits until `condition` holds, up to `ms`. */
export async function eventually(condition: () => boolean, ms = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
