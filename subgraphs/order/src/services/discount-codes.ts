import { assertAdmin, conflict, Decimal, notFound, parseInput, uniqueViolation } from '@shop/platform';
import type { OrderContext } from '../context';
import type { OrderDbOrTx, OrderTx } from '../db';
import { codeRefused, normalizeCode, type DiscountCodeRules } from '../domain/discount-codes';
import { discountCodeInput } from '../domain/inputs';
import type { DiscountCode } from '../generated/prisma/client';

export function rulesOf(row: DiscountCode): DiscountCodeRules {
  return {
    code: row.code,
    name: row.name,
    kind: row.kind,
    value: row.value.toFixed(2),
    minOrderAmount: row.minOrderAmount ? row.minOrderAmount.toFixed(2) : null,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    usageLimit: row.usageLimit,
    timesUsed: row.timesUsed,
    isActive: row.isActive,
  };
}

export function findCode(db: OrderDbOrTx, code: string): Promise<DiscountCode | null> {
  return db.discountCode.findUnique({ where: { code } });
}

/**
 * Uses the code once, inside the order's transaction. The condition is re-checked by PostgreSQL on the locked
 * row, so of N concurrent orders on a code with K uses left exactly K get it; the others are refused. (The
 * validity window was checked just before, by assertCodeApplies.)
 */
export async function redeemCode(tx: OrderTx, code: string): Promise<void> {
  const used = await tx.$executeRaw`
    UPDATE discount_codes SET times_used = times_used + 1, updated_at = now()
    WHERE code = ${code} AND is_active AND (usage_limit IS NULL OR times_used < usage_limit)`;
  if (used === 0) throw codeRefused(code, 'USED_UP');
}

/** Gives a use back when the order that took it is cancelled before it shipped. */
export async function releaseCode(tx: OrderTx, code: string): Promise<void> {
  await tx.$executeRaw`UPDATE discount_codes SET times_used = times_used - 1, updated_at = now() WHERE code = ${code} AND times_used > 0`;
}

export async function createDiscountCode(ctx: OrderContext, input: unknown): Promise<DiscountCode> {
  assertAdmin(ctx.viewer);
  const data = parseInput(discountCodeInput, input);
  try {
    return await ctx.db.discountCode.create({
      data: {
        code: data.code,
        name: data.name,
        kind: data.kind,
        value: new Decimal(data.value).toFixed(2),
        minOrderAmount: data.minOrderAmount ?? null,
        startsAt: data.startsAt ? new Date(data.startsAt.length === 10 ? `${data.startsAt}T00:00:00Z` : data.startsAt) : null,
        endsAt: data.endsAt ? new Date(data.endsAt.length === 10 ? `${data.endsAt}T00:00:00Z` : data.endsAt) : null,
        usageLimit: data.usageLimit ?? null,
      },
    });
  } catch (error) {
    if (uniqueViolation(error)) throw conflict(`The discount code ${data.code} already exists.`);
    throw error;
  }
}

export async function deactivateDiscountCode(ctx: OrderContext, code: string): Promise<DiscountCode> {
  assertAdmin(ctx.viewer);
  const normalized = normalizeCode(code);
  const { count } = await ctx.db.discountCode.updateMany({ where: { code: normalized }, data: { isActive: false, updatedAt: new Date() } });
  if (count === 0) throw notFound(`The discount code ${normalized}`);
  return ctx.db.discountCode.findUniqueOrThrow({ where: { code: normalized } });
}

export async function discountCodeByCode(ctx: OrderContext, code: string): Promise<DiscountCode | null> {
  assertAdmin(ctx.viewer);
  return findCode(ctx.db, normalizeCode(code));
}
