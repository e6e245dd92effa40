import { randomUUID } from 'node:crypto';
import { ADDRESS, asCustomer, CARD, startShop, type Shop } from './shop-harness';

/**
 * One cart buys once: simultaneous checkouts of one cart (a double click, two open tabs), each with its own
 * idempotency key, through the real gateway with every subgraph real. The cart is claimed in the order database,
 * so exactly one order and one authorization come out, whatever the interleaving, on one order replica or two.
 */
const ADD = `mutation($v: ID!, $q: Int!) { addToCart(variantId: $v, quantity: $q) { sessionToken itemCount } }`;
const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { id number status } }`;

type Headers = Record<string, string>;
type Result = { data?: any; errors?: any[] };

const input = (overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: `tab-${randomUUID()}`, expectedSubtotal: '50.00', email: 'ada@example.com', shippingAddress: ADDRESS, card: CARD, ...overrides,
});

/** A guest with a cart of 2 × the product: the headers that name the cart. */
async function guestCart(shop: Shop, variantId: string): Promise<Headers> {
  const added = await shop.gateway.query(ADD, { v: variantId, q: 2 }, {});
  expect(added.errors).toBeUndefined();
  return { 'x-cart-session': added.data.addToCart.sessionToken };
}

async function customerCart(shop: Shop, variantId: string): Promise<Headers> {
  const me = asCustomer(randomUUID());
  const added = await shop.gateway.query(ADD, { v: variantId, q: 2 }, me);
  expect(added.errors).toBeUndefined();
  return me;
}

/** Fires `n` checkouts of one cart together, each with its own key. */
const rush = (shop: Shop, headers: Headers, n: number) =>
  Promise.all(Array.from({ length: n }, () => shop.gateway.query(CHECKOUT, { input: input() }, headers)));

/** Every answer is the one order, or CONFLICT for a cart being (or already) checked out. */
function outcomes(results: Result[]) {
  const confirmed = results.filter((r) => r.data?.checkout?.status === 'CONFIRMED');
  const refused = results.filter((r) => r.errors).map((r) => r.errors![0]);
  const reasons = refused.map((e) => `${e.extensions.code}:${e.extensions.reason}`);
  return { confirmed, refused, reasons };
}

const CART_REFUSALS = ['CONFLICT:CART_CHECKOUT_IN_PROGRESS', 'CONFLICT:CART_ALREADY_CHECKED_OUT'];

/** Orders vs payments vs stock: one confirmed order, one authorization of its total, its units committed. */
async function expectBooksAgree(shop: Shop, variantId: string, stock: number, orderIds: string[]) {
  const orders = await shop.orderDb.order.findMany({ where: { id: { in: orderIds } } });
  const allOrders = await shop.orderDb.order.findMany({ where: { items: { some: { productVariantId: variantId } } } });
  expect(allOrders.map((o) => o.status)).toEqual(['confirmed']);
  const payments = await shop.paymentDb.payment.findMany({ where: { orderId: { in: allOrders.map((o) => o.id) } } });
  expect(payments.map((p) => [p.status, p.amount.toFixed(2)])).toEqual([['authorized', orders[0].totalAmount.toFixed(2)]]);
  const item = await shop.inventoryDb.inventoryItem.findUniqueOrThrow({ where: { productVariantId: variantId } });
  expect([item.quantityAvailable, item.quantityReserved, item.quantityCommitted]).toEqual([stock - 2, 0, 2]);
  expect(await shop.inventoryDb.inventoryReservation.count({ where: { inventoryItemId: item.id, orderId: { notIn: orderIds } } })).toBe(0);
}

describe('one cart buys once, on one order replica', () => {
  let shop: Shop;
  beforeAll(async () => {
    shop = await startShop();
  });
  afterAll(() => shop?.stop());

  it('makes one order and one authorization out of 12 simultaneous checkouts of one guest cart with different keys', async () => {
    const p = await shop.product(50, '25.00');
    const guest = await guestCart(shop, p.variantId);

    const { confirmed, reasons } = outcomes(await rush(shop, guest, 12));

    expect(confirmed).toHaveLength(1);
    expect(reasons).toHaveLength(11);
    expect(reasons.filter((r) => !CART_REFUSALS.includes(r))).toEqual([]);
    expect(await shop.paymentDb.payment.count({ where: { orderId: confirmed[0].data.checkout.id } })).toBe(1);
    await expectBooksAgree(shop, p.variantId, 50, [confirmed[0].data.checkout.id]);
  });

  it("makes one order out of 12 simultaneous checkouts of one customer's cart", async () => {
    const p = await shop.product(50, '25.00');
    const me = await customerCart(shop, p.variantId);

    const { confirmed, reasons } = outcomes(await rush(shop, me, 12));

    expect(confirmed).toHaveLength(1);
    expect(reasons.filter((r) => !CART_REFUSALS.includes(r))).toEqual([]);
    await expectBooksAgree(shop, p.variantId, 50, [confirmed[0].data.checkout.id]);
  });

  it('refuses a second checkout of a cart already bought, and sells a new cart after the shopper adds to it', async () => {
    const p = await shop.product(50, '25.00');
    const guest = await guestCart(shop, p.variantId);
    const first = await shop.gateway.query(CHECKOUT, { input: input() }, guest);
    expect(first.data.checkout.status).toBe('CONFIRMED');

    const again = await shop.gateway.query(CHECKOUT, { input: input() }, guest);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'CART_ALREADY_CHECKED_OUT', orderNumber: first.data.checkout.number });
    expect(await shop.orderDb.order.count({ where: { items: { some: { productVariantId: p.variantId } } } })).toBe(1);

    const added = await shop.gateway.query(ADD, { v: p.variantId, q: 2 }, guest);
    expect(added.data.addToCart.itemCount).toBe(2);
    const second = await shop.gateway.query(CHECKOUT, { input: input() }, guest);
    expect(second.data?.checkout.status).toBe('CONFIRMED');
    expect(second.data.checkout.id).not.toBe(first.data.checkout.id);
  });

  it('still replays the original answer to a retry with the same key', async () => {
    const p = await shop.product(50, '25.00');
    const guest = await guestCart(shop, p.variantId);
    const same = input();
    const first = await shop.gateway.query(CHECKOUT, { input: same }, guest);
    const retry = await shop.gateway.query(CHECKOUT, { input: same }, guest);
    expect(retry.data.checkout).toEqual(first.data.checkout);
    expect(await shop.paymentDb.payment.count({ where: { orderId: first.data.checkout.id } })).toBe(1);
  });

  it('lets the shopper try again after a declined card: a failed checkout frees the cart', async () => {
    const p = await shop.product(50, '25.00');
    const guest = await guestCart(shop, p.variantId);
    const declined = await shop.gateway.query(CHECKOUT, { input: input({ card: { ...CARD, number: '4000000000000002' } }) }, guest);
    expect(declined.errors?.[0].extensions.code).toBe('PAYMENT_DECLINED');
    const retried = await shop.gateway.query(CHECKOUT, { input: input() }, guest);
    expect(retried.data?.checkout.status).toBe('CONFIRMED');
  });
});

describe('one cart buys once, across two order replicas on one order database', () => {
  let shop: Shop;
  beforeAll(async () => {
    shop = await startShop({ orderReplicas: 2 });
  });
  afterAll(() => shop?.stop());

  it('makes one order out of 16 simultaneous checkouts of one guest cart spread over both replicas', async () => {
    const p = await shop.product(50, '25.00');
    const guest = await guestCart(shop, p.variantId);

    const { confirmed, reasons } = outcomes(await rush(shop, guest, 16));

    expect(confirmed).toHaveLength(1);
    expect(reasons).toHaveLength(15);
    expect(reasons.filter((r) => !CART_REFUSALS.includes(r))).toEqual([]);
    await expectBooksAgree(shop, p.variantId, 50, [confirmed[0].data.checkout.id]);
  });

  it("makes one order out of 16 simultaneous checkouts of one customer's cart spread over both replicas", async () => {
    const p = await shop.product(50, '25.00');
    const me = await customerCart(shop, p.variantId);

    const { confirmed, reasons } = outcomes(await rush(shop, me, 16));

    expect(confirmed).toHaveLength(1);
    expect(reasons.filter((r) => !CART_REFUSALS.includes(r))).toEqual([]);
    await expectBooksAgree(shop, p.variantId, 50, [confirmed[0].data.checkout.id]);
  });
});
