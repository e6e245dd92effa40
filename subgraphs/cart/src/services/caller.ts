import { badUserInput, forbidden, isService } from '@shop/platform';
import type { CartContext } from '../context';

/** Whose cart a request is about: the signed-in customer's, else the guest's named by x-cart-session (if any). */
export type Shopper = { kind: 'customer'; customerId: string } | { kind: 'guest'; sessionId: string | null };

/**
 * For reads: a service token has no cart, and a malformed session header reads as no cart (the product page
 * must render); null when the caller has none.
 */
export function readerOf(ctx: CartContext): Shopper | null {
  if (ctx.viewer.customerId) return { kind: 'customer', customerId: ctx.viewer.customerId };
  if (isService(ctx.viewer)) return null;
  return { kind: 'guest', sessionId: ctx.session.kind === 'valid' ? ctx.session.id : null };
}

/** For changes: a service token is refused, and so is a session header this API cannot have issued. */
export function writerOf(ctx: CartContext): Shopper {
  if (ctx.viewer.customerId) return { kind: 'customer', customerId: ctx.viewer.customerId };
  if (isService(ctx.viewer)) throw forbidden('Carts belong to shoppers; services use cartForCheckout.');
  return { kind: 'guest', sessionId: guestSessionOf(ctx) };
}

export function guestSessionOf(ctx: CartContext): string | null {
  if (ctx.session.kind === 'malformed') {
    throw badUserInput('The x-cart-session header is not a cart session this shop issued.', [{ field: 'x-cart-session', message: 'not a cart session id' }]);
  }
  return ctx.session.kind === 'valid' ? ctx.session.id : null;
}
