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

/** Accepts "12", "12.5", "12.50"; refuses floats in exponent form, more than two decimals and NaN. */
export function parseAmount(input: string): Decimal | null {
  if (!/^-?\d{1,8}(\.\d{1,2})?$/.test(input.trim())) return null;
  return new Decimal(input.trim());
}

export { Decimal };
