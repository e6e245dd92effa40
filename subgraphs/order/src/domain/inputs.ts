import { calendarDay, dayOrInstant, Decimal, emailAddress, parseAmount, uuid } from '@shop/platform';
import { postalAddress } from '@shop/platform/postal-address';
import { z } from 'zod';
import { CODE_PATTERN } from './discount-codes';
import { ORDER_STATUSES } from './order-status';

/** Input rules for the order context; each failure names its field (parseInput). */
const text = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

/** A decimal string with at most two places, 0 or more: never a float, never negative. */
export const amount = z
  .string()
  .max(20, 'must be at most 20 characters')
  .refine((v) => parseAmount(v) !== null && !parseAmount(v)!.isNegative(), 'must be an amount like 19.90, not negative')
  .transform((v) => new Decimal(v.trim()).toFixed(2));

export const email = emailAddress;

/**
 * A postal address, stored denormalised with the order (JSON) so later changes to the customer's book do not rewrite
 * history. The platform's postal-address rule (the same as the customer's saved addresses: ISO 3166-1 country,
 * lengths, required fields) plus the recipient; the state or province is optional here, as the schema says.
 */
export const orderAddress = postalAddress.extend({
  firstName: text(100),
  lastName: text(100),
  company: optionalText(200),
  stateProvince: optionalText(100),
  phone: optionalText(20),
});
export type OrderAddress = z.infer<typeof orderAddress>;

const productData = z
  .record(z.string().max(100), z.unknown())
  .nullish()
  .refine((v) => v == null || JSON.stringify(v).length <= 8_192, 'must be at most 8 KB of JSON')
  .transform((v) => v ?? null);

export const orderLine = z.object({
  variantId: uuid.transform((v) => v.toLowerCase()),
  productId: uuid.transform((v) => v.toLowerCase()),
  productName: text(500),
  variantName: optionalText(200),
  sku: text(100),
  unitPrice: amount,
  quantity: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1_000, 'must be at most 1000'),
  productData,
});
export type OrderLine = z.infer<typeof orderLine>;

export const ORDER_SOURCES = ['web', 'mobile', 'admin'] as const;

export const placeOrderInput = z
  .object({
    /** Chosen by the caller (the checkout saga) to make retries idempotent; generated when absent. */
    orderId: uuid.transform((v) => v.toLowerCase()).nullish(),
    /** Null for a guest order. */
    customerId: uuid.transform((v) => v.toLowerCase()).nullish().transform((v) => v ?? null),
    email,
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like USD').nullish(),
    lines: z.array(orderLine).min(1, 'must hold at least one line').max(100, 'must hold at most 100 lines'),
    shippingAddress: orderAddress,
    /** Defaults to the shipping address. */
    billingAddress: orderAddress.nullish(),
    shippingMethod: optionalText(50),
    discountCode: z.string().max(50, 'must be at most 50 characters').nullish(),
    loyaltyPoints: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1_000_000, 'must be at most 1000000').nullish(),
    source: z.enum(ORDER_SOURCES).default('web'),
    notes: optionalText(2_000),
  })
  .superRefine((input, issues) => {
    if (input.loyaltyPoints && !input.customerId) {
      issues.addIssue({ code: 'custom', path: ['loyaltyPoints'], message: 'can only be redeemed by a signed-in customer' });
    }
    const seen = new Set<string>();
    input.lines.forEach((line, i) => {
      if (seen.has(line.variantId)) issues.addIssue({ code: 'custom', path: ['lines', i, 'variantId'], message: 'appears twice; use one line per variant' });
      seen.add(line.variantId);
    });
    if (input.discountCode && !CODE_PATTERN.test(input.discountCode.trim().toUpperCase())) {
      issues.addIssue({ code: 'custom', path: ['discountCode'], message: 'is not a discount code' });
    }
  });
export type PlaceOrderInput = z.infer<typeof placeOrderInput>;

export const reason = z.string().trim().min(3, 'must say why (at least 3 characters)').max(500, 'must be at most 500 characters');

const day = calendarDay;

/** A staff money operation's retry key (a lost answer is retried with the same one): 8 to 80 of letters, digits and . _ : - */
const idempotencyKey = z
  .string()
  .min(8, 'must be 8 to 80 characters')
  .max(80, 'must be 8 to 80 characters')
  .regex(/^[\w.:-]+$/, 'may hold letters, digits and . _ : - only')
  .nullish()
  .transform((v) => v ?? null);

export const moveOrderInput = z.object({
  id: uuid.transform((v) => v.toLowerCase()),
  status: z.enum(ORDER_STATUSES),
  expectedVersion: z.number().int().min(1, 'must be at least 1'),
  carrier: optionalText(50),
  trackingNumber: optionalText(100),
  estimatedDeliveryDate: day.nullish(),
  notes: optionalText(2_000),
  idempotencyKey,
});

export const refundInput = z.object({
  id: uuid.transform((v) => v.toLowerCase()),
  amount: amount.nullish(),
  reason,
  expectedVersion: z.number().int().min(1, 'must be at least 1').nullish(),
  idempotencyKey,
});

/** An instant or a day: a day as `placedTo` covers the whole day. A day that does not exist or year 0 is refused. */
const instant = dayOrInstant;

export const orderFilter = z
  .object({
    status: z.array(z.enum(ORDER_STATUSES)).max(ORDER_STATUSES.length).nullish(),
    customerId: uuid.transform((v) => v.toLowerCase()).nullish(),
    email: z.string().trim().max(255, 'must be at most 255 characters').nullish(),
    number: z.string().trim().max(50, 'must be at most 50 characters').nullish(),
    placedFrom: instant.nullish(),
    placedTo: instant.nullish(),
  })
  .nullish()
  .transform((f) => f ?? {});

export const discountCodeInput = z
  .object({
    code: z
      .string()
      .trim()
      .transform((v) => v.toUpperCase())
      .refine((v) => CODE_PATTERN.test(v), 'must be 3 to 50 letters, digits, dashes or underscores'),
    name: text(200),
    kind: z.enum(['percentage', 'fixed']),
    value: amount,
    minOrderAmount: amount.nullish(),
    startsAt: instant.nullish(),
    endsAt: instant.nullish(),
    usageLimit: z.number().int().min(1, 'must be at least 1').max(10_000_000).nullish(),
  })
  .superRefine((input, issues) => {
    // Runs even when `value` itself was refused (zod reports every issue at once): then there is nothing to compare.
    const value = parseAmount(input.value);
    if (value?.lessThanOrEqualTo(0)) issues.addIssue({ code: 'custom', path: ['value'], message: 'must be more than 0' });
    if (input.kind === 'percentage' && value?.greaterThan(100)) issues.addIssue({ code: 'custom', path: ['value'], message: 'must be at most 100 percent' });
    if (input.startsAt && input.endsAt && Date.parse(input.startsAt) >= Date.parse(input.endsAt)) {
      issues.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
    }
  });

