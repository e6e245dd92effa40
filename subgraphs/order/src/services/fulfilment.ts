import { randomUUID } from 'node:crypto';
import { assertAdmin, assertCustomer, assertService, badUserInput, Decimal, notFound, parseId, parseInput, type Viewer } from '@shop/platform';
import { z } from 'zod';
import type { OrderContext } from '../context';
import { inTransaction, type OrderTx } from '../db';
import { moveOrderInput, reason as reasonText, refundInput } from '../domain/inputs';
import { parseOrderNumber } from '../domain/order-number';
import { assertCustomerMayCancel, assertTransitionAllowed, type OrderStatus } from '../domain/order-status';
import { operationKey, paymentToRefund, requestHash } from '../domain/payment-operations';
import { planRefund } from '../domain/refund';
import type { Order } from '../generated/prisma/client';
import type { PaymentRecord } from '../ports';
import { releaseCode } from './discount-codes';
import { runMoneyOperation } from './order-payments';
import { applyChange, assertVersion, orderForChange, type OrderChange } from './status-change';

/** The confirmOrder mutation, for services only. */
export function confirmOrder(ctx: OrderContext, orderId: string): Promise<Order> {
  assertService(ctx.viewer);
  return confirmPendingOrder(ctx, parseId(orderId, 'orderId'));
}

/**
 * Payment is authorized and stock committed: pending → confirmed. Confirming a confirmed order is a no-op, so
 * retries are safe. `alongside` joins the transaction either way (the saga settles its claim and records its step).
 */
export async function confirmPendingOrder(ctx: OrderContext, orderId: string, alongside?: (tx: OrderTx) => Promise<unknown>, known?: Order): Promise<Order> {
  return inTransaction(ctx.db, async (tx) => {
    // The order as the caller last saw it: if it moved on since, the versioned write below refuses with CONFLICT.
    const order = known ?? (await orderForChange(tx, orderId));
    const confirmed = order.status === 'confirmed' ? order : await applyChange(tx, order, confirmation(order));
    await alongside?.(tx);
    return confirmed;
  });
}

/** pending → confirmed, by the shop itself once the payment is authorized. */
export const confirmation = (order: Order): OrderChange => ({ to: 'confirmed', expectedVersion: order.version ?? 1n, actor: null, notes: 'Payment authorized' });

/** The cancelOrder mutation, for services only. */
export function cancelOrderAsService(ctx: OrderContext, orderId: string, reason: string): Promise<Order> {
  assertService(ctx.viewer);
  return cancelWithReason(ctx, parseId(orderId, 'orderId'), reason);
}

/** Cancels with a reason (a failed checkout's compensation, a service's request). Cancelling a cancelled order is a no-op. */
export async function cancelWithReason(ctx: OrderContext, orderId: string, reason: string): Promise<Order> {
  const notes = parseInput(z.object({ reason: reasonText }), { reason }).reason;
  const before = await orderForChange(ctx.db, orderId);
  if (before.status === 'cancelled') return before;
  return cancelWithMoney(ctx, orderId, operationKey('cancel', null, 'service'), {}, { actor: null, notes });
}

/** A customer cancels their own order until it ships; asking again answers the cancelled order. Someone else's order is NOT_FOUND, never FORBIDDEN. */
export async function cancelMyOrder(ctx: OrderContext, number: string, reason?: string | null): Promise<Order> {
  const customerId = assertCustomer(ctx.viewer);
  const orderNumber = parseOrderNumber(number);
  const notes = reason ? parseInput(z.object({ reason: reasonText }), { reason }).reason : 'Cancelled by the customer';
  const order = await ctx.db.order.findUnique({ where: { orderNumber } });
  if (!order || order.customerId !== customerId) throw notFound('That order');
  return cancelWithMoney(ctx, order.id, operationKey('cancel', null, 'customer'), {}, { actor: customerId, notes }, (current) =>
    assertCustomerMayCancel(current.status),
  );
}

