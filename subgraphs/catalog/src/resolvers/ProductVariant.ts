import { forbidden, money, parseId } from '@shop/platform';
import { isStaff } from '../context';
import { visible } from '../services/products';
import { linked } from './linked';
import type { ProductVariantResolvers } from './types.generated';

export const ProductVariant: ProductVariantResolvers = {
  __resolveReference: async (ref, ctx) => {
    const variant = await ctx.loaders.variant.load(parseId(ref.id));
    return variant && visible(ctx, await ctx.loaders.product.load(variant.productId)) ? variant : null;
  },
  price: (v, _, ctx) => money(v.price, ctx.currency),
  compareAtPrice: (v, _, ctx) => (v.comparePrice ? money(v.comparePrice, ctx.currency) : null),
  costPrice: (v, _, ctx) => {
    if (!isStaff(ctx)) throw forbidden('Cost prices are visible to shop staff only.');
    return v.costPrice ? money(v.costPrice, ctx.currency) : null;
  },
  weight: (v) => v.weight?.toString() ?? null,
  attributes: (v) =>
    Object.entries((v.attributes ?? {}) as Record<string, unknown>).map(([name, value]) => ({ name, value: String(value) })),
  isDefault: (v) => v.isDefault ?? false,
  isActive: (v) => v.isActive ?? true,
  product: async (v, _, ctx) => linked(await ctx.loaders.product.load(v.productId), `Product ${v.productId}`),
  images: async (v, _, ctx) =>
    (await ctx.loaders.imagesByProduct.load(v.productId)).filter((i) => i.variantId === v.id),
};
