import type { ServiceEndpoint } from '@shop/platform';

/** The inventory context's stock reservations for an order. Every call is idempotent per order. */
export interface StockPort {
  /** All lines or none; OUT_OF_STOCK (with the short lines) otherwise. Idempotent per order. */
  reserve(orderId: string, lines: { variantId: string; quantity: number }[], ttlSeconds: number): Promise<void>;
  /** Moves the order's reservations to committed; answers each reservation's status afterwards. */
  commit(orderId: string): Promise<{ status: string }[]>;
  release(orderId: string): Promise<void>;
  /** The order shipped: its committed stock leaves the books. */
  fulfil(orderId: string): Promise<void>;
  /** A confirmed order was cancelled before shipping: its committed stock goes back on sale. */
  returnStock(orderId: string): Promise<void>;
}

/** The inventory service's internal operations over HTTP. */
export function httpStock(call: ServiceEndpoint): StockPort {
  return {
    async reserve(orderId, lines, ttlSeconds) {
      await call(`mutation($input: ReserveStockInput!) { reserveStock(input: $input) { orderId } }`, { input: { orderId, lines, ttlSeconds } });
    },
    async commit(orderId) {
      return (await call<{ commitReservations: { status: string }[] }>(`mutation($id: ID!) { commitReservations(orderId: $id) { status } }`, { id: orderId }))
        .commitReservations;
    },
    async release(orderId) {
      await call(`mutation($id: ID!) { releaseReservations(orderId: $id) { id } }`, { id: orderId });
    },
    async fulfil(orderId) {
      await call(`mutation($id: ID!) { fulfilReservations(orderId: $id) { id } }`, { id: orderId });
    },
    async returnStock(orderId) {
      await call(`mutation($id: ID!) { returnReservations(orderId: $id) { id } }`, { id: orderId });
    },
  };
}
