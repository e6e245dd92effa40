import { badUserInput, conflict, Decimal, parseAmount, parseDecimal } from '@shop/platform';

export const PRODUCT_STATUSES = ['draft', 'active', 'inactive', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
export const PRODUCT_TYPES = ['simple', 'configurable', 'bundle'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

/** Prices fit DECIMAL(10,2): at most 99,999,999.99. */
const MAX_PRICE = new Decimal('99999999.99');

/** A price as the shop stores it: a non-negative decimal with at most two places. */
export function parsePrice(field: string, input: string): Decimal {
  const amount = parseAmount(input);
  if (!amount) throw badUserInput(`${field} must be a decimal amount like "19.90".`, [{ field, message: 'not a decimal amount' }]);
  if (amount.isNegative()) throw badUserInput(`${field} cannot be negative.`, [{ field, message: 'negative' }]);
  if (amount.greaterThan(MAX_PRICE)) throw badUserInput(`${field} is too large.`, [{ field, message: 'too large' }]);
  return amount;
}

/** A "was" price below the selling price would advertise a discount that is not one. */
export function assertCompareAtNotBelowPrice(price: Decimal, compareAt: Decimal | null): void {
  if (compareAt && compareAt.lessThan(price)) {
    throw badUserInput('The compare-at price cannot be lower than the price.', [
      { field: 'compareAtPrice', message: 'below price' },
    ]);
  }
}

/** Weights and dimensions: non-negative decimals fitting DECIMAL(10,3) / (10,2). */
export function parseMeasure(field: string, input: string, places: 2 | 3): Decimal {
  const measure = parseDecimal(input, { integerDigits: 10 - places, places });
  if (!measure) throw badUserInput(`${field} must be a non-negative decimal with at most ${places} places.`, [{ field, message: 'invalid measure' }]);
  return measure;
}

/** Optimistic locking: the writer names the version it read. */
export function assertVersion(what: string, current: bigint | number | null, expected: number): void {
  if (Number(current ?? 1) !== expected) {
    throw conflict(`${what} was changed by someone else (now version ${current}); reload it and try again.`, {
      currentVersion: Number(current ?? 1),
    });
  }
}

/** URL slugs: lowercase words joined by hyphens. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 200);
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
