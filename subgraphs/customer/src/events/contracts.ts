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

/**
 * Order status events recorded before they carried the order's money (schema 1 as first written: OrderDelivered
 * without currency, total or refundedTotal, OrderRefunded without total) wait in the order's outbox and are
 * published when its relay first runs; the schema version was not bumped, so only the payload tells them apart.
 * What each can still do is decided per event below.
 */
const recordedWithoutTotal = (data: unknown) => typeof data === 'object' && data !== null && !('total' in data);

/**
 * An OrderDelivered without its total cannot earn the right points (nothing in it says what was paid), and
 * guessing would be worse than waiting: it goes to the dead letters at once with a message saying what to do.
 */
export const orderDeliveredV1 = z.preprocess((data, ctx) => {
  if (!recordedWithoutTotal(data)) return data;
  ctx.addIssue({
    code: 'custom',
    path: ['total'],
    message: 'absent: delivered before order events carried the total, so its points cannot be worked out; credit them with adjustLoyaltyPoints, then discard this letter',
  });
  return z.NEVER;
}, orderMoney);
export type OrderDeliveredV1 = z.infer<typeof orderDeliveredV1>;

/**
 * A full refund needs no total (nothing is paid for the order any more, so it counts for nothing); a partial one
 * without it cannot say what the order still counts for and goes to the dead letters.
 */
export const orderRefundedV1 = orderEvent
  .extend({
    currency: z.string().length(3),
    total: money.optional(),
    refundedTotal: money,
    amount: money,
    full: z.boolean(),
  })
  .refine((data) => data.total !== undefined || data.full, {
    path: ['total'],
    message: 'absent from a partial refund recorded before order events carried the total: what the order still counts for cannot be worked out',
  });
export type OrderRefundedV1 = z.infer<typeof orderRefundedV1>;

/** A cancelled order counts for nothing, whatever it cost: no money needed, so old and new ones apply alike. */
export const orderCancelledV1 = orderEvent.extend({
  /** Points the order spent at checkout: they come back. */
  loyaltyPointsRedeemed: z.number().int().min(0).max(1_000_000).optional(),
});
export type OrderCancelledV1 = z.infer<typeof orderCancelledV1>;
