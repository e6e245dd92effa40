import { randomUUID } from 'node:crypto';
import { ADDRESS, asCustomer, CARD, startShop, type Shop } from './shop-harness';

/** The whole shop: a guest's checkout answers the access key that lets them read (and follow) their order. */
let shop: Shop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.stop());

const ADD = `mutation($v: ID!, $q: Int!) { addToCart(variantId: $v, quantity: $q) { sessionToken } }`;
const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { number status accessKey } }`;
const GUEST_ORDER = `query($n: String!, $k: String!) { guestOrder(number: $n, accessKey: $k) { number status email items { quantity variant { id } } } }`;
const checkoutInput = (expectedSubtotal: string, overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: `guest-${randomUUID()}`, expectedSubtotal, shippingAddress: ADDRESS, card: CARD, ...overrides,
});

describe('guest access key', () => {
  it("answers a guest's checkout with an access key that reads the order; a wrong key is NOT_FOUND", async () => {
    const p = await shop.product(5, '10.00');
    const added = await shop.gateway.query(ADD, { v: p.variantId, q: 1 });
    const guest = { 'x-cart-session': added.data.addToCart.sessionToken };
    const bought = await shop.gateway.query(CHECKOUT, { input: checkoutInput('10.00', { email: 'guest@example.com' }) }, guest);
    expect(bought.errors).toBeUndefined();
    const { number, accessKey } = bought.data.checkout;
    expect(accessKey).toMatch(/^[\w-]{32}$/);

    const read = await shop.gateway.query(GUEST_ORDER, { n: number, k: accessKey });
    expect(read.errors).toBeUndefined();
    expect(read.data.guestOrder).toEqual({ number, status: 'CONFIRMED', email: 'guest@example.com', items: [{ quantity: 1, variant: { id: p.variantId } }] });
    for (const k of ['wrong-key', accessKey.slice(1), '']) {
      const refused = await shop.gateway.query(GUEST_ORDER, { n: number, k });
      expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
  });

  it("gives a signed-in customer's order no access key", async () => {
    const p = await shop.product(5, '12.00');
    const me = asCustomer(randomUUID());
    await shop.gateway.query(ADD, { v: p.variantId, q: 1 }, me);
    const bought = await shop.gateway.query(CHECKOUT, { input: checkoutInput('12.00') }, me);
    expect(bought.errors).toBeUndefined();
    expect(bought.data.checkout.accessKey).toBeNull();
  });
});
