import { randomUUID } from 'node:crypto';
import { until } from '@shop/platform/testing';
import { asAdmin, asCustomer, startShop, type Shop } from './shop-harness';

/**
 * The catalog's integration events reaching inventory and cart through the whole shop (relays, consumers, the
 * gateway), as staff and shoppers see it. Waits poll (no timed assertions); the cart's price cache is on (60 s), so
 * only the event can make a cart see a new price.
 */
let shop: Shop;
beforeAll(async () => {
  shop = await startShop({ cartPriceCacheMs: 60_000 });
});
afterAll(() => shop?.stop());

const ADD_VARIANT = `mutation($p: ID!, $v: Int!, $input: VariantInput!) { addVariant(productId: $p, expectedVersion: $v, input: $input) { id sku } }`;
const UPDATE_VARIANT = `mutation($id: ID!, $v: Int!, $input: UpdateVariantInput!) { updateVariant(id: $id, expectedVersion: $v, input: $input) { id } }`;
const ARCHIVE_VARIANT = `mutation($id: ID!, $v: Int!) { archiveVariant(id: $id, expectedVersion: $v) { id } }`;
const PRODUCT_VERSION = `query($id: ID!) { product(id: $id) { version } }`;
const ITEM = `query($v: ID!) { inventoryItem(variantId: $v) { sku quantityAvailable sellable product { id } } }`;
const RESTOCK = `mutation($input: RestockInput!) { restockInventory(input: $input) { quantityAvailable } }`;
const RESERVE = `mutation($input: ReserveStockInput!) { reserveStock(input: $input) { orderId } }`;
const ADD_TO_CART = `mutation($v: ID!) { addToCart(variantId: $v, quantity: 1) { id } }`;
const CART = `{ cart { lines { variant { id } unitPrice { amount } currentUnitPrice { amount } priceChanged } subtotal { amount } } }`;

async function ok(query: string, variables: Record<string, unknown>, headers: Record<string, string> = asAdmin) {
  const { data, errors } = await shop.gateway.query(query, variables, headers);
  if (errors) throw new Error(JSON.stringify(errors));
  return data;
}

const versionOf = async (productId: string): Promise<number> => (await ok(PRODUCT_VERSION, { id: productId })).product.version;
const itemOf = async (variantId: string) => (await ok(ITEM, { v: variantId })).inventoryItem;

describe('catalog events through the shop', () => {
  it('a variant staff create gets its inventory item by itself, with nothing available until restocked', async () => {
    const { productId, sku } = await shop.product(0);
    const { addVariant } = await ok(ADD_VARIANT, { p: productId, v: await versionOf(productId), input: { sku: `${sku}-XL`, price: '25.00' } });
    const item = await until(() => itemOf(addVariant.id), (i) => i !== null, 'the inventory item');
    expect(item).toEqual({ sku: `${sku}-XL`, quantityAvailable: 0, sellable: true, product: { id: productId } });
  });

  it('an archived variant is no longer sellable: reservations are refused with OUT_OF_STOCK', async () => {
    const { productId, variantId } = await shop.product(5);
    await ok(RESTOCK, { input: { variantId, quantity: 5 } });
    await ok(ARCHIVE_VARIANT, { id: variantId, v: await versionOf(productId) });
    await until(() => itemOf(variantId), (i) => i?.sellable === false, 'the item to stop selling');
    const refused = await shop.gateway.query(RESERVE, { input: { orderId: randomUUID(), lines: [{ variantId, quantity: 1 }] } }, asAdmin);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'OUT_OF_STOCK', reason: 'NOT_SELLABLE' });
  });

  it('a price change shows in a cart holding the variant as priceChanged, with the cart price cache on', async () => {
    const { productId, variantId } = await shop.product(5, '25.00');
    const shopper = asCustomer(randomUUID());
    await ok(ADD_TO_CART, { v: variantId }, shopper);
    const before = await ok(CART, {}, shopper); // the cart's cache now holds 25.00
    expect(before.cart.lines[0]).toMatchObject({ unitPrice: { amount: '25.00' }, currentUnitPrice: { amount: '25.00' }, priceChanged: false });

    await ok(UPDATE_VARIANT, { id: variantId, v: await versionOf(productId), input: { price: '19.99' } });
    const after = await until(() => ok(CART, {}, shopper), (c) => c.cart.lines[0].priceChanged === true, 'the cart to see the new price');
    expect(after.cart.lines[0]).toEqual({ variant: { id: variantId }, unitPrice: { amount: '25.00' }, currentUnitPrice: { amount: '19.99' }, priceChanged: true });
    expect(after.cart.subtotal.amount).toBe('19.99');
  });
});
