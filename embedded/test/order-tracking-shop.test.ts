import { randomUUID } from 'node:crypto';
import { connect } from './order-tracking-harness';
import { ADDRESS, asAdmin, asCustomer, CARD, startShop, type Shop } from './shop-harness';

/**
 * Live order tracking in the whole shop: a real cart and checkout make the order, the order's events go through
 * its outbox, relay and Redis stream to the gateway, and each update's `order` is resolved through every subgraph
 * it reaches (catalog for the product, customer for the loyalty) with the subscriber's own token.
 */
let shop: Shop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.stop());

const FOLLOW = `subscription($number: String!) {
  orderUpdated(number: $number) {
    status version carrier trackingNumber
    order { number total { amount } items { quantity variant { sku product { name } } } customer { email loyalty { pointsBalance } } }
  }
}`;
const MOVE = `mutation($id: ID!, $status: OrderStatus!, $v: Int!) { moveOrder(id: $id, status: $status, expectedVersion: $v, carrier: "UPS", trackingNumber: "1Z999") { version } }`;

async function ok(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const { data, errors } = await shop.gateway.query(query, variables, headers);
  if (errors) throw new Error(JSON.stringify(errors));
  return data;
}

describe('following an order bought through the whole shop', () => {
  it('shows its customer every change staff make, with the product and their loyalty filled through the supergraph', async () => {
    const me = asCustomer(randomUUID());
    const { me: account } = await ok(`{ me { id email } }`, {}, me);
    const p = await shop.product(10, '20.00');
    await ok(`mutation($v: ID!) { addToCart(variantId: $v, quantity: 2) { itemCount } }`, { v: p.variantId }, me);
    const { checkout: order } = await ok(
      `mutation($input: CheckoutInput!) { checkout(input: $input) { id number version } }`,
      { input: { idempotencyKey: `track-${randomUUID()}`, expectedSubtotal: '40.00', shippingAddress: ADDRESS, card: CARD } },
      me,
    );
    const client = connect(shop.gateway.wsUrl, me.authorization);
    try {
      const following = client.subscribe(FOLLOW, { number: order.number });
      const deadline = Date.now() + 20_000;
      while (shop.gateway.subscriptions.listenerCount() < 1) {
        if (Date.now() > deadline) throw new Error('the subscription never became live');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      let version = order.version;
      for (const status of ['PROCESSING', 'SHIPPED', 'DELIVERED']) version = (await ok(MOVE, { id: order.id, status, v: version }, asAdmin)).moveOrder.version;
      await following.waitFor(3);

      expect(following.results.map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
      const updates = following.results.map((r) => r.data!.orderUpdated);
      expect(updates.map((u) => u.status)).toEqual(['PROCESSING', 'SHIPPED', 'DELIVERED']);
      expect(updates.map((u) => u.version)).toEqual([order.version + 1, order.version + 2, order.version + 3]);
      expect(updates[1]).toMatchObject({ carrier: 'UPS', trackingNumber: '1Z999' });
      expect(updates[2].order).toEqual({
        number: order.number,
        total: { amount: expect.any(String) },
        items: [{ quantity: 2, variant: { sku: expect.any(String), product: { name: expect.stringContaining('Linen Shirt') } } }],
        customer: { email: account.email, loyalty: { pointsBalance: expect.any(Number) } },
      });
    } finally {
      await client.dispose();
    }
  });

  it("refuses a stranger's subscription to that order as NOT_FOUND", async () => {
    const me = asCustomer(randomUUID());
    await ok(`{ me { id } }`, {}, me);
    const p = await shop.product(5, '20.00');
    await ok(`mutation($v: ID!) { addToCart(variantId: $v, quantity: 1) { itemCount } }`, { v: p.variantId }, me);
    const { checkout: order } = await ok(
      `mutation($input: CheckoutInput!) { checkout(input: $input) { number } }`,
      { input: { idempotencyKey: `track-${randomUUID()}`, expectedSubtotal: '20.00', shippingAddress: ADDRESS, card: CARD } },
      me,
    );
    const stranger = connect(shop.gateway.wsUrl, asCustomer(randomUUID()).authorization);
    try {
      const refused = stranger.subscribe(FOLLOW, { number: order.number });
      await refused.waitFor(1);
      expect(refused.results[0]?.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    } finally {
      await stranger.dispose();
    }
  });
});
