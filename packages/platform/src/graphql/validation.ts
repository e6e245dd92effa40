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

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * A calendar day (`2026-11-30`) or an ISO 8601 instant with its offset (`2026-11-30T12:00:00Z`) as a Date, or null:
 * the day must exist (JavaScript reads `2026-02-30` as March 2) and the year lie in 1..9999 (PostgreSQL refuses
 * year 0, which JavaScript accepts, and a query with it would fail instead of the input).
 */
export function parseDayOrInstant(value: string): Date | null {
  const m = INSTANT.exec(value) ?? DAY.exec(value);
  if (!m) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0, offsetHours = 0, offsetMinutes = 0] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const lastDay = new Date(Date.UTC(2000, month, 0)).getUTCDate(); // days in that month of a leap year
  const leapDay = month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > lastDay || leapDay) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 14 || offsetMinutes > 59) return null;
  const date = new Date(m.length === 4 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** An input field holding a day or an instant, see parseDayOrInstant. */
export const dayOrInstant = z
  .string()
  .max(40, 'must be at most 40 characters')
  .refine((v) => parseDayOrInstant(v) !== null, 'must be a date like 2026-11-30 or an ISO 8601 instant like 2026-11-30T12:00:00Z');

/** An input field holding a calendar day (`2026-11-30`) that exists, in years 1..9999. */
export const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-30')
  .refine((v) => parseDayOrInstant(v) !== null, 'is not a real date');

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
