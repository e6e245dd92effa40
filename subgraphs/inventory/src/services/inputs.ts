import { z } from 'zod';
import { uuid } from '@shop/platform';
import { MAX_LINES, TTL_SECONDS } from '../domain/reservations';
import { MAX_LINE_QUANTITY } from '../domain/stock';

/** Input shapes with their bounds, so a bad value is one BAD_USER_INPUT naming the field and nothing is written. */
const quantity = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(MAX_LINE_QUANTITY, `must be at most ${MAX_LINE_QUANTITY.toLocaleString('en-US')}`);
const count = z.number().int('must be a whole number').min(0, 'cannot be negative').max(MAX_LINE_QUANTITY, `must be at most ${MAX_LINE_QUANTITY.toLocaleString('en-US')}`);
const setting = z.number().int('must be a whole number').min(0, 'cannot be negative').max(MAX_LINE_QUANTITY).nullish();
const text = (max: number) => z.string().trim().min(1, 'cannot be empty').max(max, `must be at most ${max} characters`);

/** Each variant once per request: two lines for one variant would be one line with the sum. */
const uniqueVariants = <T extends { variantId: string }>(lines: T[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    const key = line.variantId.toLowerCase();
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'variantId'], message: 'appears more than once' });
    seen.add(key);
  });
};

export const reserveStockInput = z.object({
  orderId: uuid,
  lines: z
    .array(z.object({ variantId: uuid, quantity }))
    .min(1, 'needs at least one line')
    .max(MAX_LINES, `at most ${MAX_LINES} lines`)
    .superRefine(uniqueVariants),
  ttlSeconds: z
    .number()
    .int('must be a whole number')
    .min(TTL_SECONDS.min, `must be at least ${TTL_SECONDS.min}`)
    .max(TTL_SECONDS.max, `must be at most ${TTL_SECONDS.max}`)
    .nullish()
    .transform((v) => v ?? TTL_SECONDS.fallback),
});
export type ReserveStockInput = z.infer<typeof reserveStockInput>;

export const ensureItemInput = z.object({
  variantId: uuid,
  productId: uuid,
  sku: text(100),
  lowStockThreshold: setting,
  reorderPoint: setting,
  reorderQuantity: setting,
});
export type EnsureItemInput = z.infer<typeof ensureItemInput>;

export const settingsInput = z.object({ lowStockThreshold: setting, reorderPoint: setting, reorderQuantity: setting });

export const restockInput = z.object({ variantId: uuid, quantity, reason: text(200).nullish() });

export const draftAdjustmentInput = z.object({
  reason: text(200),
  notes: z.string().trim().max(5_000, 'must be at most 5000 characters').nullish(),
  lines: z
    .array(z.object({ variantId: uuid, adjustedQuantity: count }))
    .min(1, 'needs at least one line')
    .max(MAX_LINES, `at most ${MAX_LINES} lines`)
    .superRefine(uniqueVariants),
});
export type DraftAdjustmentInput = z.infer<typeof draftAdjustmentInput>;
