import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ADDRESS, asAdmin, asCustomer, CARD, startShop, type Shop } from './shop-harness';

/**
 * The purchase path end to end, through the real gateway over HTTP: every subgraph real, each on its own
 * PostgreSQL database, carts in the machine's Redis. Nothing here is a stand-in.
 */
let shop: Shop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.stop());

const sharedQuery = (file: string) => {
  const shared = path.resolve(__dirname, '..', '..', '..', 'shared', 'queries', file);
  return readFileSync(existsSync(shared) ? shared : path.resolve(__dirname, '..', '..', 'queries', file), 'utf8');
};
const PRODUCT_PAGE = sharedQuery('product-page.graphql');
const ADD = `mutation($v: ID!, $q: Int!) { addToCart(variantId: $v, quantity: $q) { sessionToken itemCount subtotal { amount } } }`;
const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { id number status total { amount } items { sku quantity variant { id } } } }`;
const codeOf = (r: { errors?: any[] }) => r.errors?.[0]?.extensions?.code ?? (r.errors ? 'ERROR' : 'ok');
const checkoutInput = (expectedSubtotal: string, overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: `e2e-${randomUUID()}`, expectedSubtotal, shippingAddress: ADDRESS, card: CARD, ...overrides,
});
const available = async (variantId: string) => (await shop.inventoryDb.inventoryItem.findUniqueOrThrow({ where: { productVariantId: variantId } })).quantityAvailable;

describe('buying through the gateway', () => {
  it('takes a guest from the product page to a confirmed order, and empties their cart', async () => {
    const p = await shop.product(10, '19.90');
    const added = await shop.gateway.query(ADD, { v: p.variantId, q: 2 });
    expect(added.errors).toBeUndefined();
    const guest = { 'x-cart-session': added.data.addToCart.sessionToken };
    const page = await shop.gateway.query(PRODUCT_PAGE, { slug: p.slug }, guest);
    expect(page.errors).toBeUndefined();
    expect(page.data.product.variants[0]).toMatchObject({ cartQuantity: 2, availability: { inStock: true, quantityAvailable: 10 } });
    expect(page.data.cart).toMatchObject({ itemCount: 2, subtotal: { amount: '39.80' } });

    const bought = await shop.gateway.query(CHECKOUT, { input: checkoutInput('39.80', { email: 'guest@example.com' }) }, guest);
    expect(bought.errors).toBeUndefined();
    expect(bought.data.checkout).toMatchObject({ status: 'CONFIRMED', items: [{ sku: p.sku, quantity: 2, variant: { id: p.variantId } }] });
    const after = await shop.gateway.query(PRODUCT_PAGE, { slug: p.slug }, guest);
    expect(after.data.product.variants[0]).toMatchObject({ cartQuantity: 0, availability: { quantityAvailable: 8 } });
    expect(after.data.cart?.itemCount ?? 0).toBe(0);
  });

  it('lets a signed-in customer buy and then see the order in their account, with its items as catalog variants', async () => {
    const p = await shop.product(5, '30.00');
    const me = asCustomer(randomUUID());
    await shop.gateway.query(ADD, { v: p.variantId, q: 1 }, me);
    const bought = await shop.gateway.query(CHECKOUT, { input: checkoutInput('30.00') }, me);
    expect(bought.errors).toBeUndefined();
    const account = await shop.gateway.query(`{ me { email orders(first: 5) { edges { node { number status items { variant { sku price { amount } } } } } } } }`, {}, me);
    expect(account.errors).toBeUndefined();
    expect(account.data.me.orders.edges).toEqual([
      { node: { number: bought.data.checkout.number, status: 'CONFIRMED', items: [{ variant: { sku: p.sku, price: { amount: '30.00' } } }] } },
    ]);
  });

  it('on a declined card leaves no order confirmed, no stock held and the cart as it was', async () => {
    const p = await shop.product(5);
    const me = asCustomer(randomUUID());
    await shop.gateway.query(ADD, { v: p.variantId, q: 3 }, me);
    const declined = await shop.gateway.query(CHECKOUT, { input: checkoutInput('75.00', { card: { ...CARD, number: '4000000000000002' } }) }, me);
    expect(codeOf(declined)).toBe('PAYMENT_DECLINED');
    expect(await available(p.variantId)).toBe(5);
    const cart = await shop.gateway.query(`{ cart { itemCount } }`, {}, me);
    expect(cart.data.cart.itemCount).toBe(3);
    const orders = await shop.gateway.query(`{ myOrders(first: 5) { edges { node { status } } } }`, {}, me);
    expect(orders.data.myOrders.edges.map((e: any) => e.node.status)).toEqual(['CANCELLED']);
  });

  it('stops when staff changed the price after the shopper looked, and says the new subtotal', async () => {
    const p = await shop.product(5, '10.00');
    const me = asCustomer(randomUUID());
    await shop.gateway.query(ADD, { v: p.variantId, q: 2 }, me);
    const variant = await shop.catalogDb.productVariant.findUniqueOrThrow({ where: { id: p.variantId } });
    const product = await shop.catalogDb.product.findUniqueOrThrow({ where: { id: variant.productId } });
    const repriced = await shop.gateway.query(
      `mutation($id: ID!, $v: Int!) { updateVariant(id: $id, expectedVersion: $v, input: { price: "12.00" }) { id } }`,
      { id: p.variantId, v: Number(product.version) },
      asAdmin,
    );
    expect(repriced.errors).toBeUndefined();
    const r = await shop.gateway.query(CHECKOUT, { input: checkoutInput('20.00') }, me);
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'PRICE_CHANGED', currentSubtotal: '24.00' });
    expect(await available(p.variantId)).toBe(5);
  });

  it("refuses another customer's cart: a customer always buys their own", async () => {
    const p = await shop.product(5);
    const owner = asCustomer(randomUUID());
    await shop.gateway.query(ADD, { v: p.variantId, q: 1 }, owner);
    const stranger = await shop.gateway.query(CHECKOUT, { input: checkoutInput('25.00') }, asCustomer(randomUUID()));
    expect(codeOf(stranger)).toBe('BAD_USER_INPUT');
    expect((await shop.gateway.query(`{ cart { itemCount } }`, {}, owner)).data.cart.itemCount).toBe(1);
  });
});
