import { itWithRedis } from '@shop/platform/testing';
import { keysFor } from '../src/index';
import { asCustomer, asGuest, codeOf, newCustomerId, startCartHarness, type CartHarness } from './harness';
import { add, cartOf, MERGE, quantities } from './operations';
import { deactivateVariant, seedProduct, setStock } from './seed';

let h: CartHarness;
beforeAll(async () => {
  h = await startCartHarness();
});
afterAll(() => h?.stop());

/** Two tests read the merge's keys in Redis; the rest run on any store. */
const itInRedis = itWithRedis('cart merge (2 tests)', "they read the merged session's keys in Redis");

const keys = () => keysFor(h.prefix);
const merge = (customerId: string, session: string) => h.query(MERGE, {}, { ...asCustomer(customerId), ...asGuest(session) });
const rows = async (customerId: string) =>
  Object.fromEntries((await h.cartDb.cartItem.findMany({ where: { cart: { customerId } } })).map((i) => [i.productVariantId, i.quantity]));

describe('signing in merges the guest cart into the customer cart', () => {
  itInRedis('sums quantities, keeps each line its price, and then the guest cart is gone', async () => {
    const [both, guestOnly, customerOnly] = (await seedProduct(h, { variants: 3, price: ['4.00', '6.00', '8.00'] })).variants;
    const session = (await add(h, both.id, 2)).sessionToken;
    await add(h, guestOnly.id, 1, asGuest(session));
    const customerId = newCustomerId();
    await add(h, both.id, 3, asCustomer(customerId));
    await add(h, customerOnly.id, 1, asCustomer(customerId));

    const merged = await merge(customerId, session);
    expect(merged.errors).toBeUndefined();
    expect(merged.data.mergeGuestCart).toMatchObject({ itemCount: 7, subtotal: { amount: '34.00' }, sessionToken: null });
    expect(quantities(merged.data.mergeGuestCart)).toEqual({ [both.id]: 5, [customerOnly.id]: 1, [guestOnly.id]: 1 });
    expect(await rows(customerId)).toEqual({ [both.id]: 5, [customerOnly.id]: 1, [guestOnly.id]: 1 });

    expect(await cartOf(h, asGuest(session))).toBeNull();
    expect(JSON.parse((await h.redis!.get(keys().session(session)))!)).toMatchObject({ mergedInto: customerId });
    expect(await h.redis!.get(keys().conversion(customerId))).toBe(session);
  });

  it('creates the customer cart when the customer had none', async () => {
    const [variant] = (await seedProduct(h, { variants: 1 })).variants;
    const session = (await add(h, variant.id, 2)).sessionToken;
    const customerId = newCustomerId();
    const merged = await merge(customerId, session);
    expect(quantities(merged.data.mergeGuestCart)).toEqual({ [variant.id]: 2 });
    expect(await rows(customerId)).toEqual({ [variant.id]: 2 });
  });

  it('happens once: a retry after success changes nothing', async () => {
    const [variant] = (await seedProduct(h, { variants: 1 })).variants;
    const session = (await add(h, variant.id, 2)).sessionToken;
    const customerId = newCustomerId();
    await merge(customerId, session);
    const version = (await h.cartDb.shoppingCart.findUniqueOrThrow({ where: { customerId } })).version;
    const retry = await merge(customerId, session);
    expect(codeOf(retry)).toBe('ok');
    expect(quantities(retry.data.mergeGuestCart)).toEqual({ [variant.id]: 2 });
    expect((await h.cartDb.shoppingCart.findUniqueOrThrow({ where: { customerId } })).version).toBe(version);
  });

  it('happens once when the same merge is sent many times at once', async () => {
    const [variant] = (await seedProduct(h, { variants: 1 })).variants;
    const session = (await add(h, variant.id, 3)).sessionToken;
    const customerId = newCustomerId();
    await add(h, variant.id, 1, asCustomer(customerId));
    const results = await Promise.all(Array.from({ length: 8 }, () => merge(customerId, session)));
    expect(results.map(codeOf)).toEqual(Array(8).fill('ok'));
    expect(await rows(customerId)).toEqual({ [variant.id]: 4 });
  });

  it('caps summed quantities at 99 per line and at the stock available, and never shrinks the customer line', async () => {
    const [many, scarce, short] = (await seedProduct(h, { variants: 3, stock: [500, 4, 1] })).variants;
    const session = (await add(h, many.id, 60)).sessionToken;
    await add(h, scarce.id, 3, asGuest(session));
    await add(h, short.id, 1, asGuest(session));
    const customerId = newCustomerId();
    await add(h, many.id, 50, asCustomer(customerId));
    await add(h, scarce.id, 2, asCustomer(customerId));
    await add(h, short.id, 1, asCustomer(customerId));
    // Sold out since: the guest's unit is left behind, the customer keeps theirs.
    await setStock(h, short.id, 0);
    const merged = await merge(customerId, session);
    expect(quantities(merged.data.mergeGuestCart)).toEqual({ [many.id]: 99, [scarce.id]: 4, [short.id]: 1 });
  });

  it('leaves behind guest lines that can no longer be bought', async () => {
    const [gone, fine] = (await seedProduct(h, { variants: 2 })).variants;
    const session = (await add(h, gone.id, 1)).sessionToken;
    await add(h, fine.id, 1, asGuest(session));
    await deactivateVariant(h, gone.id);
    const customerId = newCustomerId();
    const merged = await merge(customerId, session);
    expect(await rows(customerId)).toEqual({ [fine.id]: 1 });
    expect(merged.data.mergeGuestCart.itemCount).toBe(1);
  });

  it('is a no-op for an unknown or expired guest session', async () => {
    const customerId = newCustomerId();
    const merged = await merge(customerId, 'Q'.repeat(43));
    expect(codeOf(merged)).toBe('ok');
    expect(merged.data.mergeGuestCart).toMatchObject({ itemCount: 0, lines: [] });
  });

  itInRedis("refuses a customer presenting a session another customer merged, or another customer's own cart session", async () => {
    const [variant] = (await seedProduct(h, { variants: 1 })).variants;
    const session = (await add(h, variant.id, 1)).sessionToken;
    const owner = newCustomerId();
    await merge(owner, session);
    const intruder = newCustomerId();
    expect(codeOf(await merge(intruder, session))).toBe('FORBIDDEN');
    const ownersCartSession = (await h.redis!.get(keys().customer(owner)))!;
    expect(codeOf(await merge(intruder, ownersCartSession))).toBe('FORBIDDEN');
    expect(await h.cartDb.shoppingCart.findUnique({ where: { customerId: intruder } })).toBeNull();
    expect(await rows(owner)).toEqual({ [variant.id]: 1 });
  });
});
