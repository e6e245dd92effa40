import type { Logger } from '@shop/platform';
import { createTestDatabase } from '@shop/platform/testing';
import { startCartSubgraph } from '../src/index';
import { asCustomer, asGuest, codeOf, issuer, newCustomerId, startCartHarness, type CartHarness } from './harness';
import { ADD, add, cartOf, MERGE, quantities } from './operations';
import { seedProduct } from './seed';

/**
 * Embedded mode without Redis: the same cart behaviour from the in-process store, here with a configured
 * per-line maximum of 5. (The store itself passes the shared contract in cart-store.contract.test.ts.)
 */
let h: CartHarness;
beforeAll(async () => {
  h = await startCartHarness({ store: 'in-process', limits: { maxLineQuantity: 5 } });
});
afterAll(() => h?.stop());

describe('carts without Redis (embedded mode)', () => {
  it('says so in the log when the cart subgraph starts', async () => {
    const warnings: string[] = [];
    const log = { warn: (msg: string) => warnings.push(msg), info: () => undefined, error: () => undefined, debug: () => undefined } as unknown as Logger;
    (log as unknown as { child: () => Logger }).child = () => log;
    const database = await createTestDatabase('cart');
    const cart = await startCartSubgraph({
      databaseUrl: database.url, port: 0, host: '127.0.0.1', log, production: false, identity: issuer.identity,
      catalogUrl: 'http://127.0.0.1:9/graphql', inventoryUrl: 'http://127.0.0.1:9/graphql',
    });
    await cart.stop();
    await database.drop();
    expect(warnings).toEqual([expect.stringMatching(/^Carts are kept in this process \(no Redis\)/)]);
  });

  it('keeps a guest cart, sums lines, caps them at the configured maximum and merges it at sign-in', async () => {
    const [a, b] = (await seedProduct(h, { variants: 2 })).variants;
    const guest = await add(h, a.id, 2);
    const session = asGuest(guest.sessionToken);
    await add(h, a.id, 3, session);
    expect(codeOf(await h.query(ADD, { variantId: a.id, quantity: 1 }, session))).toBe('BAD_USER_INPUT');
    await add(h, b.id, 1, session);
    expect(quantities(await cartOf(h, session))).toEqual({ [a.id]: 5, [b.id]: 1 });

    const customerId = newCustomerId();
    await add(h, a.id, 4, asCustomer(customerId));
    const merged = await h.query(MERGE, {}, { ...asCustomer(customerId), ...session });
    expect(quantities(merged.data.mergeGuestCart)).toEqual({ [a.id]: 5, [b.id]: 1 });
    expect(await cartOf(h, session)).toBeNull();
    expect(quantities(await cartOf(h, asCustomer(customerId)))).toEqual({ [a.id]: 5, [b.id]: 1 });
  });

  it('loses no update to concurrent changes', async () => {
    const product = await seedProduct(h, { variants: 5 });
    const session = asGuest((await add(h, product.variants[0].id, 1)).sessionToken);
    const results = await Promise.all(product.variants.slice(1).map((v) => h.query(ADD, { variantId: v.id, quantity: 2 }, session)));
    expect(results.map(codeOf)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect((await cartOf(h, session)).itemCount).toBe(9);
  });
});