/**
 * Staff move an order through fulfilment (confirmed → processing → shipped → delivered) or cancel it, naming
 * the version they looked at. Shipping needs the carrier and tracking number and captures the payment first;
 * cancelling voids or refunds it. Both are money operations: a retry of the same move (same version, or the
 * same idempotencyKey) answers the order instead of CONFLICT, and concurrent staff move the money once.
 * Refunds go through refundOrder.
 */
export async function moveOrder(ctx: OrderContext, args: unknown): Promise<Order> {
  assertAdmin(ctx.viewer);
  const input = parseInput(moveOrderInput, args);
  if (input.status === 'refunded') throw badUserInput('Refund an order with refundOrder, which records the amount.', [{ field: 'status', message: 'use refundOrder' }]);
  if (input.status === 'shipped' && (!input.carrier || !input.trackingNumber)) {
    throw badUserInput('Shipping an order needs the carrier and the tracking number.', [
      ...(input.carrier ? [] : [{ field: 'carrier', message: 'is required to ship' }]),
      ...(input.trackingNumber ? [] : [{ field: 'trackingNumber', message: 'is required to ship' }]),
    ]);
  }
  const actor = staffId(ctx.viewer);
  const expectedVersion = BigInt(input.expectedVersion);
  if (input.status === 'shipped') return shipOrder(ctx, input, actor);
  if (input.status === 'cancelled') {
    return cancelWithMoney(
      ctx,
      input.id,
      operationKey('cancel', input.idempotencyKey, `v${input.expectedVersion}`),
      { expectedVersion: input.expectedVersion, notes: input.notes },
      { actor, notes: input.notes ?? 'Cancelled by staff' },
      (current) => assertVersion(current, expectedVersion),
    );
  }
  return inTransaction(ctx.db, async (tx) => {
    const current = await orderForChange(tx, input.id);
    return applyChange(tx, current, { to: input.status as OrderStatus, expectedVersion, actor, notes: input.notes, set: fulfilmentColumns(input) });
  });
}

/** The money is taken before the parcel leaves: the capture is claimed, the payment asked, then the order shipped. A refused capture (an expired authorization) stops the shipment. */
function shipOrder(ctx: OrderContext, input: z.infer<typeof moveOrderInput>, actor: string | null): Promise<Order> {
  const shipment = { carrier: input.carrier, trackingNumber: input.trackingNumber, estimatedDeliveryDate: input.estimatedDeliveryDate ?? null, notes: input.notes };
  const { key, explicit } = operationKey('capture', input.idempotencyKey, `v${input.expectedVersion}`);
  const hash = requestHash('capture', { ...shipment, expectedVersion: input.expectedVersion });
  return withPayments(ctx, input.id, async (payments) =>
    (
      await runMoneyOperation(ctx, input.id, { kind: 'capture', key, explicitKey: explicit, hash }, async (_tx, order) => {
        assertVersion(order, BigInt(input.expectedVersion));
        assertTransitionAllowed(order.status, 'shipped');
        const authorized = payments.find((p) => p.status === 'AUTHORIZED');
        return { amount: authorized ? order.totalAmount.toFixed(2) : null, paymentId: authorized?.id ?? null, request: { actor, ...shipment } };
      })
    ).order,
  );
}

