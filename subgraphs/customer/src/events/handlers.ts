import { on, type EventHandler, type Logger } from '@shop/platform';
import type { CustomerDb, CustomerTx } from '../db';
import type { TierThresholds } from '../domain/loyalty';
import { earnForOrder, returnRedeemedForOrder, revokeForOrder, type OrderLoyaltySettings } from '../services/order-loyalty';
import { orderCancelledV1, orderDeliveredV1, orderRefundedV1 } from './contracts';

/** What this context's reactions to other contexts' events need; index.ts builds it at start-up. */
export interface CustomerEventDeps {
  db: CustomerDb;
  log: Logger;
  /** Loyalty tiers (LOYALTY_PREMIUM_POINTS, LOYALTY_VIP_POINTS); default premium 1,000, vip 5,000. */
  tiers?: TierThresholds;
  /** Points per whole currency unit paid for a delivered order (LOYALTY_POINTS_PER_UNIT); default 1. */
  loyaltyPointsPerUnit?: number;
}

export const DEFAULT_POINTS_PER_UNIT = 1;
const DEFAULT_TIERS: TierThresholds = { premium: 1_000, vip: 5_000 };

/**
 * What the customer context reacts to: the order's lifecycle moves loyalty points.
 *
 * An order earns on DELIVERY, not on confirmation: until the goods arrive the order may still be cancelled (a
 * customer may cancel until it ships), so points earned at confirmation would have to be taken back often, and
 * could be redeemed on another order in between. Delivered orders can only be refunded, which takes back what the
 * refund no longer pays for. Guest orders (no customer) earn nothing.
 */
export function eventHandlers(deps: CustomerEventDeps): EventHandler<CustomerTx>[] {
  const settings: OrderLoyaltySettings = {
    tiers: deps.tiers ?? DEFAULT_TIERS,
    pointsPerUnit: deps.loyaltyPointsPerUnit ?? DEFAULT_POINTS_PER_UNIT,
    log: deps.log,
  };
  return [
    on('order', 'OrderDelivered', orderDeliveredV1, async ({ data }, tx: CustomerTx) => {
      if (data.customerId) await earnForOrder(tx, settings, { ...data, customerId: data.customerId });
    }),
    on('order', 'OrderRefunded', orderRefundedV1, async ({ data }, tx: CustomerTx) => {
      // Only a full refund comes without its total (recorded before events carried it): nothing is paid any more.
      const total = data.total ?? data.refundedTotal;
      if (data.customerId) await revokeForOrder(tx, settings, { ...data, total, customerId: data.customerId }, 'refunded');
    }),
    on('order', 'OrderCancelled', orderCancelledV1, async ({ data }, tx: CustomerTx) => {
      if (!data.customerId) return;
      const order = { ...data, customerId: data.customerId, total: '0', refundedTotal: '0' };
      await revokeForOrder(tx, settings, order, 'cancelled');
      await returnRedeemedForOrder(tx, settings, order, data.loyaltyPointsRedeemed ?? 0);
    }),
  ];
}
