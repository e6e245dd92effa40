import { randomUUID } from 'node:crypto';
import { conflict, createLogger, type RunningService } from '@shop/platform';
import { createTestDatabase, createTestIssuer, StatementCounter, type TestDatabase } from '@shop/platform/testing';
import { startTestGateway, type TestGateway } from '@shop/gateway/testing';
import type { SubgraphDefinition } from '@shop/gateway/composition';
import type { OrderContext } from '../src/context';
import { newOrderNumber, type OrderNumberGenerator } from '../src/domain/order-number';
import { createOrderDb, DEFAULT_PRICING, startOrderSubgraph, typeDefs, type LoyaltyPort, type OrderDb } from '../src/index';
import { OrderLoaders } from '../src/loaders';
import { placeOrder } from '../src/services/place-order';
import type { Order } from '../src/generated/prisma/client';

/** Signs the tokens these tests present; every subgraph and the gateway verify them against its public key. */
export const issuer = createTestIssuer();
export const ADMIN_ID = '00000000-0000-4000-8000-00000000a001';
export const asAdmin = issuer.as(ADMIN_ID, ['customer', 'admin']);
export const asService = issuer.as(randomUUID(), ['service']);
export const asCustomer = (id: string) => issuer.as(id, ['customer']);

/**
 * The customer context's loyalty ledger as the order context sees it, in memory: balances per customer and one
 * redemption per order (idempotent, like the real one must be). `failNext` makes the next call reject.
 */
export class FakeLoyalty implements LoyaltyPort {
  readonly balances = new Map<string, number>();
  readonly redeemed = new Map<string, number>();
  readonly calls: string[] = [];

  async redeem(customerId: string, points: number, orderId: string) {
    this.calls.push(`redeem ${points} for ${orderId}`);
    const balance = this.balances.get(customerId) ?? 0;
    if (this.redeemed.has(orderId)) return { pointsBalance: balance };
    if (points > balance) throw conflict(`Only ${balance} points are available to redeem.`, { available: balance });
    this.balances.set(customerId, balance - points);
    this.redeemed.set(orderId, points);
    return { pointsBalance: balance - points };
  }

  async refund(customerId: string, points: number, orderId: string) {
    this.calls.push(`refund ${points} for ${orderId}`);
    const balance = this.balances.get(customerId) ?? 0;
    if (!this.redeemed.has(orderId)) return { pointsBalance: balance };
    this.redeemed.delete(orderId);
    this.balances.set(customerId, balance + points);
    return { pointsBalance: balance + points };
  }
}

export interface OrderHarness {
  db: OrderDb;
  database: TestDatabase;
  order: RunningService;
  gateway: TestGateway;
  statements: StatementCounter;
  loyalty: FakeLoyalty;
  /** What the saga would use: a service caller's context for calling service functions directly. */
  serviceContext(): OrderContext;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** More subgraphs to compose with the order subgraph (the real customer or catalog subgraph). */
  others?: SubgraphDefinition[];
  orderNumbers?: OrderNumberGenerator;
}

/** A real order subgraph on its own fresh database, behind the real gateway, for one test file. */
export async function startOrderHarness(options: HarnessOptions = {}): Promise<OrderHarness> {
  const database = await createTestDatabase('order');
  const statements = new StatementCounter();
  const loyalty = new FakeLoyalty();
  const log = createLogger('order', process.env.LOG_LEVEL ?? 'silent');
  const orderNumbers = options.orderNumbers ?? newOrderNumber;
  const order = await startOrderSubgraph({
    databaseUrl: database.url,
    port: 0,
    host: '127.0.0.1',
    log,
    production: false,
    identity: issuer.identity,
    loyalty,
    orderNumbers,
    onStatement: statements.record,
  });
  const gateway = await startTestGateway([{ name: 'order', url: order.url, typeDefs }, ...(options.others ?? [])], issuer.identity);
  const db = createOrderDb({ connectionString: database.url });
  return {
    db,
    database,
    order,
    gateway,
    statements,
    loyalty,
    serviceContext: () => ({
      db,
      viewer: { customerId: null, roles: ['service'] },
      log,
      loaders: new OrderLoaders(db),
      ports: null,
      checkout: null,
      cartSession: null,
      pricing: DEFAULT_PRICING,
      loyalty,
      orderNumbers,
    }),
    async stop() {
      await gateway.stop();
      await order.stop();
      await db.$disconnect();
      await database.drop();
    },
  };
}

export const address = (overrides: Record<string, unknown> = {}) => ({
  firstName: 'Ada',
  lastName: 'Lovelace',
  streetLine1: '1 Main St',
  city: 'Springfield',
  stateProvince: 'IL',
  postalCode: '62701',
  countryCode: 'US',
  ...overrides,
});

export const line = (overrides: Record<string, unknown> = {}) => ({
  variantId: randomUUID(),
  productId: randomUUID(),
  productName: 'Linen shirt',
  variantName: 'M / Blue',
  sku: `SKU-${randomUUID().slice(0, 8)}`,
  unitPrice: '20.00',
  quantity: 1,
  ...overrides,
});

/** A placeOrder input for a signed-in customer: one line of 20.00 shipped to the US unless overridden. */
export const orderInput = (customerId: string | null, overrides: Record<string, unknown> = {}) => ({
  customerId,
  email: `${customerId ? customerId.slice(0, 8) : 'guest'}@example.com`,
  lines: [line()],
  shippingAddress: address(),
  ...overrides,
});

/** Places an order the way the saga will, straight through the service function. */
export function seedOrder(h: OrderHarness, customerId: string | null, overrides: Record<string, unknown> = {}): Promise<Order> {
  return placeOrder(h.serviceContext(), orderInput(customerId, overrides));
}

export const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) {
  id number status email version subtotal { amount currency } discountTotal { amount } shippingTotal { amount } taxTotal { amount } total { amount }
  items { sku productName variantName quantity unitPrice { amount } lineTotal { amount } imageUrl attributes { name value } }
  discounts { type code name amount { amount } } loyaltyPointsRedeemed shippingAddress { firstName city countryCode } billingAddress { city }
} }`;

export const MOVE = `mutation($id: ID!, $status: OrderStatus!, $v: Int!, $carrier: String, $tracking: String, $notes: String) {
  moveOrder(id: $id, status: $status, expectedVersion: $v, carrier: $carrier, trackingNumber: $tracking, notes: $notes) {
    status version shippingCarrier trackingNumber actualDeliveryDate } }`;

/** Moves an order through the given statuses as staff, failing the test on any error. */
export async function moveThrough(h: OrderHarness, order: Order, ...statuses: string[]): Promise<number> {
  let version = Number(order.version);
  for (const status of statuses) {
    const shipping = status === 'SHIPPED' ? { carrier: 'UPS', tracking: '1Z999' } : {};
    const r = await h.gateway.query(MOVE, { id: order.id, status, v: version, ...shipping }, asAdmin);
    if (r.errors) throw new Error(`moving to ${status}: ${JSON.stringify(r.errors)}`);
    version = r.data.moveOrder.version;
  }
  return version;
}

export const codeOf = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code ?? (r.errors ? 'ERROR' : 'ok');

/** Outbox rows for one order, oldest first. */
export async function eventsOf(h: OrderHarness, orderId: string) {
  return h.db.domainEvent.findMany({ where: { aggregateId: orderId }, orderBy: { version: 'asc' } });
}
