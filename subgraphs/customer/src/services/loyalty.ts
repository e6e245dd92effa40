import { assertAdmin, assertService, conflict, notFound, parseId, parseInput, readPage } from '@shop/platform';
import { z } from 'zod';
import type { CustomerContext } from '../context';
import { inTransaction, type CustomerDb, type CustomerTx } from '../db';
import { earnPoints, redeemPoints, returnPoints, tierFor, type LoyaltyBalance, type Tier, type TierThresholds } from '../domain/loyalty';
import { loyaltyTierChanged } from '../events/publish';
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
  return inTransaction(db, (tx) => changePointsIn(tx, tiers, change));
}

/** `changePoints` inside the caller's transaction (an event handler's). */
export async function changePointsIn(tx: CustomerTx, tiers: TierThresholds, change: PointsChange): Promise<CustomerLoyalty> {
  const current = await lockLoyalty(tx, change.customerId);
  if (!current) throw notFound('That customer');
  if (change.referenceId && (change.kind === 'redeem' || change.kind === 'return')) {
    // Idempotent per order: the second redeem (or return) of the same order changes nothing.
    const done = await tx.loyaltyTransaction.findFirst({ where: { customerId: change.customerId, referenceId: change.referenceId, kind: change.kind } });
    if (done) return current;
    if (change.kind === 'return') {
      const redeemed = await tx.loyaltyTransaction.findFirst({ where: { customerId: change.customerId, referenceId: change.referenceId, kind: 'redeem' } });
      if (!redeemed || -redeemed.pointsChange !== change.points) throw conflict('Only points redeemed for that order can be returned, all of them.');
    }
  }
  const balance = balanceOf(current);
  const points = Math.abs(change.points);
  const next =
    change.kind === 'return' ? returnPoints(balance, points)
    : change.kind === 'earn' || (change.kind === 'adjustment' && change.points > 0) ? earnPoints(balance, points)
    : redeemPoints(balance, points);
  return writeBalance(tx, tiers, current, next, {
    kind: change.kind,
    reason: change.reason,
    referenceId: change.referenceId ?? null,
    createdBy: change.actor ?? null,
    tierPointsChange: next.tierPoints - balance.tierPoints,
  });
}

/** The customer's loyalty row, locked for the rest of the transaction (null: no such customer). */
export async function lockLoyalty(tx: CustomerTx, customerId: string): Promise<CustomerLoyalty | null> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM customer_loyalty WHERE customer_id = ${customerId}::uuid FOR UPDATE`;
  return row ? tx.customerLoyalty.findUniqueOrThrow({ where: { id: row.id } }) : null;
}

export const balanceOf = (row: CustomerLoyalty): LoyaltyBalance => ({
  pointsBalance: row.pointsBalance ?? 0,
  lifetimePoints: row.lifetimePoints ?? 0,
  tierPoints: row.tierPoints ?? 0,
});

export interface LedgerEntry {
  kind: 'earn' | 'redeem' | 'adjustment' | 'return' | 'revoke';
  reason: string;
  referenceId: string | null;
  createdBy: string | null;
  tierPointsChange: number;
}

/**
 * Writes a new balance (the loyalty row locked by the caller), its ledger row, and the customer's tier if it
 * moved — with LoyaltyTierChanged in the same transaction.
 */
export async function writeBalance(tx: CustomerTx, tiers: TierThresholds, current: CustomerLoyalty, next: LoyaltyBalance, entry: LedgerEntry): Promise<CustomerLoyalty> {
  const now = new Date();
  const balance = { pointsBalance: next.pointsBalance, lifetimePoints: next.lifetimePoints, tierPoints: next.tierPoints };
  const updated = await tx.customerLoyalty.update({ where: { id: current.id }, data: { ...balance, lastActivityAt: now, updatedAt: now } });
  const customer = await tx.customer.findUniqueOrThrow({ where: { id: current.customerId }, select: { tier: true } });
  const previousTier = (customer.tier ?? 'regular') as Tier;
  const tier = tierFor(next.tierPoints, tiers);
  if (tier !== previousTier) {
    await tx.customer.update({ where: { id: current.customerId }, data: { tier } });
    await loyaltyTierChanged(tx, { customerId: current.customerId, loyaltyId: current.id, previousTier, tier, tierPoints: next.tierPoints });
  }
  await tx.loyaltyTransaction.create({
    data: {
      customerId: current.customerId,
      pointsChange: next.pointsBalance - (current.pointsBalance ?? 0),
      balanceAfter: next.pointsBalance,
      tierPointsChange: entry.tierPointsChange,
      kind: entry.kind,
      reason: entry.reason,
      referenceId: entry.referenceId,
      createdBy: entry.createdBy,
    },
  });
  return updated;
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
