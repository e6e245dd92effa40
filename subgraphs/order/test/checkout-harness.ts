import { randomUUID } from 'node:crypto';
import { createServiceClient, Decimal, type RunningService } from '@shop/platform';
import { createTestDatabase, serverErrors, StatementCounter, type ServerErrors, type TestDatabase } from '@shop/platform/testing';
import { startTestGateway, UNDER_LOAD_CALL_TIMEOUT_MS, type TestGateway } from '@shop/gateway/testing';
import { createInventoryDb, startInventorySubgraph, typeDefs as inventoryTypeDefs, type InventoryDb } from '@shop/inventory';
import { createPaymentDb, startPaymentSubgraph, typeDefs as paymentTypeDefs, type PaymentDb } from '@shop/payment';
import type { CheckoutDeps } from '../src/context';
import { httpCheckoutPorts, type CartOwner, type CartPort, type CheckoutCartLine, type CheckoutPorts } from '../src/ports';
import { createOrderDb, startOrderSubgraph, typeDefs, type OrderDb } from '../src/index';
import { asAdmin, issuer } from './harness';

/**
 * A stand-in for the cart context (its subgraph is tested on its own, and with checkout end to end in the cart
 * suite): carts in memory, keyed like the real one by customer id or guest session, priced at whatever price the
 * test sets. It proves nothing about the cart itself, only what the saga does with one.
 */
export class MemoryCarts implements CartPort {
  private readonly carts = new Map<string, CheckoutCartLine[]>();
  /** Like the real cart: one id per owner, a version bumped on every change. */
  private readonly identity = new Map<string, { cartId: string; version: number }>();
  readonly prices = new Map<string, string>();
  private key = (owner: CartOwner) => owner.customerId ?? `session:${owner.sessionId}`;

  private bump(owner: CartOwner): void {
    const now = this.identity.get(this.key(owner));
    this.identity.set(this.key(owner), { cartId: now?.cartId ?? randomUUID(), version: (now?.version ?? 0) + 1 });
  }

  put(owner: CartOwner, lines: { variantId: string; productId: string; quantity: number }[]): void {
    this.bump(owner);
    this.carts.set(this.key(owner), lines.map((l) => ({ ...l, sku: `SKU-${l.variantId.slice(0, 8)}`, productName: 'Linen Shirt', variantName: 'M', unitPrice: this.prices.get(l.variantId) ?? '0.00' })));
  }

  lines(owner: CartOwner): CheckoutCartLine[] {
    return this.carts.get(this.key(owner)) ?? [];
  }

  async forCheckout(owner: CartOwner) {
    const lines = this.lines(owner).map((l) => ({ ...l, unitPrice: this.prices.get(l.variantId) ?? l.unitPrice }));
    if (lines.length === 0) return null;
    const subtotal = lines.reduce((sum, l) => sum.plus(new Decimal(l.unitPrice).times(l.quantity)), new Decimal(0)).toFixed(2);
    const { cartId, version } = this.identity.get(this.key(owner))!;
    return { cartId, version, currency: 'USD', subtotal, lines };
  }

  async clear(owner: CartOwner) {
    if (this.carts.delete(this.key(owner))) this.bump(owner);
  }
}

export interface CheckoutHarness {
  gateway: TestGateway;
  orderDb: OrderDb;
  inventoryDb: InventoryDb;
  paymentDb: PaymentDb;
  carts: MemoryCarts;
  deps: CheckoutDeps;
  /** What the services logged as unexpected while answering these requests. */
  serverErrors: ServerErrors['for'];
  /** The real HTTP ports, for tests that wrap one to inject a fault. */
  ports: CheckoutPorts;
  /** SQL statements the order and payment services run through their Prisma clients (their event relays not included). */
  statements: { order: StatementCounter; payment: StatementCounter };
  /** A variant with stock in inventory and a price in the cart. */
  stockedVariant(available: number, price?: string): Promise<{ variantId: string; productId: string }>;
  stop(): Promise<void>;
}

