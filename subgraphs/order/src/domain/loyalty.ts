import { Decimal } from '@shop/platform';
import type { DiscountSpec } from './pricing';

/** Loyalty points spent at checkout become a fixed discount worth `points × pointValue` (LOYALTY_POINT_VALUE). */
export function loyaltyDiscount(points: number, pointValue: string): DiscountSpec {
  const amount = new Decimal(pointValue).times(points).toDecimalPlaces(2, Decimal.ROUND_DOWN);
  return { type: 'loyalty', code: null, name: `${points} loyalty points`, kind: 'fixed', value: amount.toFixed(2), wholeOrNothing: true };
}
