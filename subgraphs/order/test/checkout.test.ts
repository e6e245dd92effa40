import { randomUUID } from 'node:crypto';
import { asCustomer } from './harness';
import { CHECKOUT, checkoutInput, DECLINED_CARD, startCheckoutHarness, type CheckoutHarness } from './checkout-harness';

let h: CheckoutHarness;
beforeAll(async () => {
  h = await startCheckoutHarness();
});
afterAll(() => h?.stop());

const codeOf = (r: { errors?: any[] }) => r.errors?.[0]?.extensions?.code ?? (r.errors ? 'ERROR' : 'ok');
const stockOf = async (variantId: string) => {
  const item = await h.inventoryDb.inventoryItem.findUniqueOrThrow({ where: { productVariantId: variantId } });
  return { available: item.quantityAvailable, reserved: item.quantityReserved, committed: item.quantityCommitted };
};
const paymentsOf = (orderId: string) => h.paymentDb.payment.findMany({ where: { orderId } });

/** A signed-in shopper with `quantity` of a fresh variant (25.00 each, `available` in stock) in their cart. */
async function customerWithCart(available = 10, quantity = 2) {
  const customerId = randomUUID();
  const variant = await h.stockedVariant(available);
  h.carts.put({ customerId, sessionId: null }, [{ ...variant, quantity }]);
  return { customerId, headers: asCustomer(customerId), variant, subtotal: (25 * quantity).toFixed(2) };
}

