import { randomUUID } from 'node:crypto';
import { ADDRESS, asCustomer, CARD, startShop, type Shop } from './shop-harness';

const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { id status } }`;
const ADD = `mutation($v: ID!, $q: Int!) { addToCart(variantId: $v, quantity: $q) { sessionToken } }`;

// A race of hundreds of checkouts on two cores shared with another test file can take minutes; it proves
// correctness under contention, not speed (bench/checkout.js measures that).
jest.setTimeout(180_000);

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
    const unexpected = refused.filter((e) => e.extensions.code !== 'OUT_OF_STOCK').slice(0, 3);
    expect(unexpected.map((e) => ({ ...e, logged: shop.serverErrors([e.extensions.requestId]) }))).toEqual([]);
    const confirmed = results.filter((r) => r.data?.checkout?.status === 'CONFIRMED').map((r) => r.data.checkout.id);
    expect(confirmed).toHaveLength(10);
    expect(refused).toHaveLength(190);
    expect(await shop.paymentDb.payment.count({ where: { status: 'authorized' } })).toBe(10);
    expect(await shop.paymentDb.payment.count()).toBe(10);
    const item = await shop.inventoryDb.inventoryItem.findUniqueOrThrow({ where: { productVariantId: p.variantId } });
    expect([item.quantityAvailable, item.quantityReserved, item.quantityCommitted]).toEqual([0, 0, 10]);
  });
});

/**
 * A reservation that loses the race between what its statement read and what it wrote is refused by the stock
 * CHECK constraint. To make that happen on demand, a trigger in inventory's database raises the same error
 * (SQLSTATE 23514) for one reservation statement in three: the shopper must still only ever see OUT_OF_STOCK.
 */
describe('a checkout that loses a stock race', () => {
  const lostRaces = async (variantId: string, every: number) => {
    await shop.inventoryDb.$executeRawUnsafe(`CREATE SEQUENCE IF NOT EXISTS lost_race_${every}`);
    await shop.inventoryDb.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION lose_race_${every}() RETURNS trigger AS $$
      BEGIN
        IF NEW.quantity_reserved > OLD.quantity_reserved AND nextval('lost_race_${every}') % ${every} = 0 THEN
          RAISE EXCEPTION 'new row for relation "inventory_items" violates check constraint "inventory_items_quantities_check"'
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await shop.inventoryDb.$executeRawUnsafe(`
      CREATE TRIGGER lose_race_${every}_${variantId.replace(/-/g, '')} BEFORE UPDATE ON inventory_items FOR EACH ROW
      WHEN (NEW.product_variant_id = '${variantId}'::uuid) EXECUTE FUNCTION lose_race_${every}()`);
  };
  const guestsWithCarts = async (variantId: string, n: number, quantity: number) => {
    const guests: Record<string, string>[] = [];
    for (let i = 0; i < n; i++) {
      const added = await shop.gateway.query(ADD, { v: variantId, q: quantity }, {});
      expect(added.errors).toBeUndefined();
      guests.push({ 'x-cart-session': added.data.addToCart.sessionToken });
    }
    return guests;
  };
  const checkoutAll = (guests: Record<string, string>[], expectedSubtotal: string) =>
    Promise.all(
      guests.map((guest) =>
        shop.gateway.query(CHECKOUT, { input: { idempotencyKey: `race-${randomUUID()}`, expectedSubtotal, email: 'ada@example.com', shippingAddress: ADDRESS, card: CARD } }, guest),
      ),
    );

  it('is told OUT_OF_STOCK, never a database message, when its reservation trips the stock constraint', async () => {
    const p = await shop.product(12, '10.00');
    await lostRaces(p.variantId, 3);
    const guests = await guestsWithCarts(p.variantId, 40, 2);

    const results = await checkoutAll(guests, '20.00');

    const codes = results.map((r) => (r.errors ? r.errors[0].extensions.code : r.data.checkout.status));
    expect(codes.filter((c) => c !== 'CONFIRMED' && c !== 'OUT_OF_STOCK')).toEqual([]);
    expect(codes.filter((c) => c === 'CONFIRMED')).toHaveLength(6);
    expect(results.some((r) => r.errors?.some((e) => /constraint|negative|violates/i.test(e.message)))).toBe(false);
    const confirmed = results.filter((r) => r.data?.checkout).map((r) => r.data.checkout.id);
    expect(await shop.paymentDb.payment.count({ where: { orderId: { in: confirmed } } })).toBe(6);
    const item = await shop.inventoryDb.inventoryItem.findUniqueOrThrow({ where: { productVariantId: p.variantId } });
    expect([item.quantityAvailable, item.quantityReserved, item.quantityCommitted]).toEqual([0, 0, 12]);
  });

  it('is OUT_OF_STOCK with nothing charged even when every attempt to reserve trips the constraint', async () => {
    const p = await shop.product(5, '10.00');
    await lostRaces(p.variantId, 1);
    const [guest] = await guestsWithCarts(p.variantId, 1, 1);

    const [result] = await checkoutAll([guest], '10.00');

    expect(result.errors?.[0].extensions).toMatchObject({ code: 'OUT_OF_STOCK' });
    expect(result.errors?.[0].message).not.toMatch(/constraint|negative|violates/i);
    const item = await shop.inventoryDb.inventoryItem.findUniqueOrThrow({ where: { productVariantId: p.variantId } });
    expect([item.quantityAvailable, item.quantityReserved, item.quantityCommitted]).toEqual([5, 0, 0]);
    const order = await shop.orderDb.order.findFirstOrThrow({ where: { items: { some: { productVariantId: p.variantId } } } });
    expect(order.status).toBe('cancelled');
    expect(await shop.paymentDb.payment.count({ where: { orderId: order.id } })).toBe(0);
  });
});
