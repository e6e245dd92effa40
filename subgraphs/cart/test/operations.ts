import type { CartHarness, GraphQLResult } from './harness';

export const CART_FIELDS = `id sessionToken itemCount subtotal { amount currency } updatedAt
  lines { variant { id sku } quantity unitPrice { amount currency } currentUnitPrice { amount } priceChanged lineTotal { amount } addedAt }`;

export const ADD = `mutation ($variantId: ID!, $quantity: Int!) { addToCart(variantId: $variantId, quantity: $quantity) { ${CART_FIELDS} } }`;
export const CHANGE = `mutation ($variantId: ID!, $quantity: Int!) { changeCartLineQuantity(variantId: $variantId, quantity: $quantity) { ${CART_FIELDS} } }`;
export const REMOVE = `mutation ($variantId: ID!) { removeFromCart(variantId: $variantId) { ${CART_FIELDS} } }`;
export const CLEAR = `mutation { clearCart { ${CART_FIELDS} } }`;
export const MERGE = `mutation { mergeGuestCart { ${CART_FIELDS} } }`;
export const CART = `{ cart { ${CART_FIELDS} } }`;

/** Adds through the gateway and fails the test on any error. */
export async function add(h: CartHarness, variantId: string, quantity: number, headers: Record<string, string> = {}) {
  const result = await h.query(ADD, { variantId, quantity }, headers);
  if (result.errors) throw new Error(`addToCart failed: ${JSON.stringify(result.errors)}`);
  return result.data.addToCart;
}

export async function cartOf(h: CartHarness, headers: Record<string, string> = {}) {
  const result: GraphQLResult = await h.query(CART, {}, headers);
  if (result.errors) throw new Error(`cart failed: ${JSON.stringify(result.errors)}`);
  return result.data.cart;
}

/** Quantity per variant id, for comparing carts. */
export const quantities = (cart: { lines: { variant: { id: string }; quantity: number }[] } | null) =>
  Object.fromEntries((cart?.lines ?? []).map((l) => [l.variant.id, l.quantity]));
