import { shopError } from '@shop/platform';

/**
 * The customer context's loyalty ledger, as the order context needs it. Both calls are idempotent per order:
 * the customer context records the order id as the ledger entry's reference, so a retried redeem or refund for
 * the same order changes the balance once.
 *
 * Only the interface and a stand-in exist today; the implementation that calls the customer service (an internal
 * `@requiresRole(role: "service")` mutation with a service token) arrives with the checkout saga.
 */
export interface LoyaltyPort {
  /** Spends points for an order. Rejects with CONFLICT when the balance is too small. */
  redeem(customerId: string, points: number, orderId: string): Promise<{ pointsBalance: number }>;
  /** Gives back points spent on an order that was cancelled or failed to be placed. */
  refund(customerId: string, points: number, orderId: string): Promise<{ pointsBalance: number }>;
}

/** Until the customer context exposes redemption to other services, redeeming points is refused plainly. */
export const loyaltyUnavailable: LoyaltyPort = {
  redeem: () => Promise.reject(shopError('CONFLICT', 'Loyalty points cannot be redeemed at checkout yet.')),
  refund: () => Promise.reject(new Error('Loyalty points cannot be refunded: no loyalty service is configured')),
};
