import { randomUUID } from 'node:crypto';
import { asCustomer, asGuest, asService, codeOf, issuer, newCustomerId, startCartHarness, type CartHarness } from './harness';
import { add, cartOf } from './operations';
import { archiveProduct, seedProduct, setPrice } from './seed';

let h: CartHarness;
beforeAll(async () => {
  h = await startCartHarness();
});
afterAll(() => h?.stop());

const FOR_CHECKOUT = `query ($owner: CartOwnerInput!) {
  cartForCheckout(owner: $owner) {
    cartId currency subtotal { amount currency }
    lines { variantId productId sku productName variantName quantity unitPrice { amount currency } addedUnitPrice { amount } }
  }
}`;
const CLEAR_CHECKED_OUT = `mutation ($owner: CartOwnerInput!) { clearCheckedOutCart(owner: $owner) }`;

describe('cartForCheckout (checkout saga, service role)', () => {
  it("gives a customer's cart from PostgreSQL at current prices, with the price each line was added at", async () => {
    const product = await seedProduct(h, { variants: 2, price: ['10.00', '2.50'] });
    const customerId = newCustomerId();
    const first = await add(h, product.variants[0].id, 2, asCustomer(customerId));
    await add(h, product.variants[1].id, 4, asCustomer(customerId));
    await setPrice(h, product.variants[0].id, '11.00');
    const result = await h.cartSubgraph(FOR_CHECKOUT, { owner: { customerId } }, asService());
    expect(result.errors).toBeUndefined();
    expect(result.data.cartForCheckout).toEqual({
      cartId: first.id,
      currency: 'USD',
      subtotal: { amount: '32.00', currency: 'USD' },
      lines: [
        {
          variantId: product.variants[0].id, productId: product.id, sku: product.variants[0].sku, productName: product.name, variantName: 'Size 0',
          quantity: 2, unitPrice: { amount: '11.00', currency: 'USD' }, addedUnitPrice: { amount: '10.00' },
        },
        {
          variantId: product.variants[1].id, productId: product.id, sku: product.variants[1].sku, productName: product.name, variantName: 'Size 1',
          quantity: 4, unitPrice: { amount: '2.50', currency: 'USD' }, addedUnitPrice: { amount: '2.50' },
        },
      ],
    });
  });

  it("gives a guest's cart by its session id, and null for an unknown session, a customer without a cart or an empty cart", async () => {
    const [variant] = (await seedProduct(h, { variants: 1 })).variants;
    const guest = await add(h, variant.id, 1);
    const byGuest = await h.cartSubgraph(FOR_CHECKOUT, { owner: { sessionId: guest.sessionToken } }, asService());
    expect(byGuest.data.cartForCheckout).toMatchObject({ cartId: guest.id, lines: [{ variantId: variant.id, quantity: 1 }] });
    for (const owner of [{ sessionId: 'Z'.repeat(43) }, { customerId: newCustomerId() }]) {
      expect((await h.cartSubgraph(FOR_CHECKOUT, { owner }, asService())).data).toEqual({ cartForCheckout: null });
    }
    const emptied = newCustomerId();
    await add(h, variant.id, 1, asCustomer(emptied));
    await h.query('mutation { clearCart { id } }', {}, asCustomer(emptied));
    expect((await h.cartSubgraph(FOR_CHECKOUT, { owner: { customerId: emptied } }, asService())).data).toEqual({ cartForCheckout: null });
  });

  it('leaves out lines that can no longer be bought, as the cart itself does', async () => {
    const kept = await seedProduct(h, { variants: 1 });
    const archived = await seedProduct(h, { variants: 1 });
    const customerId = newCustomerId();
    await add(h, kept.variants[0].id, 1, asCustomer(customerId));
    await add(h, archived.variants[0].id, 1, asCustomer(customerId));
    await archiveProduct(h, archived.id);
    const result = await h.cartSubgraph(FOR_CHECKOUT, { owner: { customerId } }, asService());
    expect(result.data.cartForCheckout.lines.map((l: any) => l.variantId)).toEqual([kept.variants[0].id]);
    const shown = await cartOf(h, asCustomer(customerId));
    expect(shown.lines.map((l: any) => l.variant.id)).toEqual([kept.variants[0].id]);
    expect(shown.itemCount).toBe(1);
  });

  it.each([
    ['both owners', { customerId: randomUUID(), sessionId: 'Z'.repeat(43) }],
    ['neither owner', {}],
    ['a malformed customer id', { customerId: 'nope' }],
    ['a malformed session id', { sessionId: 'short' }],
  ])('refuses %s with BAD_USER_INPUT', async (_what, owner) => {
    expect(codeOf(await h.cartSubgraph(FOR_CHECKOUT, { owner }, asService()))).toBe('BAD_USER_INPUT');
  });
});

describe('clearCheckedOutCart (checkout saga, service role)', () => {
  it("empties a customer's cart in PostgreSQL and Redis, and answers true again when repeated", async () => {
    const [variant] = (await seedProduct(h, { variants: 1 })).variants;
    const customerId = newCustomerId();
    await add(h, variant.id, 2, asCustomer(customerId));
    for (let i = 0; i < 2; i++) {
      const result = await h.cartSubgraph(CLEAR_CHECKED_OUT, { owner: { customerId } }, asService());
      expect(result.data).toEqual({ clearCheckedOutCart: true });
    }
    expect(await h.cartDb.cartItem.count({ where: { cart: { customerId } } })).toBe(0);
    expect((await cartOf(h, asCustomer(customerId))).lines).toEqual([]);
  });

  it("empties a guest's cart, and answers true for a cart that does not exist", async () => {
    const [variant] = (await seedProduct(h, { variants: 1 })).variants;
    const guest = await add(h, variant.id, 2);
    expect((await h.cartSubgraph(CLEAR_CHECKED_OUT, { owner: { sessionId: guest.sessionToken } }, asService())).data).toEqual({ clearCheckedOutCart: true });
    expect((await cartOf(h, asGuest(guest.sessionToken))).itemCount).toBe(0);
    expect((await h.cartSubgraph(CLEAR_CHECKED_OUT, { owner: { customerId: newCustomerId() } }, asService())).data).toEqual({ clearCheckedOutCart: true });
  });
});

describe('who may call the internal operations', () => {
  const owner = { customerId: randomUUID() };
  it.each([
    ['an anonymous caller', () => ({}), 'UNAUTHENTICATED'],
    ['a guest with a session', () => asGuest('Z'.repeat(43)), 'UNAUTHENTICATED'],
    ['a customer, even about their own cart', () => asCustomer(owner.customerId), 'FORBIDDEN'],
    ['staff', () => issuer.as(randomUUID(), ['customer', 'admin']), 'FORBIDDEN'],
    ['a forged service token', () => ({ authorization: `Bearer ${issuer.forged(randomUUID(), ['service'])}` }), 'UNAUTHENTICATED'],
  ])('refuses %s', async (_who, headers, code) => {
    expect(codeOf(await h.cartSubgraph(FOR_CHECKOUT, { owner }, headers()))).toBe(code);
    expect(codeOf(await h.cartSubgraph(CLEAR_CHECKED_OUT, { owner }, headers()))).toBe(code);
    // Through the gateway as well.
    expect(codeOf(await h.query(CLEAR_CHECKED_OUT, { owner }, headers()))).toBe(code);
  });
});
