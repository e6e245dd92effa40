import { assertAdmin, assertService, conflict, notFound, parseId, parseInput, readPage } from '@shop/platform';
import { z } from 'zod';
import type { CustomerContext } from '../context';
import { inTransaction, type CustomerDb } from '../db';
import { earnPoints, redeemPoints, returnPoints, tierFor, type LoyaltyBalance, type TierThresholds } from '../domain/loyalty';
import type { CustomerLoyalty, LoyaltyTransaction } from '../generated/prisma/client';

export interface PointsChange {
  customerId: string;
  points: number;
  kind: 'earn' | 'redeem' | 'adjustment' | 'return';
  reason: string;
  referenceId?: string | null;
  actor?: string | null;
}

/**
 * The one way a balance changes: lock the loyalty row, apply the domain rule, write the balance, the customer's
 * tier and a ledger row in one transaction. Earning and redeeming by other contexts (orders) come through here.
 */
export async function changePoints(db: CustomerDb, tiers: TierThresholds, change: PointsChange): Promise<CustomerLoyalty> {
  return inTransaction(db, async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM customer_loyalty WHERE customer_id = ${change.customerId}::uuid FOR UPDATE`;
    if (!row) throw notFound('That customer');
    const current = await tx.customerLoyalty.findUniqueOrThrow({ where: { id: row.id } });
    if (change.referenceId && (change.kind === 'redeem' || change.kind === 'return')) {
      // Idempotent per order: the second redeem (or return) of the same order changes nothing.
      const done = await tx.loyaltyTransaction.findFirst({ where: { customerId: change.customerId, referenceId: change.referenceId, kind: change.kind } });
      if (done) return current;
      if (change.kind === 'return') {
        const redeemed = await tx.loyaltyTransaction.findFirst({ where: { customerId: change.customerId, referenceId: change.referenceId, kind: 'redeem' } });
        if (!redeemed || -redeemed.pointsChange !== change.points) throw conflict('Only points redeemed for that order can be returned, all of them.');
      }
    }
    const balance: LoyaltyBalance = {
      pointsBalance: current.pointsBalance ?? 0,
      lifetimePoints: current.lifetimePoints ?? 0,
      tierPoints: current.tierPoints ?? 0,
    };
    const points = Math.abs(change.points);
    const next =
      change.kind === 'return' ? returnPoints(balance, points)
      : change.kind === 'earn' || (change.kind === 'adjustment' && change.points > 0) ? earnPoints(balance, points)
      : redeemPoints(balance, points);
    const now = new Date();
    const updated = await tx.customerLoyalty.update({ where: { id: row.id }, data: { ...next, lastActivityAt: now, updatedAt: now } });
    await tx.customer.update({ where: { id: change.customerId }, data: { tier: tierFor(next.tierPoints, tiers) } });
    await tx.loyaltyTransaction.create({
      data: {
        customerId: change.customerId,
        pointsChange: next.pointsBalance - balance.pointsBalance,
        balanceAfter: next.pointsBalance,
        kind: change.kind,
        reason: change.reason,
        referenceId: change.referenceId ?? null,
        createdBy: change.actor ?? null,
      },
    });
    return updated;
  });
}

const adjustment = z.object({
  points: z.number().int(),
  reason: z.string().trim().min(3, 'must say why (at least 3 characters)').max(200, 'must be at most 200 characters'),
});

export async function adjustLoyaltyPoints(ctx: CustomerContext, customerId: string, points: number, reason: string): Promise<CustomerLoyalty> {
  assertAdmin(ctx.viewer);
  const input = parseInput(adjustment, { points, reason });
  return changePoints(ctx.db, ctx.tiers, { customerId: parseId(customerId, 'customerId'), kind: 'adjustment', actor: ctx.viewer.customerId, ...input });
}

export async function loyaltyTransactions(ctx: CustomerContext, customerId: string, first: number): Promise<LoyaltyTransaction[]> {
  const { limit } = readPage({ first }, (_cursor): _cursor is never => false, ['loyaltyTransactions']);
  return ctx.db.loyaltyTransaction.findMany({ where: { customerId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit });
}

const orderPoints = z.object({
  customerId: z.string(),
  points: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1_000_000, 'must be at most 1000000'),
  orderId: z.string(),
});

/** Internal (the order context's checkout): spend points on an order. Idempotent per order. */
export async function redeemForOrder(ctx: CustomerContext, args: { customerId: string; points: number; orderId: string }): Promise<CustomerLoyalty> {
  assertService(ctx.viewer);
  const input = parseInput(orderPoints, args);
  return changePoints(ctx.db, ctx.tiers, {
    customerId: parseId(input.customerId, 'customerId'), points: input.points, kind: 'redeem', reason: 'Redeemed on an order', referenceId: parseId(input.orderId, 'orderId'),
  });
}

/** Internal: give back the points an order spent (it was cancelled, or never placed). Idempotent per order. */
export async function returnForOrder(ctx: CustomerContext, args: { customerId: string; points: number; orderId: string }): Promise<CustomerLoyalty> {
  assertService(ctx.viewer);
  const input = parseInput(orderPoints, args);
  return changePoints(ctx.db, ctx.tiers, {
    customerId: parseId(input.customerId, 'customerId'), points: input.points, kind: 'return', reason: 'Returned from an order', referenceId: parseId(input.orderId, 'orderId'),
  });
}