describe('a checkout that goes through', () => {
  it('confirms the order, commits the stock, authorizes the total and empties the cart', async () => {
    const c = await customerWithCart(10, 2);
    const r = await h.gateway.query(CHECKOUT, { input: checkoutInput(c.subtotal, { email: 'ada@example.com' }) }, c.headers);
    expect(r.errors).toBeUndefined();
    expect(r.data.checkout).toMatchObject({ status: 'CONFIRMED', items: [{ quantity: 2 }] });
    const order = await h.orderDb.order.findUniqueOrThrow({ where: { id: r.data.checkout.id } });
    expect(order.customerId).toBe(c.customerId);
    // 50.00 + 8.25 % tax (4.125, half up) + 5.99 shipping under 100.00
    expect(order.totalAmount.toFixed(2)).toBe('60.12');
    expect(await stockOf(c.variant.variantId)).toEqual({ available: 8, reserved: 0, committed: 2 });
    const payments = await paymentsOf(order.id);
    expect(payments.map((p) => [p.status, p.amount.toFixed(2)])).toEqual([['authorized', '60.12']]);
    expect(h.carts.lines({ customerId: c.customerId, sessionId: null })).toEqual([]);
    const saga = await h.orderDb.orderProcessingSaga.findFirstOrThrow({ where: { orderId: order.id } });
    expect(saga.status).toBe('completed');
  });

  it('lets a guest buy with the cart session header and an email, through the gateway', async () => {
    const session = `guest-${randomUUID()}`;
    const variant = await h.stockedVariant(5);
    h.carts.put({ customerId: null, sessionId: session }, [{ ...variant, quantity: 1 }]);
    const r = await h.gateway.query(CHECKOUT, { input: checkoutInput('25.00', { email: 'guest@example.com' }) }, { 'x-cart-session': session });
    expect(r.errors).toBeUndefined();
    const order = await h.orderDb.order.findUniqueOrThrow({ where: { id: r.data.checkout.id } });
    expect([order.customerId, order.email, order.status]).toEqual([null, 'guest@example.com', 'confirmed']);
  });

  it('costs a fixed handful of SQL statements in the order and payment services', async () => {
    const session = `guest-${randomUUID()}`;
    const variant = await h.stockedVariant(5);
    h.carts.put({ customerId: null, sessionId: session }, [{ ...variant, quantity: 2 }]);
    // The webhooks of earlier checkouts land on their own time: count from a quiet moment.
    for (let seen = -1; seen !== h.statements.payment.count; ) {
      seen = h.statements.payment.count;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    h.statements.order.reset();
    h.statements.payment.reset();
    const r = await h.gateway.query(CHECKOUT, { input: checkoutInput('50.00', { email: 'guest@example.com' }) }, { 'x-cart-session': session });
    expect(r.errors).toBeUndefined();
    // Order: the key's look-up; saga and claim; the order, then its items, history and event in one statement,
    // the step, and the COMMIT (Prisma's log does not report BEGIN); the authorization's steps; the confirmation
    // with its history, event, step and claim in one statement; the saga's end; the answer's items.
    expect(h.statements.order.count).toBe(10);
    // Payment: the key's look-up; payment and audit row; authorized with its audit row and event in one statement;
    // then the provider's webhook, stored processed with its note in one statement, which may land later.
    for (const until = Date.now() + 5_000; h.statements.payment.count < 4 && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.statements.payment.count).toBe(4);
  });

  it('answers a retry with the same idempotency key with the same order, and creates nothing new', async () => {
    const c = await customerWithCart(10, 1);
    const input = checkoutInput(c.subtotal, { email: 'ada@example.com' });
    const first = await h.gateway.query(CHECKOUT, { input }, c.headers);
    h.carts.put({ customerId: c.customerId, sessionId: null }, [{ ...c.variant, quantity: 1 }]); // shopping again meanwhile
    const again = await h.gateway.query(CHECKOUT, { input }, c.headers);
    expect(again.data.checkout.id).toBe(first.data.checkout.id);
    expect(await h.orderDb.order.count({ where: { customerId: c.customerId } })).toBe(1);
    expect(await paymentsOf(first.data.checkout.id)).toHaveLength(1);
    expect(await stockOf(c.variant.variantId)).toEqual({ available: 9, reserved: 0, committed: 1 });
  });

  it('refuses the same idempotency key with a different request as CONFLICT', async () => {
    const c = await customerWithCart(10, 1);
    const input = checkoutInput(c.subtotal, { email: 'ada@example.com' });
    await h.gateway.query(CHECKOUT, { input }, c.headers);
    const changed = await h.gateway.query(CHECKOUT, { input: { ...input, shippingMethod: 'express' } }, c.headers);
    expect(codeOf(changed)).toBe('CONFLICT');
  });
});

describe('a checkout that cannot go through', () => {
  it('on a declined card: PAYMENT_DECLINED, no order confirmed, no stock held, the cart still there', async () => {
    const c = await customerWithCart(10, 3);
    const r = await h.gateway.query(CHECKOUT, { input: checkoutInput(c.subtotal, { email: 'ada@example.com', card: DECLINED_CARD }) }, c.headers);
    expect(codeOf(r)).toBe('PAYMENT_DECLINED');
    expect(r.errors![0].extensions.reason).toBe('card_declined');
    const orders = await h.orderDb.order.findMany({ where: { customerId: c.customerId } });
    expect(orders.map((o) => o.status)).toEqual(['cancelled']);
    expect(await stockOf(c.variant.variantId)).toEqual({ available: 10, reserved: 0, committed: 0 });
    expect(h.carts.lines({ customerId: c.customerId, sessionId: null })).toHaveLength(1);
    const saga = await h.orderDb.orderProcessingSaga.findFirstOrThrow({ where: { orderId: orders[0].id } });
    expect(saga.status).toBe('failed');
  });

  it('on too little stock: OUT_OF_STOCK naming the line, and nothing charged', async () => {
    const c = await customerWithCart(2, 3);
    const r = await h.gateway.query(CHECKOUT, { input: checkoutInput(c.subtotal, { email: 'ada@example.com' }) }, c.headers);
    expect(codeOf(r)).toBe('OUT_OF_STOCK');
    expect(r.errors![0].extensions.lines).toEqual([{ variantId: c.variant.variantId, requested: 3, available: 2 }]);
    const [order] = await h.orderDb.order.findMany({ where: { customerId: c.customerId } });
    expect(order.status).toBe('cancelled');
    expect(await paymentsOf(order.id)).toEqual([]);
    expect(await stockOf(c.variant.variantId)).toEqual({ available: 2, reserved: 0, committed: 0 });
  });

  it('when prices moved since the shopper looked: CONFLICT with the new subtotal, nothing created', async () => {
    const c = await customerWithCart(10, 2);
    h.carts.prices.set(c.variant.variantId, '27.50');
    const r = await h.gateway.query(CHECKOUT, { input: checkoutInput(c.subtotal, { email: 'ada@example.com' }) }, c.headers);
    expect(codeOf(r)).toBe('CONFLICT');
    expect(r.errors![0].extensions).toMatchObject({ reason: 'PRICE_CHANGED', currentSubtotal: '55.00' });
    expect(await h.orderDb.order.count({ where: { customerId: c.customerId } })).toBe(0);
  });

  it('replays a failed checkout retried with its key: the same refusal, no second attempt', async () => {
    const c = await customerWithCart(10, 1);
    const input = checkoutInput(c.subtotal, { email: 'ada@example.com', card: DECLINED_CARD });
    await h.gateway.query(CHECKOUT, { input }, c.headers);
    const again = await h.gateway.query(CHECKOUT, { input }, c.headers);
    expect(codeOf(again)).toBe('PAYMENT_DECLINED');
    expect(again.errors![0].extensions.replayed).toBe(true);
    expect(await h.orderDb.order.count({ where: { customerId: c.customerId } })).toBe(1);
  });

  it.each([
    ['an empty cart', () => ({}), 'BAD_USER_INPUT', true],
    ['a negative expected subtotal', () => ({ expectedSubtotal: '-1.00' }), 'BAD_USER_INPUT', false],
    ['an unknown discount code', () => ({ discountCode: 'NOSUCHCODE' }), 'BAD_USER_INPUT', false],
    ['both a saved card and a new card', () => ({ paymentMethodId: randomUUID() }), 'BAD_USER_INPUT', false],
    ['a malformed idempotency key', () => ({ idempotencyKey: 'x' }), 'BAD_USER_INPUT', false],
    ['a 10,000-character street', () => ({ shippingAddress: { firstName: 'A', lastName: 'B', streetLine1: 'x'.repeat(10_000), city: 'C', postalCode: '12345', countryCode: 'US' } }), 'BAD_USER_INPUT', false],
  ])('refuses %s and charges nothing', async (_what, overrides, code, emptyCart) => {
    const c = await customerWithCart(10, 1);
    if (emptyCart) await h.carts.clear({ customerId: c.customerId, sessionId: null });
    const r = await h.gateway.query(CHECKOUT, { input: { ...checkoutInput(c.subtotal, { email: 'ada@example.com' }), ...overrides() } }, c.headers);
    expect(codeOf(r)).toBe(code);
    const orders = await h.orderDb.order.findMany({ where: { customerId: c.customerId } });
    expect(orders.every((o) => o.status === 'cancelled')).toBe(true);
    expect(await h.paymentDb.payment.count({ where: { orderId: { in: orders.map((o) => o.id) } } })).toBe(0);
    expect(await stockOf(c.variant.variantId)).toEqual({ available: 10, reserved: 0, committed: 0 });
  });

  it("treats someone else's cart session as no cart at all", async () => {
    const owner = `guest-${randomUUID()}`;
    const variant = await h.stockedVariant(5);
    h.carts.put({ customerId: null, sessionId: owner }, [{ ...variant, quantity: 1 }]);
    const stranger = await h.gateway.query(CHECKOUT, { input: checkoutInput('25.00', { email: 'thief@example.com' }) }, { 'x-cart-session': `guest-${randomUUID()}` });
    expect(codeOf(stranger)).toBe('BAD_USER_INPUT');
    expect(h.carts.lines({ customerId: null, sessionId: owner })).toHaveLength(1);
  });

  it('asks a guest for an email', async () => {
    const session = `guest-${randomUUID()}`;
    const variant = await h.stockedVariant(5);
    h.carts.put({ customerId: null, sessionId: session }, [{ ...variant, quantity: 1 }]);
    const r = await h.gateway.query(CHECKOUT, { input: checkoutInput('25.00') }, { 'x-cart-session': session });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions.fields[0].field).toBe('email');
  });
});