/** The real order, inventory and payment subgraphs, each on its own database, behind the real gateway. */
export async function startCheckoutHarness(): Promise<CheckoutHarness> {
  const errors = serverErrors();
  const log = errors.logger('checkout');
  const databases: TestDatabase[] = await Promise.all(['order', 'inventory', 'payment'].map((c) => createTestDatabase(c)));
  const [orderDatabase, inventoryDatabase, paymentDatabase] = databases;
  const services: RunningService[] = [];
  const common = { port: 0, host: '127.0.0.1', log, production: false, identity: issuer.identity };
  const inventory = await startInventorySubgraph({ ...common, databaseUrl: inventoryDatabase.url, sweepIntervalMs: 0 });
  const statements = { order: new StatementCounter(), payment: new StatementCounter() };
  const payment = await startPaymentSubgraph({ ...common, databaseUrl: paymentDatabase.url, webhookSweepMs: 0, onStatement: statements.payment.record });
  services.push(inventory, payment);
  const carts = new MemoryCarts();
  const client = createServiceClient({ credentials: { token: async () => issuer.tokenFor(randomUUID(), ['service']) } });
  // The saga's calls wait 120 s, inside the test gateway's budget: 200 racing checkouts on two shared cores queue for minutes.
  const http = httpCheckoutPorts({ cart: 'http://127.0.0.1:9/unused', inventory: inventory.url, payment: payment.url }, client, { inventory: UNDER_LOAD_CALL_TIMEOUT_MS, payment: UNDER_LOAD_CALL_TIMEOUT_MS });
  const ports: CheckoutPorts = { ...http, cart: carts };
  const deps: CheckoutDeps = { ports: { ...ports }, settings: { reservationTtlSeconds: 900, captureOnConfirm: false } };
  const order = await startOrderSubgraph({
    ...common, databaseUrl: orderDatabase.url, checkout: deps, checkoutRecovery: { intervalMs: 0, stalledForMs: 0 }, onStatement: statements.order.record,
  });
  services.push(order);
  const gateway = await startTestGateway(
    [
      { name: 'order', url: order.url, typeDefs },
      { name: 'inventory', url: inventory.url, typeDefs: inventoryTypeDefs },
      { name: 'payment', url: payment.url, typeDefs: paymentTypeDefs },
    ],
    issuer.identity,
    errors.logger('gateway'),
  );
  const orderDb = createOrderDb({ connectionString: orderDatabase.url });
  const inventoryDb = createInventoryDb({ connectionString: inventoryDatabase.url });
  const paymentDb = createPaymentDb({ connectionString: paymentDatabase.url });

  return {
    gateway, orderDb, inventoryDb, paymentDb, carts, deps, ports, statements,
    serverErrors: errors.for,
    async stockedVariant(available, price = '25.00') {
      const variantId = randomUUID();
      const productId = randomUUID();
      const ensure = await gateway.query(
        `mutation($input: EnsureInventoryItemInput!) { ensureInventoryItem(input: $input) { id } }`,
        { input: { variantId, productId, sku: `SKU-${variantId.slice(0, 8)}` } },
        asAdmin,
      );
      if (ensure.errors) throw new Error(JSON.stringify(ensure.errors));
      if (available > 0) {
        const restock = await gateway.query(`mutation($input: RestockInput!) { restockInventory(input: $input) { id } }`, { input: { variantId, quantity: available } }, asAdmin);
        if (restock.errors) throw new Error(JSON.stringify(restock.errors));
      }
      carts.prices.set(variantId, price);
      return { variantId, productId };
    },
    async stop() {
      await gateway.stop();
      for (const service of services.reverse()) await service.stop();
      await Promise.all([orderDb.$disconnect(), inventoryDb.$disconnect(), paymentDb.$disconnect()]);
      await client.close();
      await Promise.all(databases.map((d) => d.drop()));
    },
  };
}

export const ADDRESS = { firstName: 'Ada', lastName: 'Lovelace', streetLine1: '1 Main St', city: 'Springfield', stateProvince: 'IL', postalCode: '62701', countryCode: 'US' };
export const GOOD_CARD = { number: '4242424242424242', expMonth: 12, expYear: 2035, cvc: '123' };
export const DECLINED_CARD = { ...GOOD_CARD, number: '4000000000000002' };

export const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) {
  id number status totalAmount: total { amount } items { sku quantity } } }`;

export const checkoutInput = (expectedSubtotal: string, overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: `key-${randomUUID()}`,
  expectedSubtotal,
  shippingAddress: ADDRESS,
  card: GOOD_CARD,
  ...overrides,
});
