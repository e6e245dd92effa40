import { randomUUID } from 'node:crypto';
import { createCustomerDb, type CustomerDb } from '@shop/customer';
import { ADDRESS, asAdmin, asCustomer, CARD, startShop, type Shop } from './shop-harness';

/**
 * Loyalty points through the whole shop: the order context's events reach the customer context over the relay,
 * Redis Streams and the customer's consumer, and the shopper sees them in `me { loyalty }`. Waits poll (no timed
 * assertions). 5 × 20.00 = 100.00, free shipping, US tax 8.25 %: 108.25 paid, 108 points.
 */
let shop: Shop;
let customers: CustomerDb;
beforeAll(async () => {
  shop = await startShop();
  customers = createCustomerDb({ connectionString: shop.databaseUrls.customer });
});
afterAll(async () => {
  await customers?.$disconnect();
  await shop?.stop();
});

const LOYALTY = `{ me { loyalty { pointsBalance lifetimePoints tierPoints tier transactions { kind pointsChange reason } } } }`;
const MOVE = `mutation($id: ID!, $status: OrderStatus!, $v: Int!) { moveOrder(id: $id, status: $status, expectedVersion: $v, carrier: "UPS", trackingNumber: "1Z999") { status version } }`;
const REFUND = `mutation($id: ID!, $amount: String) { refundOrder(id: $id, amount: $amount, reason: "damaged in transit") { status version refundedTotal { amount } } }`;
const CANCEL = `mutation($n: String!) { cancelMyOrder(number: $n, reason: "changed my mind") { status } }`;

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}: last saw ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function ok(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const { data, errors } = await shop.gateway.query(query, variables, headers);
  if (errors) throw new Error(JSON.stringify(errors));
  return data;
}

/** A shopper with an account (made on their first `me`) who bought 5 × 20.00 with the test card. */
async function shopperWithOrder() {
  const me = asCustomer(randomUUID());
  await ok(`{ me { id } }`, {}, me);
  const p = await shop.product(50, '20.00');
  await ok(`mutation($v: ID!) { addToCart(variantId: $v, quantity: 5) { itemCount } }`, { v: p.variantId }, me);
  const { checkout } = await ok(
    `mutation($input: CheckoutInput!) { checkout(input: $input) { id number total { amount } } }`,
    { input: { idempotencyKey: `loyalty-${randomUUID()}`, expectedSubtotal: '100.00', shippingAddress: ADDRESS, card: CARD } },
    me,
  );
  return { me, order: checkout as { id: string; number: string; total: { amount: string } } };
}

const loyaltyOf = async (me: Record<string, string>) => (await ok(LOYALTY, {}, me)).me.loyalty;

describe('loyalty points for orders, through the gateway', () => {
  it('shows the points a delivered order earned, and takes them back when the order is refunded', async () => {
    const { me, order } = await shopperWithOrder();
    expect(order.total.amount).toBe('108.25');
    let version = 2;
    for (const status of ['PROCESSING', 'SHIPPED', 'DELIVERED']) version = (await ok(MOVE, { id: order.id, status, v: version }, asAdmin)).moveOrder.version;

    const earned = await until(() => loyaltyOf(me), (l) => l.pointsBalance > 0, 'the delivered order to earn points');
    expect(earned).toMatchObject({ pointsBalance: 108, lifetimePoints: 108, tierPoints: 108, tier: 'REGULAR' });
    expect(earned.transactions).toEqual([{ kind: 'earn', pointsChange: 108, reason: `Earned on order ${order.number}` }]);

    await ok(REFUND, { id: order.id, amount: '50.25' }, asAdmin);
    const partly = await until(() => loyaltyOf(me), (l) => l.pointsBalance < 108, 'the partial refund to take points back');
    expect(partly).toMatchObject({ pointsBalance: 58, tierPoints: 58 });
    await ok(REFUND, { id: order.id }, asAdmin);
    const refunded = await until(() => loyaltyOf(me), (l) => l.pointsBalance === 0, 'the full refund to take the rest back');
    expect(refunded).toMatchObject({ pointsBalance: 0, lifetimePoints: 0, tierPoints: 0 });
    expect(refunded.transactions.map((t: { kind: string; pointsChange: number }) => [t.kind, t.pointsChange])).toEqual([
      ['revoke', -58], ['revoke', -50], ['earn', 108],
    ]);
  });

  it('gives a cancelled order no points: its cancellation is applied and the ledger stays empty', async () => {
    const { me, order } = await shopperWithOrder();
    expect((await ok(CANCEL, { n: order.number }, me)).cancelMyOrder.status).toBe('CANCELLED');
    await until(
      () => customers.processedEvent.count({ where: { aggregateId: order.id, eventType: 'OrderCancelled' } }),
      (n) => n === 1,
      'the customer context to apply OrderCancelled',
    );
    expect(await loyaltyOf(me)).toMatchObject({ pointsBalance: 0, transactions: [] });
  });
});
