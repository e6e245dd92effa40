import { forbidden, notFound, parseId } from '@shop/platform';
import type { CartContext } from '../context';
import { addLine, assertLineQuantity, assertSellable, changeLineQuantity, clearLines, removeLine } from '../domain/cart';
import { readerOf, writerOf, type Shopper } from './caller';
import { changeCustomerCart, readCustomerCart } from './customer-carts';
import { changeGuestCart, readGuestCart, type LineChange } from './guest-carts';
import type { OwnedCart } from './views';

/** The caller's cart, read once per request: Query.cart and every ProductVariant.cartQuantity share it. */
export function callerCart(ctx: CartContext): Promise<OwnedCart | null> {
  ctx.callerCart ??= cartOf(ctx, readerOf(ctx));
  return ctx.callerCart;
}

async function cartOf(ctx: CartContext, shopper: Shopper | null): Promise<OwnedCart | null> {
  if (shopper?.kind === 'customer') {
    const cart = await readCustomerCart(ctx, shopper.customerId);
    return cart && { cart, sessionToken: null };
  }
  if (!shopper?.sessionId) return null;
  const cart = await readGuestCart(ctx, shopper.sessionId);
  return cart && { cart, sessionToken: shopper.sessionId };
}

/** How many of a variant the caller's cart holds. The product page still renders when carts cannot be read. */
export async function cartQuantity(ctx: CartContext, variantId: string): Promise<number> {
  try {
    return (await callerCart(ctx))?.cart.items.find((l) => l.variantId === variantId)?.quantity ?? 0;
  } catch (error) {
    ctx.log.warn({ err: error }, 'could not read the cart: cartQuantity answers 0');
    return 0;
  }
}

/** Customer.cart: the customer's own cart only. */
export async function cartOfCustomer(ctx: CartContext, customerId: string): Promise<OwnedCart | null> {
  if (ctx.viewer.customerId !== customerId) throw forbidden('A cart is visible to its owner only.');
  return callerCart(ctx);
}

/** Cart entity references resolve only to the caller's own cart. */
export async function cartById(ctx: CartContext, cartId: string): Promise<OwnedCart | null> {
  const owned = await callerCart(ctx);
  return owned?.cart.cartId === cartId ? owned : null;
}

export async function addToCart(ctx: CartContext, rawVariantId: string, quantity: number): Promise<OwnedCart> {
  const shopper = writerOf(ctx);
  const variantId = parseId(rawVariantId, 'variantId');
  assertLineQuantity(quantity, ctx.settings.limits);
  const { variants, available } = await lookUp(ctx, shopper, variantId);
  const variant = assertSellable(variantId, variants.get(variantId));
  const change: LineChange = (items) => addLine(items, { variant, quantity, available: available.get(variantId) ?? 0, now: ctx.now() }, ctx.settings.limits);
  return (await applyChange(ctx, shopper, { create: true }, change))!;
}

export async function changeCartLineQuantity(ctx: CartContext, rawVariantId: string, quantity: number): Promise<OwnedCart> {
  const shopper = writerOf(ctx);
  const variantId = parseId(rawVariantId, 'variantId');
  assertLineQuantity(quantity, ctx.settings.limits);
  const { variants, available } = await lookUp(ctx, shopper, variantId);
  assertSellable(variantId, variants.get(variantId));
  const change: LineChange = (items) => changeLineQuantity(items, variantId, quantity, available.get(variantId) ?? 0, ctx.now(), ctx.settings.limits);
  return mustExist(await applyChange(ctx, shopper, { create: false }, change));
}

export async function removeFromCart(ctx: CartContext, rawVariantId: string): Promise<OwnedCart> {
  const shopper = writerOf(ctx);
  const variantId = parseId(rawVariantId, 'variantId');
  return mustExist(await applyChange(ctx, shopper, { create: false }, (items) => removeLine(items, variantId)));
}

export async function clearCart(ctx: CartContext): Promise<OwnedCart | null> {
  return applyChange(ctx, writerOf(ctx), { create: false }, clearLines);
}

/** One change, to a customer's cart (PostgreSQL, then Redis) or a guest's (Redis). */
export async function applyChange(ctx: CartContext, shopper: Shopper, options: { create: boolean }, change: LineChange): Promise<OwnedCart | null> {
  if (shopper.kind === 'guest') return changeGuestCart(ctx, shopper.sessionId, options, change);
  const cart = await changeCustomerCart(ctx, shopper.customerId, options, change);
  return cart && { cart, sessionToken: null };
}

/**
 * The variant being changed and every line already in the cart go to the catalog in one call (the response shows
 * them all at current prices), and the variant's stock to inventory in one call, both at once.
 */
async function lookUp(ctx: CartContext, shopper: Shopper, variantId: string) {
  const current = await cartOf(ctx, shopper).catch(() => null);
  const ids = [variantId, ...(current?.cart.items.map((l) => l.variantId) ?? [])];
  const [variants, available] = await Promise.all([ctx.loaders.variantMap(ids), ctx.loaders.availableMap([variantId])]);
  return { variants, available };
}

function mustExist(owned: OwnedCart | null): OwnedCart {
  if (!owned) throw notFound('Your cart');
  return owned;
}
