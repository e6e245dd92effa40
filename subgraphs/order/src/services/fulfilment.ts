import { assertAdmin, assertCustomer, assertService, badUserInput, Decimal, notFound, parseId, parseInput, type Viewer } from '@shop/platform';
import { z } from 'zod';
import type { OrderContext } from '../context';
import { captureForShipment, fulfilStock, refundPayments, settleCancelledOrder } from './order-payments';
import { inTransaction, type OrderTx } from '../db';
import { moveOrderInput, reason as reasonText, refundInput } from '../domain/inputs';
import { parseOrderNumber } from '../domain/order-number';
import { assertCustomerMayCancel, type OrderStatus } from '../domain/order-status';
import { planRefund } from '../domain/refund';
import type { Order } from '../generated/prisma/client';
import { releaseCode } from './discount-codes';
import { applyChange, orderForChange } from './status-change';

/** The checkout saga, once payment is authorized: pending → confirmed. Confirming a confirmed order is a no-op, so retries are safe. */
export async function confirmOrder(ctx: OrderContext, orderId: string): Promise<Order> {
  assertService(ctx.viewer);
  const id = parseId(orderId, 'orderId');
  return inTransaction(ctx.db, async (tx) => {
    const order = await orderForChange(tx, id);
    if (order.status === 'confirmed') return order;
    return applyChange(tx, order, { to: 'confirmed', expectedVersion: order.version ?? 1n, actor: null, notes: 'Payment authorized' });
  });
}

/** The checkout saga's compensation (payment declined, stock gone): cancels with a reason. Cancelling a cancelled order is a no-op. */
export async function cancelOrderAsService(ctx: OrderContext, orderId: string, reason: string): Promise<Order> {
  assertService(ctx.viewer);
  const id = parseId(orderId, 'orderId');
  const notes = parseInput(z.object({ reason: reasonText }), { reason }).reason;
  let previous: string | null = null;
  const order = await inTransaction(ctx.db, async (tx) => {
    const current = await orderForChange(tx, id);
    if (current.status === 'cancelled') return null;
    previous = current.status;
    return cancel(tx, current, { actor: null, notes, expectedVersion: current.version ?? 1n });
  });
  return order ? afterCancel(ctx, order, previous) : orderForChange(ctx.db, id);
}

/** A customer cancels their own order until it ships. Someone else's order is NOT_FOUND, never FORBIDDEN. */
export async function cancelMyOrder(ctx: OrderContext, number: string, reason?: string | null): Promise<Order> {
  const customerId = assertCustomer(ctx.viewer);
  const orderNumber = parseOrderNumber(number);
  const notes = reason ? parseInput(z.object({ reason: reasonText }), { reason }).reason : 'Cancelled by the customer';
  let previous: string | null = null;
  const order = await inTransaction(ctx.db, async (tx) => {
    const current = await tx.order.findUnique({ where: { orderNumber } });
    if (!current || current.customerId !== customerId) throw notFound('That order');
    assertCustomerMayCancel(current.status);
    previous = current.status;
    return cancel(tx, current, { actor: customerId, notes, expectedVersion: current.version ?? 1n });
  });
  return afterCancel(ctx, order, previous);
}

/**
 * Staff move an order through fulfilment (confirmed → processing → shipped → delivered) or cancel it, naming
 * the version they looked at. Shipping needs the carrier and tracking number. Refunds go through refundOrder.
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
  // The money is taken before the parcel leaves; a refused capture (an expired authorization) stops the shipment.
  if (input.status === 'shipped') await captureForShipment(ctx, input.id);
  let previous: string | null = null;
  const order = await inTransaction(ctx.db, async (tx) => {
    const current = await orderForChange(tx, input.id);
    previous = current.status;
    if (input.status === 'cancelled') return cancel(tx, current, { actor, notes: input.notes ?? 'Cancelled by staff', expectedVersion });
    return applyChange(tx, current, {
      to: input.status as OrderStatus,
      expectedVersion,
      actor,
      notes: input.notes,
      set: fulfilmentColumns(input),
      event: input.status === 'shipped' ? { carrier: input.carrier, trackingNumber: input.trackingNumber } : {},
    });
  });
  if (input.status === 'shipped') await fulfilStock(ctx, order.id);
  return input.status === 'cancelled' ? afterCancel(ctx, order, previous) : order;
}

function fulfilmentColumns(input: z.infer<typeof moveOrderInput>) {
  if (input.status === 'shipped') {
    return {
      shippingCarrier: input.carrier,
      trackingNumber: input.trackingNumber,
      ...(input.estimatedDeliveryDate && { estimatedDeliveryDate: new Date(`${input.estimatedDeliveryDate}T00:00:00Z`) }),
    };
  }
  if (input.status === 'delivered') return { actualDeliveryDate: new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z') };
  return {};
}

/**
 * Staff refund part or all of a shipped or delivered order. This records the refund (amount, status, the
 * OrderRefunded event); moving the money back through the payment context is the saga's job (later).
 */
export async function refundOrder(ctx: OrderContext, args: unknown): Promise<Order> {
  assertAdmin(ctx.viewer);
  const input = parseInput(refundInput, args);
  const actor = staffId(ctx.viewer);
  const before = await orderForChange(ctx.db, input.id);
  const planned = planRefund(
    { status: before.status, totalAmount: before.totalAmount.toFixed(2), refundedAmount: before.refundedAmount.toFixed(2) },
    input.amount ? new Decimal(input.amount) : null,
  );
  await refundPayments(ctx, before, planned.amount, planned.refundedTotal, input.reason);
  return inTransaction(ctx.db, async (tx) => {
    const current = await orderForChange(tx, input.id);
    const plan = planRefund(
      { status: current.status, totalAmount: current.totalAmount.toFixed(2), refundedAmount: current.refundedAmount.toFixed(2) },
      input.amount ? new Decimal(input.amount) : null,
    );
    return applyChange(tx, current, {
      to: plan.nextStatus,
      expectedVersion: input.expectedVersion ? BigInt(input.expectedVersion) : (current.version ?? 1n),
      actor,
      notes: `Refunded ${plan.amount} ${current.currency}: ${input.reason}`,
      set: { refundedAmount: plan.refundedTotal },
      eventType: 'OrderRefunded',
      event: { amount: plan.amount, refundedTotal: plan.refundedTotal, full: plan.full, currency: current.currency },
    });
  });
}

interface Cancellation {
  actor: string | null;
  notes: string;
  expectedVersion: bigint;
}

/** Cancelling gives the discount code's use back; the event tells payment (was it confirmed?) and customer (points). */
async function cancel(tx: OrderTx, order: Order, { actor, notes, expectedVersion }: Cancellation): Promise<Order> {
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

/**
 * After commit: void or refund the order's payment and give back the loyalty points it spent. Failures are
 * logged; OrderCancelled carries what a retry needs.
 */
async function afterCancel(ctx: OrderContext, order: Order, previousStatus: string | null): Promise<Order> {
  await settleCancelledOrder(ctx, order, previousStatus);
  if (order.customerId && order.loyaltyPointsRedeemed > 0) {
    await ctx.loyalty.refund(order.customerId, order.loyaltyPointsRedeemed, order.id).catch((err: unknown) => {
      ctx.log.error({ err, orderId: order.id }, 'could not give back the loyalty points of a cancelled order');
    });
  }
  return order;
}

const staffId = (viewer: Viewer) => viewer.customerId;
