import { itWithRedis } from '@shop/platform/testing';
import { keysFor } from '../src/index';
import { asGuest, codeOf, startCartHarness, type CartHarness } from './harness';
import { ADD, add, CART, cartOf, CHANGE, CLEAR, quantities, REMOVE } from './operations';
import { seedProduct, seedVariant, setPrice } from './seed';

let h: CartHarness;
beforeAll(async () => {
  h = await startCartHarness();
});
afterAll(() => h?.stop());

/** The tests that look at the keys themselves (the seed's JSON, TTLs) need the machine's Redis; the rest run on any store. */
const itInRedis = itWithRedis('cart guest-carts (4 tests)', "they read the cart's keys and TTLs in Redis");

const DAY_MS = 24 * 60 * 60 * 1000;
const keys = () => keysFor(h.prefix);

describe('a guest cart', () => {
  itInRedis('is created by the first addToCart, under a session id the API issues and shows only to its holder', async () => {
    const variant = await seedVariant(h, { price: '12.50' });
    const cart = await add(h, variant.id, 2);
    expect(cart.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cart.id).not.toBe(cart.sessionToken);
    expect(cart).toMatchObject({ itemCount: 2, subtotal: { amount: '25.00', currency: 'USD' } });
    expect(cart.lines).toEqual([
      expect.objectContaining({ variant: { id: variant.id, sku: variant.sku }, quantity: 2, unitPrice: { amount: '12.50', currency: 'USD' }, priceChanged: false }),
    ]);
    // The seed's JSON under cart:session:{sessionId}, with the totals at the prices added.
    const stored = JSON.parse((await h.redis!.get(keys().session(cart.sessionToken)))!);
    expect(stored).toMatchObject({ customerId: null, items: [{ variantId: variant.id, quantity: 2, price: '12.50' }], totals: { subtotal: '25.00', itemCount: 2 } });
    expect(await cartOf(h, asGuest(cart.sessionToken))).toMatchObject({ id: cart.id, itemCount: 2, sessionToken: cart.sessionToken });
  });

  it('is null for a guest without a session, and for a made-up or expired one', async () => {
    expect(await cartOf(h)).toBeNull();
    expect(await cartOf(h, asGuest('x'.repeat(43)))).toBeNull();
  });

  itInRedis('never creates a cart under a session id the client chose: a made-up one gets a new id', async () => {
    const variant = await seedVariant(h);
    const chosen = 'A'.repeat(43);
    const cart = await add(h, variant.id, 1, asGuest(chosen));
    expect(cart.sessionToken).not.toBe(chosen);
    expect(await h.redis!.exists(keys().session(chosen))).toBe(0);
  });

  it('sums quantities of the same variant in one line and keeps lines in the order they were added', async () => {
    const product = await seedProduct(h, { variants: 2, price: ['5.00', '7.25'] });
    const first = await add(h, product.variants[1].id, 1);
    const session = asGuest(first.sessionToken);
    await add(h, product.variants[0].id, 2, session);
    const cart = await add(h, product.variants[1].id, 3, session);
    expect(cart.lines.map((l: any) => [l.variant.id, l.quantity])).toEqual([[product.variants[1].id, 4], [product.variants[0].id, 2]]);
    expect(cart).toMatchObject({ itemCount: 6, subtotal: { amount: '39.00' } });
  });

  it('changes a line quantity, removes a line (twice is fine) and clears', async () => {
    const product = await seedProduct(h, { variants: 2 });
    const session = asGuest((await add(h, product.variants[0].id, 1)).sessionToken);
    await add(h, product.variants[1].id, 1, session);
    const changed = await h.query(CHANGE, { variantId: product.variants[0].id, quantity: 5 }, session);
    expect(quantities(changed.data.changeCartLineQuantity)).toEqual({ [product.variants[0].id]: 5, [product.variants[1].id]: 1 });
    for (let i = 0; i < 2; i++) {
      const removed = await h.query(REMOVE, { variantId: product.variants[1].id }, session);
      expect(quantities(removed.data.removeFromCart)).toEqual({ [product.variants[0].id]: 5 });
    }
    const cleared = await h.query(CLEAR, {}, session);
    expect(cleared.data.clearCart).toMatchObject({ itemCount: 0, lines: [], subtotal: { amount: '0.00', currency: 'USD' } });
  });

  it('answers NOT_FOUND for changing a line it does not hold, and for changes without a cart', async () => {
    const [held, other] = (await seedProduct(h, { variants: 2 })).variants;
    const session = asGuest((await add(h, held.id, 1)).sessionToken);
    expect(codeOf(await h.query(CHANGE, { variantId: other.id, quantity: 2 }, session))).toBe('NOT_FOUND');
    expect(codeOf(await h.query(CHANGE, { variantId: held.id, quantity: 2 }))).toBe('NOT_FOUND');
    expect(codeOf(await h.query(REMOVE, { variantId: held.id }))).toBe('NOT_FOUND');
    expect((await h.query(CLEAR, {})).data).toEqual({ clearCart: null });
  });

  itInRedis('lives 7 days after its last change: every change renews the TTL, reads do not', async () => {
    const variant = await seedVariant(h);
    const { sessionToken } = await add(h, variant.id, 1);
    const key = keys().session(sessionToken);
    expect(await h.redis!.pttl(key)).toBeGreaterThan(7 * DAY_MS - 60_000);
    await h.redis!.pexpire(key, DAY_MS);
    await cartOf(h, asGuest(sessionToken));
    expect(await h.redis!.pttl(key)).toBeLessThanOrEqual(DAY_MS);
    await add(h, variant.id, 1, asGuest(sessionToken));
    expect(await h.redis!.pttl(key)).toBeGreaterThan(7 * DAY_MS - 60_000);
    await h.redis!.pexpire(key, DAY_MS);
    await h.query(CHANGE, { variantId: variant.id, quantity: 5 }, asGuest(sessionToken));
    expect(await h.redis!.pttl(key)).toBeGreaterThan(7 * DAY_MS - 60_000);
  });

  itInRedis('is gone when its session expires: the next add starts a new cart under a new session', async () => {
    const variant = await seedVariant(h);
    const { sessionToken } = await add(h, variant.id, 1);
    await h.redis!.del(keys().session(sessionToken));
    expect(await cartOf(h, asGuest(sessionToken))).toBeNull();
    const next = await add(h, variant.id, 1, asGuest(sessionToken));
    expect(next.sessionToken).not.toBe(sessionToken);
    expect(next.itemCount).toBe(1);
  });

  it('loses no update when many changes arrive at once', async () => {
    const product = await seedProduct(h, { variants: 4, stock: 500 });
    const session = asGuest((await add(h, product.variants[0].id, 1)).sessionToken);
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => h.query(ADD, { variantId: product.variants[i % 4].id, quantity: 1 }, session)),
    );
    expect(results.map(codeOf)).toEqual(Array(24).fill('ok'));
    const cart = await cartOf(h, session);
    expect(Object.values(quantities(cart))).toEqual([7, 6, 6, 6]);
    expect(cart.itemCount).toBe(25);
  });
});

