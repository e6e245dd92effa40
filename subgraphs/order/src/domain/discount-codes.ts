import { badUserInput, Decimal, shopError, type ShopError } from '@shop/platform';
import type { DiscountSpec } from './pricing';

/** A coupon code's rules, as stored in discount_codes. */
export interface DiscountCodeRules {
  code: string;
  name: string;
  kind: string;
  value: string;
  minOrderAmount: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
  usageLimit: number | null;
  timesUsed: number;
  isActive: boolean;
}

export type CodeRefusal = 'UNKNOWN' | 'INACTIVE' | 'NOT_YET_VALID' | 'EXPIRED' | 'USED_UP' | 'BELOW_MINIMUM';

export const CODE_PATTERN = /^[A-Z0-9_-]{3,50}$/;

/** Codes are case-insensitive: stored and compared upper-case. */
export function normalizeCode(input: string): string {
  const code = input.trim().toUpperCase();
  if (!CODE_PATTERN.test(code)) {
    throw badUserInput('A discount code is 3 to 50 letters, digits, dashes or underscores.', [{ field: 'discountCode', message: 'is not a discount code' }]);
  }
  return code;
}

/** A code the shopper cannot use, with the reason a client can branch on in `extensions.reason`. */
export function codeRefused(code: string, reason: CodeRefusal, detail?: string): ShopError {
  const messages: Record<CodeRefusal, string> = {
    UNKNOWN: `There is no discount code ${code}.`,
    INACTIVE: `The discount code ${code} is no longer offered.`,
    NOT_YET_VALID: `The discount code ${code} is not valid yet${detail ? `; it starts ${detail}` : ''}.`,
    EXPIRED: `The discount code ${code} has expired${detail ? ` (${detail})` : ''}.`,
    USED_UP: `The discount code ${code} has been used up.`,
    BELOW_MINIMUM: `The discount code ${code} needs an order of at least ${detail ?? 'a minimum amount'}.`,
  };
  return shopError('BAD_USER_INPUT', messages[reason], {
    reason,
    fields: [{ field: 'discountCode', message: reason.toLowerCase().replace(/_/g, ' ') }],
  });
}

/**
 * Whether the code applies to an order of this subtotal now. The usage limit is checked here for a clear answer
 * and enforced again by the conditional update that redeems the code (times_used < usage_limit), which is
 * what holds under concurrency.
 */
export function assertCodeApplies(rules: DiscountCodeRules | null, code: string, subtotal: Decimal, now: Date): asserts rules is DiscountCodeRules {
  if (!rules) throw codeRefused(code, 'UNKNOWN');
  if (!rules.isActive) throw codeRefused(code, 'INACTIVE');
  if (rules.startsAt && now < rules.startsAt) throw codeRefused(code, 'NOT_YET_VALID', rules.startsAt.toISOString());
  if (rules.endsAt && now >= rules.endsAt) throw codeRefused(code, 'EXPIRED', `ended ${rules.endsAt.toISOString()}`);
  if (rules.usageLimit !== null && rules.timesUsed >= rules.usageLimit) throw codeRefused(code, 'USED_UP');
  if (rules.minOrderAmount !== null && subtotal.lessThan(rules.minOrderAmount)) {
    throw codeRefused(code, 'BELOW_MINIMUM', new Decimal(rules.minOrderAmount).toFixed(2));
  }
}

/** The code as a discount for pricing; a fixed amount larger than the order is cut down to the order (never below zero). */
export function codeDiscount(rules: DiscountCodeRules): DiscountSpec {
  return { type: 'coupon', code: rules.code, name: rules.name, kind: rules.kind === 'percentage' ? 'percentage' : 'fixed', value: rules.value };
}
