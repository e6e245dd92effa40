import { createHash } from 'node:crypto';
import { conflict, Decimal, uuid } from '@shop/platform';
import { z } from 'zod';
import { amount, email, orderAddress } from './inputs';

/** The steps of a checkout, in order; the saga row's current_step names the next one. */
export const CHECKOUT_STEPS = ['order_placed', 'stock_reserved', 'payment_authorized', 'order_confirmed', 'payment_captured', 'cart_cleared'] as const;
export type CheckoutStep = (typeof CHECKOUT_STEPS)[number];

const card = z.object({
  number: z.string().max(40, 'must be at most 40 characters'),
  expMonth: z.number().int(),
  expYear: z.number().int(),
  cvc: z.string().max(4, 'must be at most 4 digits'),
  holderName: z.string().max(200, 'must be at most 200 characters').nullish(),
});

export const checkoutInput = z
  .object({
    idempotencyKey: z.string().regex(/^[A-Za-z0-9._:-]{8,100}$/, 'must be 8 to 100 letters, digits or . _ : -'),
    /** The subtotal the shopper was shown: the checkout stops if prices moved since. */
    expectedSubtotal: amount,
    email: email.nullish(),
    shippingAddress: orderAddress,
    billingAddress: orderAddress.nullish(),
    shippingMethod: z.string().trim().max(50, 'must be at most 50 characters').nullish(),
    paymentMethodId: uuid.transform((v) => v.toLowerCase()).nullish(),
    card: card.nullish(),
    discountCode: z.string().max(50, 'must be at most 50 characters').nullish(),
    loyaltyPoints: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1_000_000, 'must be at most 1000000').nullish(),
  })
  .superRefine((input, issues) => {
    if (!input.paymentMethodId === !input.card) {
      issues.addIssue({ code: 'custom', path: ['card'], message: 'give exactly one of paymentMethodId and card' });
    }
  });
export type CheckoutInput = z.infer<typeof checkoutInput>;

/**
 * What makes two checkout requests "the same" for an idempotency key. The card number and CVC are never
 * stored, not even hashed (a hash of a card number is guessable): the card counts by last four and expiry.
 */
export function requestFingerprint(input: CheckoutInput, owner: string): string {
  const { card: c, idempotencyKey: _key, ...rest } = input;
  const cardShape = c ? { last4: c.number.replace(/\D/g, '').slice(-4), expMonth: c.expMonth, expYear: c.expYear } : null;
  return createHash('sha256').update(JSON.stringify({ owner, ...rest, card: cardShape })).digest('hex');
}

/** The shopper agreed to a subtotal; if the catalog moved prices since, they must see the new one first. */
export function assertPricesUnchanged(expectedSubtotal: string, currentSubtotal: string): void {
  if (new Decimal(expectedSubtotal).equals(new Decimal(currentSubtotal))) return;
  throw conflict(`Prices changed since you looked: the cart now comes to ${new Decimal(currentSubtotal).toFixed(2)}. Review it and check out again.`, {
    reason: 'PRICE_CHANGED',
    currentSubtotal: new Decimal(currentSubtotal).toFixed(2),
  });
}
