import { assertService, badUserInput, money, parseInput, uuid } from '@shop/platform';
import { z } from 'zod';
import type { CartContext } from '../context';
import { clearLines } from '../domain/cart';
import { isSessionId } from '../domain/session';
import { changeCustomerCart, loadCustomerCart } from './customer-carts';
import { changeGuestCart, readGuestCart } from './guest-carts';
import { pricedCart } from './views';

const ownerInput = z
  .object({
    customerId: uuid.nullish(),
    sessionId: z.string().max(100).refine(isSessionId, 'must be a cart session id').nullish(),
  })
  .refine((o) => (o.customerId == null) !== (o.sessionId == null), 'give exactly one of customerId and sessionId');

type Owner = { customerId: string } | { sessionId: string };

function parseOwner(raw: unknown): Owner {
  const owner = parseInput(ownerInput, raw);
  if (owner.customerId) return { customerId: owner.customerId.toLowerCase() };
  if (owner.sessionId) return { sessionId: owner.sessionId };
  throw badUserInput('Give exactly one of customerId and sessionId.');
}

/**
 * The checkout saga's view of a cart: the durable copy for a customer (PostgreSQL, not the fast copy), at
 * current catalog prices, only lines that can be bought now. Null when there is no cart or nothing to buy.
 */
export async function cartForCheckout(ctx: CartContext, rawOwner: unknown) {
  assertService(ctx.viewer);
  const owner = parseOwner(rawOwner);
  const cart = 'customerId' in owner ? (await loadCustomerCart(ctx.db, owner.customerId))?.cart : await readGuestCart(ctx, owner.sessionId);
  if (!cart) return null;
  const priced = await pricedCart(ctx, cart, { fresh: true });
  if (priced.lines.length === 0) return null;
  return {
    cartId: cart.cartId,
    version: cart.version,
    currency: priced.currency,
    subtotal: money(priced.subtotal, priced.currency),
    lines: priced.lines.map((l) => ({
      variantId: l.variant.id,
      productId: l.variant.productId,
      sku: l.variant.sku,
      productName: l.variant.productName,
      variantName: l.variant.variantName,
      quantity: l.line.quantity,
      unitPrice: money(l.currentUnitPrice, l.variant.currency),
      addedUnitPrice: money(l.unitPrice, l.variant.currency),
    })),
  };
}

/** After an order is confirmed: the owner's cart is emptied. Idempotent: true also when it is empty or gone. */
export async function clearCheckedOutCart(ctx: CartContext, rawOwner: unknown): Promise<boolean> {
  assertService(ctx.viewer);
  const owner = parseOwner(rawOwner);
  if ('customerId' in owner) await changeCustomerCart(ctx, owner.customerId, { create: false }, clearLines);
  else await changeGuestCart(ctx, owner.sessionId, { create: false }, clearLines);
  return true;
}
