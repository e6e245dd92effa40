import Decimal from 'decimal.js';

/** Money on the wire: a decimal string and an ISO 4217 code; never a float. */
export interface Money {
  amount: string;
  currency: string;
}

type DecimalLike = Decimal | string | { toFixed(dp: number): string };

export function money(amount: DecimalLike, currency: string): Money {
  const fixed = typeof amount === 'string' ? new Decimal(amount).toFixed(2) : amount.toFixed(2);
  return { amount: fixed, currency };
}

/** The decimals a column holds: DECIMAL(10,2) is 8 digits before the point and 2 after. */
export interface DecimalShape {
  integerDigits: number;
  places: number;
  /** Whether a minus sign is allowed (never on zero: "-0" is refused). */
  negative?: boolean;
}

/** DECIMAL(10,2), the shop's money columns. */
export const AMOUNT: DecimalShape = { integerDigits: 8, places: 2, negative: true };

/**
 * Reads a decimal written plainly, exactly as a column of that shape can hold it, or null: ASCII digits, an
 * optional point with 1..places digits, no leading zeros, no spaces, separators, exponents, signs other than a
 * leading minus (where allowed), "NaN"/"Infinity", fullwidth or other non-ASCII digits, or negative zero.
 */
export function parseDecimal(input: unknown, shape: DecimalShape): Decimal | null {
  if (typeof input !== 'string' || input.length > shape.integerDigits + shape.places + 2) return null;
  const match = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?$/.exec(input);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  if (whole.length > shape.integerDigits || fraction.length > shape.places) return null;
  if (sign && !shape.negative) return null;
  const value = new Decimal(input);
  if (sign && value.isZero()) return null;
  return value;
}

/** A money amount that fits DECIMAL(10,2): "12", "12.5", "12.50", "-3.10"; null for anything else (see parseDecimal). */
export function parseAmount(input: unknown): Decimal | null {
  return parseDecimal(input, AMOUNT);
}

export { Decimal };
