import { Decimal, type Logger } from '@shop/platform';
import type { CustomerTx } from '../db';
import { earnPoints, pointsForPaid, pointsToTakeBack, revokePoints, type TierThresholds } from '../domain/loyalty';
import { balanceOf, changePointsIn, lockLoyalty, writeBalance } from './loyalty';

/**
 * Loyalty points and orders, as the customer context applies the order context's events (each inside the
 * consumer's transaction, with the event's processed_events row). An order earns once, on delivery; what it
 * still counts for is the sum of its earn and revoke rows' tier points, so cancellations and refunds (also
 * several partial ones) take back exactly what the order should no longer count for.
 */
export interface OrderLoyaltySettings {
  tiers: TierThresholds;
  /** Points per whole currency unit paid (LOYALTY_POINTS_PER_UNIT, default 1). */
  pointsPerUnit: number;
  log: Logger;
}

export interface OrderMoney {
  orderId: string;
  orderNumber: string;
  customerId: string;
  /** What the customer paid for the order after discounts (its total) and what has been refunded of it. */
  total: string;
  refundedTotal: string;
}

const paidFor = (order: Pick<OrderMoney, 'total' | 'refundedTotal'>) => new Decimal(order.total).minus(order.refundedTotal).toFixed(2);

type Outcome = 'earned' | 'revoked' | 'nothing';

/** A delivered order earns `pointsPerUnit` for each whole currency unit still paid for it; never twice. */
export async function earnForOrder(tx: CustomerTx, settings: OrderLoyaltySettings, order: OrderMoney): Promise<Outcome> {
  const loyalty = await lockLoyalty(tx, order.customerId);
  if (!loyalty) return unknownCustomer(settings, order);
  const earned = await tx.loyaltyTransaction.findFirst({ where: { customerId: order.customerId, referenceId: order.orderId, kind: 'earn' } });
  if (earned) return 'nothing';
  const points = pointsForPaid(paidFor(order), settings.pointsPerUnit);
  if (points === 0) return 'nothing';
  await writeBalance(tx, settings.tiers, loyalty, earnPoints(balanceOf(loyalty), points), {
    kind: 'earn',
    reason: `Earned on order ${order.orderNumber}`,
    referenceId: order.orderId,
    createdBy: null,
    tierPointsChange: points,
  });
  return 'earned';
}

/**
 * The order was cancelled or (partly) refunded: whatever it counts for beyond what is still paid for it is taken
 * back — from the balance as far as it goes (never below zero), from the tier points in full. The ledger row says
 * why and how much could not be taken because it was already spent.
 */
export async function revokeForOrder(tx: CustomerTx, settings: OrderLoyaltySettings, order: OrderMoney, why: 'cancelled' | 'refunded'): Promise<Outcome> {
  const loyalty = await lockLoyalty(tx, order.customerId);
  if (!loyalty) return unknownCustomer(settings, order);
  const rows = await tx.loyaltyTransaction.findMany({
    where: { customerId: order.customerId, referenceId: order.orderId, kind: { in: ['earn', 'revoke'] } },
    select: { tierPointsChange: true },
  });
  const counted = rows.reduce((sum, row) => sum + row.tierPointsChange, 0);
  const shouldCount = why === 'cancelled' ? 0 : pointsForPaid(paidFor(order), settings.pointsPerUnit);
  const owed = pointsToTakeBack(counted, shouldCount);
  if (owed === 0) return 'nothing';
  const next = revokePoints(balanceOf(loyalty), owed);
  const unpaid = owed - next.takenFromBalance;
  await writeBalance(tx, settings.tiers, loyalty, next, {
    kind: 'revoke',
    reason: `Taken back: order ${order.orderNumber} was ${why}${unpaid ? ` (${unpaid} of ${owed} already spent)` : ''}`,
    referenceId: order.orderId,
    createdBy: null,
    tierPointsChange: -owed,
  });
  return 'revoked';
}

/**
 * A cancelled order's redeemed points come back (the order context also asks for this synchronously; whichever
 * comes first returns them, the other finds the return row). Only what was redeemed for that order, once.
 */
export async function returnRedeemedForOrder(tx: CustomerTx, settings: OrderLoyaltySettings, order: Pick<OrderMoney, 'orderId' | 'customerId'>, points: number): Promise<void> {
  if (points <= 0) return;
  const redeemed = await tx.loyaltyTransaction.findFirst({ where: { customerId: order.customerId, referenceId: order.orderId, kind: 'redeem' } });
  if (!redeemed || -redeemed.pointsChange !== points) return;
  await changePointsIn(tx, settings.tiers, { customerId: order.customerId, points, kind: 'return', reason: 'Returned from an order', referenceId: order.orderId });
}

/** An order of a customer this context has no account for (a Keycloak user who never opened their profile). */
function unknownCustomer(settings: OrderLoyaltySettings, order: OrderMoney): Outcome {
  settings.log.warn({ orderId: order.orderId, customerId: order.customerId }, 'order event for a customer without a loyalty account; no points');
  return 'nothing';
}