function fulfilmentColumns(input: z.infer<typeof moveOrderInput>) {
  if (input.status === 'delivered') return { actualDeliveryDate: new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z') };
  return {};
}

/**
 * Staff refund part or all of a shipped or delivered order. The money moves first: the refund is claimed
 * under the order's lock (at most one money operation in flight per order: another is CONFLICT, reason
 * PAYMENT_OPERATION_IN_PROGRESS), the payment refunds under a key derived from that claim, and the order
 * records the refund once the payment has answered — so the order's refunded total is always the payment's.
 * A retry with the same idempotencyKey (or the same expectedVersion) answers the order, never refunds twice.
 */
export async function refundOrder(ctx: OrderContext, args: unknown): Promise<Order> {
  assertAdmin(ctx.viewer);
  const input = parseInput(refundInput, args);
  const actor = staffId(ctx.viewer);
  const { key, explicit } = operationKey('refund', input.idempotencyKey, input.expectedVersion ? `v${input.expectedVersion}` : randomUUID());
  const hash = requestHash('refund', { amount: input.amount ?? null, reason: input.reason, expectedVersion: input.expectedVersion ?? null });
  return withPayments(ctx, input.id, async (payments) =>
    (
      await runMoneyOperation(ctx, input.id, { kind: 'refund', key, explicitKey: explicit, hash }, async (_tx, order) => {
        if (input.expectedVersion) assertVersion(order, BigInt(input.expectedVersion));
        const plan = planRefund(
          { status: order.status, totalAmount: order.totalAmount.toFixed(2), refundedAmount: order.refundedAmount.toFixed(2) },
          input.amount ? new Decimal(input.amount) : null,
        );
        const payment = ctx.ports ? paymentToRefund(payments, plan.amount) : null;
        if (ctx.ports && !payment) {
          throw badUserInput('No captured payment of this order can give back that much.', [{ field: 'amount', message: 'exceeds what was captured' }]);
        }
        return { amount: plan.amount, paymentId: payment?.id ?? null, request: { actor, reason: input.reason } };
      })
    ).order,
  );
}

/** The order's payments as the payment context sees them now (none where this service takes no checkouts). */
async function withPayments<T>(ctx: OrderContext, orderId: string, work: (payments: PaymentRecord[]) => Promise<T>): Promise<T> {
  const id = parseId(orderId, 'id');
  return work(ctx.ports ? await ctx.ports.payment.ofOrder(id) : []);
}

interface Cancellation {
  actor: string | null;
  notes: string;
}

/**
 * Cancels an order and gives its money back, as one money operation: the cancellation and its pending
 * operation commit together under the order's lock (refused while another money operation is in flight),
 * then the authorization is voided or the capture refunded and committed stock returned. The cancellation
 * stands whatever the payment answers; what is not settled yet is finished by a retry or recovery.
 */
async function cancelWithMoney(
  ctx: OrderContext,
  orderId: string,
  { key, explicit }: { key: string; explicit: boolean },
  fingerprint: Record<string, unknown>,
  cancellation: Cancellation,
  rules: (order: Order) => void = () => undefined,
): Promise<Order> {
  const hash = requestHash('cancel', fingerprint);
  const { order, created } = await runMoneyOperation(ctx, orderId, { kind: 'cancel', key, explicitKey: explicit, hash }, async (tx, current) => {
    rules(current);
    const previous = current.status;
    await cancel(tx, current, { ...cancellation, expectedVersion: current.version ?? 1n });
    return { request: { actor: cancellation.actor, notes: cancellation.notes, returnStock: previous === 'confirmed' || previous === 'processing' } };
  });
  if (created) await givePointsBack(ctx, order);
  return order;
}

/** Cancelling gives the discount code's use back; the event tells payment (was it confirmed?) and customer (points). */
async function cancel(tx: OrderTx, order: Order, { actor, notes, expectedVersion }: Cancellation & { expectedVersion: bigint }): Promise<Order> {
  const cancelled = await applyChange(tx, order, {
    to: 'cancelled',
    expectedVersion,
    actor,
    notes,
    event: { loyaltyPointsRedeemed: order.loyaltyPointsRedeemed, wasConfirmed: order.status !== 'pending' },
  });
  const coupons = await tx.orderDiscount.findMany({ where: { orderId: order.id, discountType: 'coupon', discountCode: { not: null } } });
  for (const coupon of coupons) await releaseCode(tx, coupon.discountCode!);
  return cancelled;
}

/** After a cancellation: give back the loyalty points the order spent. A failure is logged; OrderCancelled carries what a retry needs. */
async function givePointsBack(ctx: OrderContext, order: Order): Promise<void> {
  if (order.customerId && order.loyaltyPointsRedeemed > 0) {
    await ctx.loyalty.refund(order.customerId, order.loyaltyPointsRedeemed, order.id).catch((err: unknown) => {
      ctx.log.error({ err, orderId: order.id }, 'could not give back the loyalty points of a cancelled order');
    });
  }
}

const staffId = (viewer: Viewer) => viewer.customerId;
