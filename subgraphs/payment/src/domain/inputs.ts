import { uuid } from '@shop/platform';
import { z } from 'zod';
import { cardInput } from './card';
import { currency, Decimal, fitsCurrency, isCurrency, positiveAmount } from './money';
import { PAYMENT_STATUSES } from './payment';

/** Input rules for payment operations; each failure names its field (see parseInput). */
const idempotencyKey = z
  .string()
  .min(8, 'must be 8 to 100 characters')
  .max(100, 'must be 8 to 100 characters')
  .regex(/^[\w.:-]+$/, 'may hold letters, digits and . _ : - only');

/** One schema per clock, built on first use: building a zod schema costs more than parsing with it. */
function perClock<T>(build: (now: () => Date) => T): (now: () => Date) => T {
  const built = new WeakMap<() => Date, T>();
  return (now) => {
    let schema = built.get(now);
    if (!schema) built.set(now, (schema = build(now)));
    return schema;
  };
}

export const authorizeInput = perClock((now) =>
  z
    .object({
      orderId: uuid,
      customerId: uuid.nullish().transform((v) => v?.toLowerCase() ?? null),
      amount: positiveAmount,
      currency,
      paymentMethodId: uuid.nullish().transform((v) => v?.toLowerCase() ?? null),
      card: cardInput(now).nullish(),
      idempotencyKey,
    })
    .superRefine((input, ctx) => {
      if (!input.paymentMethodId === !input.card) {
        ctx.addIssue({ code: 'custom', path: ['paymentMethodId'], message: 'give either paymentMethodId or card, not both or neither' });
      }
      if (input.paymentMethodId && !input.customerId) {
        ctx.addIssue({ code: 'custom', path: ['customerId'], message: 'is required to pay with a saved payment method' });
      }
      // Refinements run even when a field failed: only compare an amount and a currency that both parsed.
      if (input.amount instanceof Decimal && isCurrency(input.currency) && !fitsCurrency(input.amount, input.currency)) {
        ctx.addIssue({ code: 'custom', path: ['amount'], message: `has more decimals than ${input.currency} allows` });
      }
    })
    .transform(({ orderId, ...rest }) => ({ ...rest, orderId: orderId.toLowerCase() })),
);
export type AuthorizeInput = z.infer<ReturnType<typeof authorizeInput>>;

export const captureInput = z.object({
  paymentId: uuid,
  amount: positiveAmount.nullish().transform((v) => v ?? null),
  idempotencyKey: idempotencyKey.nullish().transform((v) => v ?? null),
});

export const voidInput = z.object({ paymentId: uuid, idempotencyKey: idempotencyKey.nullish().transform((v) => v ?? null) });

export const refundInput = z.object({
  paymentId: uuid,
  amount: positiveAmount,
  reason: z.string().trim().max(200, 'must be at most 200 characters').nullish().transform((v) => v || null),
  idempotencyKey: idempotencyKey.nullish().transform((v) => v ?? null),
});

export const addMethodInput = perClock((now) =>
  z.object({ card: cardInput(now), makeDefault: z.boolean().nullish().transform((v) => v ?? false) }),
);

export const paymentFilter = z
  .object({
    orderId: uuid.nullish(),
    customerId: uuid.nullish(),
    status: z
      .enum(PAYMENT_STATUSES.map((s) => s.toUpperCase()) as [string, ...string[]])
      .nullish()
      .transform((v) => v?.toLowerCase()),
  })
  .nullish();
