import { z } from 'zod';

/**
 * The customer context's own copy of the order events it consumes (published by the order context, schema
 * version 1): only the fields loyalty relies on. Extra fields are allowed (the publisher may add some); a missing
 * or malformed one sends the event to customer's dead letters at once.
 */
const id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID');
const money = z.string().regex(/^\d{1,8}(\.\d{1,2})?$/, 'must be a decimal amount like 12.50');

const orderEvent = z.object({
  orderId: id,
  orderNumber: z.string().min(1).max(50),
  /** null: a guest order (earns nothing) */
  customerId: id.nullable(),
});

/** The order's money after the change: what it was paid (total, after discounts) and what was refunded of it. */
const orderMoney = orderEvent.extend({
  currency: z.string().length(3),
  total: money,
  refundedTotal: money,
});

export const orderDeliveredV1 = orderMoney;
export type OrderDeliveredV1 = z.infer<typeof orderDeliveredV1>;

export const orderRefundedV1 = orderMoney.extend({
  amount: money,
  full: z.boolean(),
});
export type OrderRefundedV1 = z.infer<typeof orderRefundedV1>;

export const orderCancelledV1 = orderEvent.extend({
  /** Points the order spent at checkout: they come back. */
  loyaltyPointsRedeemed: z.number().int().min(0).max(1_000_000).optional(),
});
export type OrderCancelledV1 = z.infer<typeof orderCancelledV1>;
