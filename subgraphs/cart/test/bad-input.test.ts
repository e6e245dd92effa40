import { randomUUID } from 'node:crypto';
import { itWithRedis } from '@shop/platform/testing';
import { asCustomer, asGuest, codeOf, newCustomerId, startCartHarness, type CartHarness } from './harness';
import { ADD, add, CHANGE, MERGE, REMOVE } from './operations';
import { archiveProduct, deactivateVariant, seedProduct, seedVariant } from './seed';

let h: CartHarness;
beforeAll(async () => {
  h = await startCartHarness({ limits: { maxLines: 3 } });
});
afterAll(() => h?.stop());

/** Cart keys of this test file in Redis. */
async function keyCount(): Promise<number> {
  return (await h.redis!.keys(`${h.prefix}*`)).length;
}

/** Counting keys needs the machine's Redis; the other tests read carts through the store, wherever it keeps them. */
const itCountingKeys = itWithRedis('cart bad-input (2 tests that count keys)', 'they count the cart keys a refused change left in Redis');

/** What a cart holds in its store and PostgreSQL, to show a refused change wrote nothing. */
async function snapshot(owner: { session?: string; customerId?: string }) {
  const session = owner.session ? await h.store.readSession(owner.session) : null;
  const rows = owner.customerId
    ? (await h.cartDb.cartItem.findMany({ where: { cart: { customerId: owner.customerId } }, orderBy: { addedAt: 'asc' } })).map((i) => [i.productVariantId, i.quantity])
    : [];
  const cart = owner.customerId ? await h.cartDb.shoppingCart.findUnique({ where: { customerId: owner.customerId } }) : null;
  return { session, rows, version: cart?.version ?? null };
}

/** A guest and a customer, each with a cart holding one line of `held` (2 units, 5 in stock). */
async function shoppers() {
  const held = await seedVariant(h, { stock: 5 });
  const guest = (await add(h, held.id, 2)).sessionToken as string;
  const customerId = newCustomerId();
  await add(h, held.id, 2, asCustomer(customerId));
  return [
    { who: 'a guest', headers: asGuest(guest), owner: { session: guest } },
    { who: 'a customer', headers: asCustomer(customerId), owner: { customerId } },
  ].map((s) => ({ ...s, held }));
}

describe('bad quantities', () => {
  it.each([
    ['0', 0],
    ['-1', -1],
    ['100 (above the maximum of 99)', 100],
  ])('refuses a quantity of %s with BAD_USER_INPUT naming the field, and changes nothing', async (_what, quantity) => {
    for (const s of await shoppers()) {
      const before = await snapshot(s.owner);
      for (const mutation of [ADD, CHANGE]) {
        const result = await h.query(mutation, { variantId: s.held.id, quantity }, s.headers);
        expect([s.who, codeOf(result)]).toEqual([s.who, 'BAD_USER_INPUT']);
        expect(result.errors![0].extensions.fields).toEqual([{ field: 'quantity', message: 'must be a whole number from 1 to 99' }]);
      }
      expect(await snapshot(s.owner)).toEqual(before);
    }
  });

  it('refuses 2^31, which is not a GraphQL Int, before any resolver runs', async () => {
    const [s] = await shoppers();
    const result = await h.query(ADD, { variantId: s.held.id, quantity: 2 ** 31 }, s.headers);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).toMatch(/Int cannot represent non 32-bit signed integer value/);
  });

  it('refuses adding past 99 units on one line, counting what the line holds, and changes nothing', async () => {
    const variant = await seedVariant(h, { stock: 1_000 });
    const session = (await add(h, variant.id, 60)).sessionToken;
    const before = await snapshot({ session });
    const result = await h.query(ADD, { variantId: variant.id, quantity: 40 }, asGuest(session));
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).toBe('A cart line holds at most 99 per line; the cart already holds 60.');
    expect(await snapshot({ session })).toEqual(before);
  });

  it('refuses a line more than the configured number of lines (3 here)', async () => {
    const product = await seedProduct(h, { variants: 4 });
    const session = (await add(h, product.variants[0].id, 1)).sessionToken;
    for (const variant of product.variants.slice(1, 3)) await add(h, variant.id, 1, asGuest(session));
    const result = await h.query(ADD, { variantId: product.variants[3].id, quantity: 1 }, asGuest(session));
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).toBe('A cart holds at most 3 different items.');
  });
});

