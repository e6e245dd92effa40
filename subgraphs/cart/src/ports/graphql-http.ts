import { createServiceClient, type ServiceClient } from '@shop/platform';

/**
 * The cart's one client for the catalog and inventory (the platform's service client: keep-alive, x-request-id,
 * time limits, the callee's refusals passed on). No service token: the cart reads public entity fields only.
 */
export type SubgraphClient = ServiceClient;

export function createSubgraphClient(): SubgraphClient {
  return createServiceClient();
}

/**
 * A shown cart waits on these reads, and they answer in milliseconds: past 15 s (generous for a machine under a checkout rush) the catalog or inventory is stuck,
 * and the shopper is better served by an error well inside the gateway's 30 s budget than by a spinner.
 */
export const CART_READ_TIMEOUT_MS = 15_000;
