import { randomInt } from 'node:crypto';
import { badUserInput } from '@shop/platform';

/** Crockford's base32: no I, L, O or U, so a number read aloud or typed from a receipt is hard to get wrong. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_CHARS = 6; // 32^6 ≈ 1.07 billion numbers per month; a collision is retried (unique index)
export const ORDER_NUMBER_PATTERN = /^SO-\d{4}-[0-9A-HJKMNP-TV-Z]{6}$/;

export type OrderNumberGenerator = (now?: Date) => string;

/** e.g. SO-2611-7KQ4M2: the year and month the order was placed (UTC), then six random Crockford characters. */
export const newOrderNumber: OrderNumberGenerator = (now = new Date()) => {
  const yymm = `${String(now.getUTCFullYear() % 100).padStart(2, '0')}${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  let random = '';
  for (let i = 0; i < RANDOM_CHARS; i++) random += CROCKFORD[randomInt(CROCKFORD.length)];
  return `SO-${yymm}-${random}`;
};

/**
 * What a customer typed, as the order number it means: case and surrounding spaces do not matter, and the
 * letters Crockford reads as digits (O → 0, I and L → 1) are accepted in the random part.
 */
export function parseOrderNumber(input: string): string {
  const [prefix, date, random] = input.trim().toUpperCase().split('-');
  const normalized = random === undefined ? input.trim().toUpperCase() : `${prefix}-${date}-${random.replace(/O/g, '0').replace(/[IL]/g, '1')}`;
  if (input.length > 50 || !ORDER_NUMBER_PATTERN.test(normalized)) {
    throw badUserInput('An order number looks like SO-2611-7KQ4M2.', [{ field: 'number', message: 'is not an order number' }]);
  }
  return normalized;
}