describe('prices', () => {
  it('keeps the price a line was added at, shows the current one beside it and flags the change', async () => {
    const product = await seedProduct(h, { variants: 2, price: '10.00' });
    const [cheaper, same] = product.variants;
    const session = asGuest((await add(h, cheaper.id, 2)).sessionToken);
    await add(h, same.id, 1, session);
    await setPrice(h, cheaper.id, '8.49');
    const cart = await cartOf(h, session);
    const line = (id: string) => cart.lines.find((l: any) => l.variant.id === id);
    expect(line(cheaper.id)).toMatchObject({ unitPrice: { amount: '10.00' }, currentUnitPrice: { amount: '8.49' }, priceChanged: true, lineTotal: { amount: '16.98' } });
    expect(line(same.id)).toMatchObject({ unitPrice: { amount: '10.00' }, currentUnitPrice: { amount: '10.00' }, priceChanged: false });
    // Totals are at current prices, decimal: 2 × 8.49 + 10.00.
    expect(cart.subtotal).toEqual({ amount: '26.98', currency: 'USD' });
    // Adding more keeps the line's price.
    const more = await add(h, cheaper.id, 1, session);
    expect(more.lines.find((l: any) => l.variant.id === cheaper.id)).toMatchObject({ quantity: 3, unitPrice: { amount: '10.00' }, priceChanged: true });
  });

  it('adds decimal money exactly: 3 × 0.10 + 0.20 is 0.50', async () => {
    const product = await seedProduct(h, { variants: 2, price: ['0.10', '0.20'] });
    const session = asGuest((await add(h, product.variants[0].id, 3)).sessionToken);
    const cart = await add(h, product.variants[1].id, 1, session);
    expect(cart.subtotal.amount).toBe('0.50');
  });
});

describe('the cart query', () => {
  it('prices a cart of many lines with one call to the catalog and none to inventory', async () => {
    const product = await seedProduct(h, { variants: 12 });
    const session = asGuest((await add(h, product.variants[0].id, 1)).sessionToken);
    for (const variant of product.variants.slice(1)) await add(h, variant.id, 1, session);
    h.resetCounts();
    const result = await h.query(CART, {}, session);
    expect(result.data.cart.lines).toHaveLength(12);
    // The gateway asks the cart, then the catalog for the lines' sku; the cart asks the catalog once for prices.
    expect(h.fetches.cart!.count).toBe(1);
    expect(h.fetches.catalog!.count).toBe(2);
    expect(h.fetches.inventory!.count).toBe(0);
    expect(h.statements.cart.count).toBe(0);
  });

  it('changes a cart of many lines with one call to the catalog and one to inventory', async () => {
    const product = await seedProduct(h, { variants: 13 });
    const session = asGuest((await add(h, product.variants[0].id, 1)).sessionToken);
    for (const variant of product.variants.slice(1, 12)) await add(h, variant.id, 1, session);
    h.resetCounts();
    const result = await h.cartSubgraph(`mutation ($v: ID!) { addToCart(variantId: $v, quantity: 1) { itemCount subtotal { amount } } }`, { v: product.variants[12].id }, session);
    expect(result.data.addToCart).toEqual({ itemCount: 13, subtotal: { amount: '128.70' } });
    expect(h.fetches.catalog!.count).toBe(1);
    expect(h.fetches.inventory!.count).toBe(1);
  });
});
