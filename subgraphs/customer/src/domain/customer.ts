import { emailAddress } from '@shop/platform';
import { postalAddress } from '@shop/platform/postal-address';
import { z } from 'zod';

/** Input rules for the customer's own data; each failure names its field (see parseInput). */
const name = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');
export const email = emailAddress;
const phone = z
  .string()
  .trim()
  .max(20, 'must be at most 20 characters')
  .regex(/^\+?[0-9 ()-]{5,20}$/, 'must be a phone number like +1 555 123 4567');
const dateOfBirth = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 1990-04-30')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'is not a real date')
  .refine((v) => new Date(`${v}T00:00:00Z`) <= new Date(), 'cannot be in the future')
  .refine((v) => new Date(`${v}T00:00:00Z`) >= new Date('1900-01-01T00:00:00Z'), 'must be after 1900');
export const password = z.string().min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters');

export const registerInput = z.object({
  email,
  password,
  firstName: name,
  lastName: name,
  phone: phone.nullish(),
  dateOfBirth: dateOfBirth.nullish(),
});

export const updateProfileInput = z.object({
  firstName: name.optional(),
  lastName: name.optional(),
  phone: phone.nullish(),
  dateOfBirth: dateOfBirth.nullish(),
});

export const addressInput = postalAddress.extend({
  type: z.enum(['BILLING', 'SHIPPING', 'BOTH']).transform((v) => v.toLowerCase()),
  label: z.string().trim().max(50, 'must be at most 50 characters').nullish(),
  isDefault: z.boolean().nullish().transform((v) => v ?? false),
});

export const preferencesInput = z.object({
  emailNotifications: z.boolean().nullish(),
  smsNotifications: z.boolean().nullish(),
  pushNotifications: z.boolean().nullish(),
  marketingEmails: z.boolean().nullish(),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language tag like en-US').nullish(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like USD').nullish(),
  theme: z.enum(['LIGHT', 'DARK', 'SYSTEM']).nullish(),
});

export const customerFilter = z
  .object({
    email: z.string().trim().max(255, 'must be at most 255 characters').nullish(),
    name: z.string().trim().max(100, 'must be at most 100 characters').nullish(),
    status: z.enum(['ACTIVE', 'INACTIVE', 'SUSPENDED']).nullish(),
    tier: z.enum(['REGULAR', 'PREMIUM', 'VIP']).nullish(),
  })
  .nullish();
