import { Decimal, money, parseId } from '@shop/platform';
import { imagesOf } from '../services/media';
import { relatedProducts } from '../services/relations';
import { approvedReviews } from '../services/reviews';
import { getProduct } from '../services/products';
import { linked } from './linked';
import type { ProductResolvers } from './types.generated';

const decimalText = (value: { toString(): string } | null) => (value === null ? null : value.toString());

export const Product: ProductResolvers = {
  __resolveReference: (ref, ctx) => getProduct(ctx, { id: parseId(ref.id) }),
  category: async (p, _, ctx) => linked((await ctx.loaders.categoryMap()).get(p.categoryId), `Category ${p.categoryId}`),
  brand: (p, _, ctx) => (p.brandId ? ctx.loaders.brand.load(p.brandId) : null),
  weight: (p) => decimalText(p.weight),
  dimensions: (p) =>
    p.dimensionsLength || p.dimensionsWidth || p.dimensionsHeight
      ? { length: decimalText(p.dimensionsLength), width: decimalText(p.dimensionsWidth), height: decimalText(p.dimensionsHeight) }
      : null,
  seo: (p) => ({ title: p.metaTitle, description: p.metaDescription, keywords: p.metaKeywords }),
  variants: async (p, args, ctx) => {
    const variants = await ctx.loaders.variantsByProduct.load(p.id);
    return args.includeInactive ? variants : variants.filter((v) => v.isActive !== false);
  },
  images: (p, args, ctx) => imagesOf(ctx, p.id, args.first),
  priceRange: async (p, _, ctx) => {
    const prices = (await ctx.loaders.variantsByProduct.load(p.id)).filter((v) => v.isActive !== false).map((v) => new Decimal(v.price.toString()));
    if (prices.length === 0) return null;
    return { min: money(Decimal.min(...prices), ctx.currency), max: money(Decimal.max(...prices), ctx.currency) };
  },
  rating: (p, _, ctx) => ctx.loaders.rating.load(p.id),
  reviews: (p, args, ctx) => approvedReviews(ctx, p.id, args),
  crossSells: (p, _, ctx) => relatedProducts(ctx, p, 'cross_sell'),
  upSells: (p, _, ctx) => relatedProducts(ctx, p, 'up_sell'),
  relatedProducts: (p, _, ctx) => relatedProducts(ctx, p, 'related'),
  version: (p) => Number(p.version ?? 1),
  createdAt: (p) => p.createdAt?.toISOString() ?? null,
  updatedAt: (p) => p.updatedAt?.toISOString() ?? null,
};
