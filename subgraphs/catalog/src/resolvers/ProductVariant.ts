import { forbidden, money, parseId } from '@shop/platform';
import { isStaff, type CatalogContext } from '../context';
import type { ProductVariant as VariantRow } from '../generated/prisma/client';
import { visible } from '../services/products';

export const ProductVariant = {
  __resolveReference: async (ref: { id: string }, ctx: CatalogContext) => {
    const variant = await ctx.loaders.variant.load(parseId(ref.id));
    return variant && visible(ctx, await ctx.loaders.product.load(variant.productId)) ? variant : null;
  },
  price: (v: VariantRow, _: unknown, ctx: CatalogContext) => money(v.price, ctx.currency),
  compareAtPrice: (v: VariantRow, _: unknown, ctx: CatalogContext) => (v.comparePrice ? money(v.comparePrice, ctx.currency) : null),
  costPrice: (v: VariantRow, _: unknown, ctx: CatalogContext) => {
    if (!isStaff(ctx)) throw forbidden('Cost prices are visible to shop staff only.');
    return v.costPrice ? money(v.costPrice, ctx.currency) : null;
  },
  weight: (v: VariantRow) => v.weight?.toString() ?? null,
  attributes: (v: VariantRow) =>
    Object.entries((v.attributes ?? {}) as Record<string, unknown>).map(([name, value]) => ({ name, value: String(value) })),
  isDefault: (v: VariantRow) => v.isDefault ?? false,
  isActive: (v: VariantRow) => v.isActive ?? true,
  product: (v: VariantRow, _: unknown, ctx: CatalogContext) => ctx.loaders.product.load(v.productId),
  images: async (v: VariantRow, _: unknown, ctx: CatalogContext) =>
    (await ctx.loaders.imagesByProduct.load(v.productId)).filter((i) => i.variantId === v.id),
};
