import isoCountries from 'i18n-iso-countries';
import { z } from 'zod';

/**
 * The shop's one rule for a postal address, shared by the contexts that take one: the customer's saved addresses
 * and the order's shipping and billing addresses at checkout. Each failure names its field (parseInput).
 * Country codes are checked against ISO 3166-1 alpha-2 (i18n-iso-countries), so a made-up code such as ZZ never
 * reaches pricing (tax and shipping are decided by country).
 */
export const addressLine = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

export const optionalAddressLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

/** ISO 3166-1 alpha-2, any case in, upper case out: US, DE, GB. */
export const countryCode = z
  .string()
  .trim()
  .max(2, 'must be an ISO 3166-1 alpha-2 country code like US or DE')
  .transform((v) => v.toUpperCase())
  .refine((v) => /^[A-Z]{2}$/.test(v) && isoCountries.isValid(v), 'must be an ISO 3166-1 alpha-2 country code like US or DE');

export const isCountryCode = (value: string): boolean => countryCode.safeParse(value).success;

export const postalCode = z
  .string()
  .trim()
  .min(2, 'is too short')
  .max(20, 'must be at most 20 characters')
  .regex(/^[A-Za-z0-9 -]+$/, 'may hold letters, digits, spaces and dashes only');

/** The fields every postal address has; a context adds its own (names, label, type) and may relax stateProvince. */
export const postalAddress = z.object({
  streetLine1: addressLine(200),
  streetLine2: optionalAddressLine(200),
  city: addressLine(100),
  stateProvince: addressLine(100),
  postalCode,
  countryCode,
});
