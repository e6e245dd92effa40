import { randomUUID } from 'node:crypto';
import { ADDRESS, asCustomer, CARD, startShop, type Shop } from './shop-harness';

/** The last items, fought over through the real gateway, with real carts in Redis and every subgraph real. */
let shop: Shop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.stop());

describe('200 shoppers, 10 in stock', () => {
  it('confirms exactly 10 orders with 10 authorizations, and tells everyone else it ran out', async () => {
    const p = await shop.product(10, '25.00');
    const buyers = Array.from({ length: 200 }, () => asCustomer(randomUUID()));
    for (const buyer of buyers) {
      const added = await shop.gateway.query(`mutation($v: ID!) { addToCart(variantId: $v, quantity: 1) { itemCount } }`, { v: p.variantId }, buyer);
      expect(added.errors).toBeUndefined();
    }
    const results = await Promise.all(
      buyers.map((buyer) =>
        shop.gateway.query(
          `mutation($input: CheckoutInput!) { checkout(input: $input) { id status } }`,
          { input: { idempotencyKey: `rush-${randomUUID()}`, expectedSubtotal: '25.00', shippingAddress: ADDRESS, card: CARD } },
          buyer,
        ),
      ),
    );
    const refused = results.filter((r) => r.errors).map((r) => r.errors![0]);
    expect(refused.filter((e) => e.extensions.code !== 'OUT_OF_STOCK').slice(0, 3)).toEqual([]);
    const confirmed = results.filter((r) => r.data?.checkout?.status === 'CONFIRMED').map((r) => r.data.checkout.id);
    expect(confirmed).toHaveLength(10);
    expect(refused).toHaveLength(190);
    expect(await shop.paymentDb.payment.count({ where: { status: 'authorized' } })).toBe(10);
    expect(await shop.paymentDb.payment.count()).toBe(10);
    const item = await shop.inventoryDb.inventoryItem.findUniqueOrThrow({ where: { productVariantId: p.variantId } });
    expect([item.quantityAvailable, item.quantityReserved, item.quantityCommitted]).toEqual([0, 0, 10]);
  });
});
