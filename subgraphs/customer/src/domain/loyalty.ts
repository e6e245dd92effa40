import { badUserInput, conflict, Decimal } from '@shop/platform';

export type Tier = 'regular' | 'premium' | 'vip';

/** Tier points needed for each tier; from configuration (LOYALTY_PREMIUM_POINTS, LOYALTY_VIP_POINTS). */
export interface TierThresholds {
  premium: number;
  vip: number;
}

export function tierFor(tierPoints: number, thresholds: TierThresholds): Tier {
  if (tierPoints >= thresholds.vip) return 'vip';
  if (tierPoints >= thresholds.premium) return 'premium';
  return 'regular';
}

export function pointsToNextTier(tierPoints: number, thresholds: TierThresholds): number | null {
  if (tierPoints < thresholds.premium) return thresholds.premium - tierPoints;
  if (tierPoints < thresholds.vip) return thresholds.vip - tierPoints;
  return null;
}

export interface LoyaltyBalance {
  pointsBalance: number;
  lifetimePoints: number;
  tierPoints: number;
}

export const MAX_POINTS_CHANGE = 1_000_000;

export function assertPointsChange(points: number): void {
  if (!Number.isInteger(points) || points === 0 || Math.abs(points) > MAX_POINTS_CHANGE) {
    throw badUserInput(`Points must be a whole number between -${MAX_POINTS_CHANGE} and ${MAX_POINTS_CHANGE}, not zero.`, [
      { field: 'points', message: 'out of range' },
    ]);
  }
}

/** Earning adds to the balance, the lifetime total and the tier points. */
export function earnPoints(balance: LoyaltyBalance, points: number): LoyaltyBalance {
  assertPointsChange(points);
  if (points < 0) throw badUserInput('Earned points must be positive.', [{ field: 'points', message: 'must be positive' }]);
  return { pointsBalance: balance.pointsBalance + points, lifetimePoints: balance.lifetimePoints + points, tierPoints: balance.tierPoints + points };
}

/** Redeeming spends the balance only; it can never go below zero. */
export function redeemPoints(balance: LoyaltyBalance, points: number): LoyaltyBalance {
  assertPointsChange(points);
  if (points < 0) throw badUserInput('Redeemed points must be positive.', [{ field: 'points', message: 'must be positive' }]);
  if (points > balance.pointsBalance) {
    throw conflict(`Only ${balance.pointsBalance} points are available to redeem.`, { available: balance.pointsBalance });
  }
  return { ...balance, pointsBalance: balance.pointsBalance - points };
}

/** A redemption given back (its order was cancelled): the balance only, so it earns no tier points. */
export function returnPoints(balance: LoyaltyBalance, points: number): LoyaltyBalance {
  assertPointsChange(points);
  if (points < 0) throw badUserInput('Returned points must be positive.', [{ field: 'points', message: 'must be positive' }]);
  return { ...balance, pointsBalance: balance.pointsBalance + points };
}

/**
 * Points an order earns: `pointsPerUnit` (LOYALTY_POINTS_PER_UNIT, default 1) for every whole currency unit of what
 * the customer paid for it after discounts and refunds (total − refunded), rounded down. 0 for nothing paid.
 */
export function pointsForPaid(paid: string, pointsPerUnit: number): number {
  const units = new Decimal(paid).floor();
  if (units.lessThanOrEqualTo(0) || !(pointsPerUnit > 0)) return 0;
  return Math.min(units.times(pointsPerUnit).floor().toNumber(), MAX_POINTS_CHANGE);
}

/** What an order still counts for in the balance beyond what it should (cancelled or refunded since it earned). */
export function pointsToTakeBack(counted: number, shouldCount: number): number {
  return Math.max(0, counted - shouldCount);
}

/**
 * Points an order earned, taken back (it was cancelled or refunded): from the balance as far as it goes (never
 * below zero: points already spent stay spent) and from the lifetime and tier points, so the tier follows.
 */
export function revokePoints(balance: LoyaltyBalance, points: number): LoyaltyBalance & { takenFromBalance: number } {
  assertPointsChange(points);
  if (points < 0) throw badUserInput('Revoked points must be positive.', [{ field: 'points', message: 'must be positive' }]);
  const pointsBalance = Math.max(0, balance.pointsBalance - points);
  return {
    pointsBalance,
    lifetimePoints: Math.max(0, balance.lifetimePoints - points),
    tierPoints: Math.max(0, balance.tierPoints - points),
    takenFromBalance: balance.pointsBalance - pointsBalance,
  };
}
