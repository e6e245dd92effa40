import { itWithRedis } from '@shop/platform/testing';
import { keysFor, type CartStore } from '../src/index';
import { asCustomer, asGuest, asService, codeOf, deleteKeys, newCustomerId, startCartHarness, type CartHarness } from './harness';
import { ADD, add, CART, cartOf, CHANGE, CLEAR, quantities, REMOVE } from './operations';
import { seedProduct, seedVariant } from './seed';

/** Makes every store call fail, as when Redis cannot be reached. */
const outage = { on: false };
const failingWhenDown = (store: CartStore): CartStore =>
  new Proxy(store, {
    get(target, prop: keyof CartStore) {
      const value = target[prop];
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => (outage.on ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')) : (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });

let h: CartHarness;
beforeAll(async () => {
  h = await startCartHarness({ wrapStore: failingWhenDown, withCustomer: true });
});
afterAll(() => h?.stop());
afterEach(() => {
  outage.on = false;
});

/** Four tests look at the copy in Redis itself; the rest run on any store. */
const itInRedis = itWithRedis('cart customer-carts (4 tests)', 'they read, delete or wait for the cart copy in Redis');

const keys = () => keysFor(h.prefix);
/** The customer's cart as Redis holds it, through cart:customer:{id} -> {sessionId}. */
async function redisCopy(customerId: string) {
  const sessionId = await h.redis!.get(keys().customer(customerId));
  return JSON.parse((await h.redis!.get(keys().session(sessionId!)))!);
}

describe("a signed-in customer's cart", () => {
  itInRedis('is written to PostgreSQL (seed tables) and to Redis as cart:customer:{id} -> {sessionId} -> the cart', async () => {
    const customerId = newCustomerId();
    const variant = await seedVariant(h, { price: '19.99' });
    const cart = await add(h, variant.id, 3, asCustomer(customerId));
    expect(cart).toMatchObject({ sessionToken: null, itemCount: 3, subtotal: { amount: '59.97' } });

    const row = await h.cartDb.shoppingCart.findUniqueOrThrow({ where: { customerId }, include: { items: true } });
    expect(row.id).toBe(cart.id);
    expect(row.items).toEqual([expect.objectContaining({ productVariantId: variant.id, sku: variant.sku, quantity: 3 })]);
    expect(row.items[0].unitPrice.toFixed(2)).toBe('19.99');

    expect(await h.redis!.get(keys().customer(customerId))).toBe(row.sessionId);
    expect(await redisCopy(customerId)).toMatchObject({
      cartId: row.id, customerId, version: Number(row.version), items: [{ variantId: variant.id, quantity: 3, price: '19.99' }],
    });
  });

  it('is read from Redis: no SQL for the cart query once the copy is there', async () => {
    const headers = asCustomer(newCustomerId());
    await add(h, (await seedVariant(h)).id, 1, headers);
    h.resetCounts();
    expect((await cartOf(h, headers)).itemCount).toBe(1);
    expect(h.statements.cart.count).toBe(0);
  });

  itInRedis('loses nothing when Redis loses its keys: the next read reloads PostgreSQL and puts the copy back', async () => {
    const customerId = newCustomerId();
    const headers = asCustomer(customerId);
    const product = await seedProduct(h, { variants: 3 });
    for (const [i, variant] of product.variants.entries()) await add(h, variant.id, i + 1, headers);
    const before = await cartOf(h, headers);

    await deleteKeys(h.redis!, h.prefix); // as a Redis restart without persistence would
    const after = await cartOf(h, headers);
    expect(quantities(after)).toEqual(quantities(before));
    expect(after.id).toBe(before.id);
    expect(await h.redis!.exists(keys().customer(customerId))).toBe(1);

    await deleteKeys(h.redis!, h.prefix);
    const changed = await add(h, product.variants[0].id, 1, headers);
    expect(quantities(changed)).toEqual({ ...quantities(before), [product.variants[0].id]: 2 });
  });

  itInRedis('keeps working from PostgreSQL while Redis cannot be reached, and Redis catches up afterwards', async () => {
    const customerId = newCustomerId();
    const headers = asCustomer(customerId);
    const [first, second] = (await seedProduct(h, { variants: 2 })).variants;
    await add(h, first.id, 1, headers);
    outage.on = true;
    expect(quantities(await add(h, second.id, 2, headers))).toEqual({ [first.id]: 1, [second.id]: 2 });
    expect(quantities(await cartOf(h, headers))).toEqual({ [first.id]: 1, [second.id]: 2 });
    outage.on = false;
    // Redis still holds the copy from before the outage; this process knows it missed a write and reads
    // PostgreSQL, which also puts the current cart back into Redis.
    expect(quantities(await cartOf(h, headers))).toEqual({ [first.id]: 1, [second.id]: 2 });
    expect((await redisCopy(customerId)).items).toHaveLength(2);
    expect(quantities(await add(h, first.id, 1, headers))).toEqual({ [first.id]: 2, [second.id]: 2 });
  });

  it('loses no update when many changes arrive at once (they queue on the cart row lock)', async () => {
    const customerId = newCustomerId();
    const headers = asCustomer(customerId);
    const product = await seedProduct(h, { variants: 3, stock: 500 });
    const results = await Promise.all(Array.from({ length: 18 }, (_, i) => h.query(ADD, { variantId: product.variants[i % 3].id, quantity: 2 }, headers)));
    expect(results.map(codeOf)).toEqual(Array(18).fill('ok'));
    const items = await h.cartDb.cartItem.findMany({ where: { cart: { customerId } } });
    expect(items.map((i) => i.quantity)).toEqual([12, 12, 12]);
    expect(Object.values(quantities(await cartOf(h, headers)))).toEqual([12, 12, 12]);
    expect(Number((await h.cartDb.shoppingCart.findUniqueOrThrow({ where: { customerId } })).version)).toBe(19);
  });

  it('changes, removes and clears in PostgreSQL and Redis alike', async () => {
    const customerId = newCustomerId();
    const headers = asCustomer(customerId);
    const [a, b] = (await seedProduct(h, { variants: 2 })).variants;
    await add(h, a.id, 1, headers);
    await add(h, b.id, 1, headers);
    await h.query(CHANGE, { variantId: a.id, quantity: 4 }, headers);
    await h.query(REMOVE, { variantId: b.id }, headers);
    const rows = async () => (await h.cartDb.cartItem.findMany({ where: { cart: { customerId } } })).map((i) => [i.productVariantId, i.quantity]);
    expect(await rows()).toEqual([[a.id, 4]]);
    expect(quantities(await cartOf(h, headers))).toEqual({ [a.id]: 4 });
    expect((await h.query(CLEAR, {}, headers)).data.clearCart).toMatchObject({ itemCount: 0, lines: [] });
    expect(await rows()).toEqual([]);
    expect((await cartOf(h, headers)).lines).toEqual([]);
  });

  it('is the one a signed-in customer sees, whatever guest session header they also send', async () => {
    const variant = await seedVariant(h);
    const guest = await add(h, variant.id, 5);
    const customer = asCustomer(newCustomerId());
    await add(h, variant.id, 1, customer);
    const seen = await cartOf(h, { ...customer, ...asGuest(guest.sessionToken) });
    expect(seen.itemCount).toBe(1);
    expect(seen.sessionToken).toBeNull();
  });

  itInRedis("is not reachable through its internal Redis session id sent as a guest's x-cart-session", async () => {
    const customerId = newCustomerId();
    await add(h, (await seedVariant(h)).id, 1, asCustomer(customerId));
    const sessionId = (await h.redis!.get(keys().customer(customerId)))!;
    expect(await cartOf(h, asGuest(sessionId))).toBeNull();
    expect(codeOf(await h.query(CHANGE, { variantId: (await seedVariant(h)).id, quantity: 1 }, asGuest(sessionId)))).toBe('NOT_FOUND');
  });

  it('shows in Customer.cart to its owner through `me`, and to nobody else', async () => {
    const customerId = newCustomerId();
    const headers = asCustomer(customerId);
    await add(h, (await seedVariant(h)).id, 2, headers);
    const me = await h.query('{ me { id cart { itemCount sessionToken } } }', {}, headers);
    expect(me.errors).toBeUndefined();
    expect(me.data.me).toEqual({ id: customerId, cart: { itemCount: 2, sessionToken: null } });

    const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { cart { id } } } }`;
    const other = await h.cartSubgraph(ENTITIES, { r: [{ __typename: 'Customer', id: customerId }] }, asCustomer(newCustomerId()));
    expect(codeOf(other)).toBe('FORBIDDEN');
    const anonymous = await h.cartSubgraph(ENTITIES, { r: [{ __typename: 'Customer', id: customerId }] });
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
  });

  it('is null for a customer without one, and Customer.cart too', async () => {
    const headers = asCustomer(newCustomerId());
    expect(await cartOf(h, headers)).toBeNull();
    expect((await h.query('{ me { cart { id } } }', {}, headers)).data.me.cart).toBeNull();
  });
});

describe('service tokens', () => {
  it('have no cart of their own: the cart query is null and shopper mutations are FORBIDDEN', async () => {
    const variant = await seedVariant(h);
    expect((await h.query(CART, {}, asService())).data.cart).toBeNull();
    expect(codeOf(await h.query(ADD, { variantId: variant.id, quantity: 1 }, asService()))).toBe('FORBIDDEN');
  });
});
