import { z } from 'zod';
import { badUserInput } from '../errors';
import { AMOUNT, parseDecimal, type DecimalShape } from './money';

export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID');

/** An email address as the shop keeps it: trimmed, lower-cased, at most 255 characters (the seed's column). */
export const emailAddress = z
  .string()
  .trim()
  .max(255, 'must be at most 255 characters')
  .pipe(z.email('is not a valid email address'))
  .transform((v) => v.toLowerCase());

/**
 * A decimal string as a column of this shape holds it (money, DECIMAL(10,2), unless told), written plainly:
 * "1,000.00", "１２", "", " 1", "1e3", "NaN", "-0", too many digits or places are refused (see parseDecimal).
 */
export function decimalString(shape: DecimalShape = AMOUNT, options: { min?: number } = {}) {
  const sign = options.min !== undefined && options.min >= 0 ? ', not negative' : '';
  const example = shape.places > 0 ? `19.${'90'.padEnd(shape.places, '0').slice(0, shape.places)}` : '19';
  return z
    .string()
    .refine((v) => {
      const value = parseDecimal(v, shape);
      return value !== null && (options.min === undefined || value.greaterThanOrEqualTo(options.min));
    }, `must be a decimal like ${example}, at most ${shape.integerDigits} digits before the point and ${shape.places} after${sign}`);
}

/** Validates input with zod; failures become one BAD_USER_INPUT listing every field and what is wrong with it. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({ field: issue.path.join('.') || 'input', message: issue.message }));
  const summary = fields.map((f) => `${f.field} ${f.message}`).join('; ');
  throw badUserInput(`Invalid input: ${summary}.`, fields);
}

export function parseId(value: string, field = 'id'): string {
  if (!uuid.safeParse(value).success) throw badUserInput(`\`${field}\` must be a UUID.`, [{ field, message: 'must be a UUID' }]);
  return value.toLowerCase();
}
