import { createServiceClient, shopError, type ServiceClient, type ServiceCredentials } from '@shop/platform';

/**
 * The customer context's loyalty ledger, as the order context needs it. Both calls are idempotent per order:
 * the customer context records the order id as the ledger entry's reference, so a retried redeem or refund for
 * the same order changes the balance once.
 *
 * `httpLoyalty` calls the customer service's internal redeem/return mutations with a service token.
 */
export interface LoyaltyPort {
  /** Spends points for an order. Rejects with CONFLICT when the balance is too small. */
  redeem(customerId: string, points: number, orderId: string): Promise<{ pointsBalance: number }>;
  /** Gives back points spent on an order that was cancelled or failed to be placed. */
  refund(customerId: string, points: number, orderId: string): Promise<{ pointsBalance: number }>;
}

/** Where no customer service is configured, redeeming points is refused plainly. */
export const loyaltyUnavailable: LoyaltyPort = {
  redeem: () => Promise.reject(shopError('CONFLICT', 'Loyalty points cannot be redeemed at checkout yet.')),
  refund: () => Promise.reject(new Error('Loyalty points cannot be refunded: no loyalty service is configured')),
};

/**
 * The customer context's internal loyalty operations over HTTP (one short ledger transaction each: the platform's
 * default time limit), through the platform's service client with this service's token — given credentials, a
 * client is made for them; given a client, it is shared.
 */
export function httpLoyalty(url: string | (() => string), service: ServiceCredentials | ServiceClient): LoyaltyPort {
  const call = ('token' in service ? createServiceClient({ credentials: service }) : service).endpoint(url);
  const change = (mutation: 'redeemLoyaltyPoints' | 'returnLoyaltyPoints') => async (customerId: string, points: number, orderId: string) => {
    const data = await call<Record<string, { pointsBalance: number }>>(
      `mutation($c: ID!, $p: Int!, $o: ID!) { ${mutation}(customerId: $c, points: $p, orderId: $o) { pointsBalance } }`,
      { c: customerId, p: points, o: orderId },
    );
    return data[mutation];
  };
  return { redeem: change('redeemLoyaltyPoints'), refund: change('returnLoyaltyPoints') };
}
