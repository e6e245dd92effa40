import { Decimal, parseAmount } from '@shop/platform';
import { z } from 'zod';

/** The most one payment may be for; DECIMAL(10,2) could hold more, no shop order should. */
export const MAX_PAYMENT_AMOUNT = new Decimal('1000000.00');

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

export const isCurrency = (code: unknown): code is string => typeof code === 'string' && /^[A-Z]{3}$/.test(code) && knownCurrencies.has(code);

const digitsByCurrency = new Map<string, number>();

/**
 * Digits after the point a currency allows (JPY 0, USD 2); never more than the database's two. Kept per currency:
 * building an Intl.NumberFormat took about 1% of payment's CPU in the checkout benchmark.
 */
export function minorUnits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    const allowed = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digits = Math.min(allowed, 2);
    if (isCurrency(currency)) digitsByCurrency.set(currency, digits); // known codes only: the map stays small
  }
  return digits;
}

export const currency = z
  .string()
  .max(3, 'must be an ISO 4217 code like USD')
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like USD')
  .refine((code) => isCurrency(code), 'is not a currency we know');

/** A positive amount as a decimal string ("12.50"), at most two decimals and at most MAX_PAYMENT_AMOUNT. */
export const positiveAmount = z
  .string()
  .max(20, 'must be a decimal like 12.50')
  .transform((value, ctx) => {
    const amount = parseAmount(value);
    if (!amount) {
      ctx.addIssue({ code: 'custom', message: 'must be a decimal with at most two decimals, like 12.50' });
      return z.NEVER;
    }
    if (amount.lte(0)) {
      ctx.addIssue({ code: 'custom', message: 'must be greater than zero' });
      return z.NEVER;
    }
    if (amount.gt(MAX_PAYMENT_AMOUNT)) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_PAYMENT_AMOUNT.toFixed(2)}` });
      return z.NEVER;
    }
    return amount;
  });

/** Whether an amount fits the currency's minor unit (no cents on a yen amount). */
export function fitsCurrency(amount: Decimal, code: string): boolean {
  return amount.decimalPlaces() <= minorUnits(code);
}

/** Prisma's Decimal, a plain string or null → decimal.js, null meaning zero. */
export function dec(value: { toString(): string } | string | null | undefined): Decimal {
  return new Decimal(value === null || value === undefined ? 0 : value.toString());
}

export { Decimal };
