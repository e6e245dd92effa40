import { assertAdmin, badUserInput, notFound, parseId, parseInput } from '@shop/platform';
import type { CatalogContext } from '../context';
import { inTransaction, type CatalogTx } from '../db';
import { assertCompareAtNotBelowPrice, parseMeasure, parsePrice } from '../domain/product';
import type { ProductVariant } from '../generated/prisma/client';
import { explainWriteError } from './db-errors';
import { updateVariantInput, variantInput, type UpdateVariantInput, type VariantInput } from './inputs';
import { changeProduct } from './product-aggregate';
import { variantChanged, variantCreated } from '../events/published';


/** Validated column values for a new variant; prices leave here as decimal strings. */
export function variantData(input: VariantInput, prefix = '') {
  const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const price = parsePrice(at('price'), input.price);
  const compareAt = input.compareAtPrice ? parsePrice(at('compareAtPrice'), input.compareAtPrice) : null;
  assertCompareAtNotBelowPrice(price, compareAt);
  return {
    sku: input.sku,
    name: input.name ?? null,
    price: price.toFixed(2),
    comparePrice: compareAt?.toFixed(2) ?? null,
    costPrice: input.costPrice ? parsePrice(at('costPrice'), input.costPrice).toFixed(2) : null,
    weight: input.weight ? parseMeasure(at('weight'), input.weight, 3).toFixed(3) : null,
    barcode: input.barcode ?? null,
    attributes: attributesJson(input.attributes),
    isDefault: input.isDefault ?? false,
  };
}

function attributesJson(list: { name: string; value: string }[] | null | undefined): Record<string, string> | undefined {
  if (!list) return undefined;
  const names = new Set(list.map((a) => a.name));
  if (names.size !== list.length) throw badUserInput('Each attribute can appear once per variant.', [{ field: 'attributes', message: 'duplicate name' }]);
  return Object.fromEntries(list.map((a) => [a.name, a.value]));
}

export async function addVariant(ctx: CatalogContext, productId: string, expectedVersion: number, raw: unknown): Promise<ProductVariant> {
  assertAdmin(ctx.viewer);
  const id = parseId(productId, 'productId');
  const data = variantData(parseInput(variantInput, raw));
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const product = await changeProduct(tx, id, expectedVersion, {});
      if (data.isDefault) await clearDefault(tx, id);
      const variant = await tx.productVariant.create({ data: { ...data, productId: id } });
      await variantCreated(tx, product, variant, ctx.currency);
      return variant;
    });
  } catch (error) {
    explainWriteError(error);
  }
}

export async function updateVariant(ctx: CatalogContext, variantId: string, expectedVersion: number, raw: unknown): Promise<ProductVariant> {
  assertAdmin(ctx.viewer);
  const id = parseId(variantId);
  const input = parseInput(updateVariantInput, raw);
  try {
    return await inTransaction(ctx.db, async (tx) => {
      const current = await tx.productVariant.findUnique({ where: { id } });
      if (!current) throw notFound('Variant');
      const product = await changeProduct(tx, current.productId, expectedVersion, {});
      const data = mergedVariant(current, input);
      if (data.isDefault && !current.isDefault) await clearDefault(tx, current.productId);
      const variant = await tx.productVariant.update({ where: { id }, data: { ...data, updatedAt: new Date() } });
      await variantChanged(tx, product, current, variant, ctx.currency);
      return variant;
    });
  } catch (error) {
    explainWriteError(error);
  }
}

export async function archiveVariant(ctx: CatalogContext, variantId: string, expectedVersion: number): Promise<ProductVariant> {
  return updateVariant(ctx, variantId, expectedVersion, { isActive: false });
}

/** Applies a partial change and re-checks the price rules against the merged result. */
function mergedVariant(current: ProductVariant, input: UpdateVariantInput) {
  const price = input.price !== undefined ? parsePrice('price', input.price) : parsePrice('price', current.price.toFixed(2));
  const compareAt =
    input.compareAtPrice !== undefined
      ? input.compareAtPrice === null ? null : parsePrice('compareAtPrice', input.compareAtPrice)
      : current.comparePrice ? parsePrice('compareAtPrice', current.comparePrice.toFixed(2)) : null;
  assertCompareAtNotBelowPrice(price, compareAt);
  return {
    sku: input.sku,
    name: input.name,
    price: price.toFixed(2),
    comparePrice: compareAt?.toFixed(2) ?? null,
    costPrice: input.costPrice === undefined ? undefined : input.costPrice === null ? null : parsePrice('costPrice', input.costPrice).toFixed(2),
    weight: input.weight == null ? input.weight : parseMeasure('weight', input.weight, 3).toFixed(3),
    barcode: input.barcode,
    attributes: attributesJson(input.attributes),
    isDefault: input.isDefault ?? undefined,
    isActive: input.isActive ?? undefined,
  };
}

async function clearDefault(tx: CatalogTx, productId: string): Promise<void> {
  await tx.productVariant.updateMany({ where: { productId, isDefault: true }, data: { isDefault: false } });
}