describe('variants that cannot be bought', () => {
  it.each([
    ['a malformed variant id', 'BAD_USER_INPUT', async () => 'not-a-uuid'],
    ['an unknown variant', 'NOT_FOUND', async () => randomUUID()],
    ['an inactive variant', 'BAD_USER_INPUT', async () => {
      const v = await seedVariant(h);
      await deactivateVariant(h, v.id);
      return v.id;
    }],
    ['a variant of an archived product', 'NOT_FOUND', async () => {
      const v = await seedVariant(h);
      await archiveProduct(h, v.productId);
      return v.id;
    }],
    ['a variant of a draft product', 'NOT_FOUND', async () => (await seedVariant(h, { status: 'draft' })).id],
  ])('refuses %s with %s and changes nothing', async (_what, code, variantOf: () => Promise<string>) => {
    const variantId = await variantOf();
    for (const s of await shoppers()) {
      const before = await snapshot(s.owner);
      const result = await h.query(ADD, { variantId, quantity: 1 }, s.headers);
      expect([s.who, codeOf(result)]).toEqual([s.who, code]);
      expect(await snapshot(s.owner)).toEqual(before);
    }
  });

  itCountingKeys('refuses a guest with no cart the same way, creating no session', async () => {
    const before = await keyCount();
    const result = await h.query(ADD, { variantId: randomUUID(), quantity: 1 });
    expect(codeOf(result)).toBe('NOT_FOUND');
    expect(result.errors![0].message).toBe('This product is not for sale.');
    expect(await keyCount()).toBe(before);
  });

  it('refuses changing the quantity of a line whose variant is no longer sold', async () => {
    const variant = await seedVariant(h);
    const session = (await add(h, variant.id, 1)).sessionToken;
    await deactivateVariant(h, variant.id);
    expect(codeOf(await h.query(CHANGE, { variantId: variant.id, quantity: 2 }, asGuest(session)))).toBe('BAD_USER_INPUT');
    // It can still be removed.
    expect(codeOf(await h.query(REMOVE, { variantId: variant.id }, asGuest(session)))).toBe('ok');
  });
});

describe('stock', () => {
  it('refuses more than inventory has available with OUT_OF_STOCK and extensions.available, changing nothing', async () => {
    for (const s of await shoppers()) {
      const before = await snapshot(s.owner);
      const adding = await h.query(ADD, { variantId: s.held.id, quantity: 4 }, s.headers);
      expect([s.who, codeOf(adding)]).toEqual([s.who, 'OUT_OF_STOCK']);
      expect(adding.errors![0].extensions).toMatchObject({ variantId: s.held.id, requested: 6, available: 5 });
      expect(adding.errors![0].message).toBe('Only 5 of this item are available.');
      const changing = await h.query(CHANGE, { variantId: s.held.id, quantity: 6 }, s.headers);
      expect(changing.errors![0].extensions).toMatchObject({ code: 'OUT_OF_STOCK', requested: 6, available: 5 });
      expect(await snapshot(s.owner)).toEqual(before);
      // Up to what is available is fine.
      expect(codeOf(await h.query(ADD, { variantId: s.held.id, quantity: 3 }, s.headers))).toBe('ok');
    }
  });

  it('says "out of stock" when there is none at all', async () => {
    const variant = await seedVariant(h, { stock: 0 });
    const result = await h.query(ADD, { variantId: variant.id, quantity: 1 });
    expect(result.errors![0]).toMatchObject({ message: 'This item is out of stock.', extensions: { code: 'OUT_OF_STOCK', available: 0 } });
  });
});

describe('sessions', () => {
  itCountingKeys.each([
    ['of absurd length', 'x'.repeat(10_000)],
    ['with characters no session id has', `${'a'.repeat(40)}%$#`],
  ])('refuses a x-cart-session header %s on changes with BAD_USER_INPUT, and reads it as no cart', async (_what, header) => {
    const variant = await seedVariant(h);
    const before = await keyCount();
    const result = await h.query(ADD, { variantId: variant.id, quantity: 1 }, asGuest(header));
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0].extensions.fields).toEqual([{ field: 'x-cart-session', message: 'not a cart session id' }]);
    expect(await keyCount()).toBe(before);
    const read = await h.query('{ cart { id } }', {}, asGuest(header));
    expect(read).toMatchObject({ data: { cart: null } });
    expect(read.errors).toBeUndefined();
  });

  it("refuses merging another customer's cart session with FORBIDDEN, changing neither cart", async () => {
    const variant = await seedVariant(h);
    const session = (await add(h, variant.id, 2)).sessionToken;
    const owner = newCustomerId();
    expect(codeOf(await h.query(MERGE, {}, { ...asCustomer(owner), ...asGuest(session) }))).toBe('ok');
    const intruder = newCustomerId();
    const result = await h.query(MERGE, {}, { ...asCustomer(intruder), ...asGuest(session) });
    expect(codeOf(result)).toBe('FORBIDDEN');
    expect(await h.cartDb.shoppingCart.findUnique({ where: { customerId: intruder } })).toBeNull();
    expect((await snapshot({ customerId: owner })).rows).toEqual([[variant.id, 2]]);
  });

  it('refuses mergeGuestCart without a session header, and to a guest', async () => {
    expect(codeOf(await h.query(MERGE, {}, asCustomer(newCustomerId())))).toBe('BAD_USER_INPUT');
    expect(codeOf(await h.query(MERGE, {}, asGuest('a'.repeat(43))))).toBe('UNAUTHENTICATED');
  });
});
