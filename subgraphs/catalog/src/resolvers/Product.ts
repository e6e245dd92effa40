import { Decimal, money, parseId, type PageArgs } from '@shop/platform';
import type { CatalogContext } from '../context';
import type { Product as ProductRow } from '../generated/prisma/client';
import { imagesOf } from '../services/media';
import { relatedProducts } from '../services/relations';
import { approvedReviews } from '../services/reviews';
import { getProduct } from '../services/products';

const decimalText = (value: { toString(): string } | null) => (value === null ? null : value.toString());

export const Product = {
  __resolveReference: (ref: { id: string }, ctx: CatalogContext) => getProduct(ctx, { id: parseId(ref.id) }),
  category: async (p: ProductRow, _: unknown, ctx: CatalogContext) => (await ctx.loaders.categoryMap()).get(p.categoryId),
  brand: (p: ProductRow, _: unknown, ctx: CatalogContext) => (p.brandId ? ctx.loaders.brand.load(p.brandId) : null),
  weight: (p: ProductRow) => decimalText(p.weight),
  dimensions: (p: ProductRow) =>
    p.dimensionsLength || p.dimensionsWidth || p.dimensionsHeight
      ? { length: decimalText(p.dimensionsLength), width: decimalText(p.dimensionsWidth), height: decimalText(p.dimensionsHeight) }
      : null,
  seo: (p: ProductRow) => ({ title: p.metaTitle, description: p.metaDescription, keywords: p.metaKeywords }),
  variants: async (p: ProductRow, args: { includeInactive?: boolean | null }, ctx: CatalogContext) => {
    const variants = await ctx.loaders.variantsByProduct.load(p.id);
    return args.includeInactive ? variants : variants.filter((v) => v.isActive !== false);
  },
  images: (p: ProductRow, args: { first?: number | null }, ctx: CatalogContext) => imagesOf(ctx, p.id, args.first),
  priceRange: async (p: ProductRow, _: unknown, ctx: CatalogContext) => {
    const prices = (await ctx.loaders.variantsByProduct.load(p.id)).filter((v) => v.isActive !== false).map((v) => new Decimal(v.price.toString()));
    if (prices.length === 0) return null;
    return { min: money(Decimal.min(...prices), ctx.currency), max: money(Decimal.max(...prices), ctx.currency) };
  },
  rating: (p: ProductRow, _: unknown, ctx: CatalogContext) => ctx.loaders.rating.load(p.id),
  reviews: (p: ProductRow, args: PageArgs, ctx: CatalogContext) => approvedReviews(ctx, p.id, args),
  crossSells: (p: ProductRow, _: unknown, ctx: CatalogContext) => relatedProducts(ctx, p, 'cross_sell'),
  upSells: (p: ProductRow, _: unknown, ctx: CatalogContext) => relatedProducts(ctx, p, 'up_sell'),
  relatedProducts: (p: ProductRow, _: unknown, ctx: CatalogContext) => relatedProducts(ctx, p, 'related'),
  version: (p: ProductRow) => Number(p.version ?? 1),
  createdAt: (p: ProductRow) => p.createdAt?.toISOString() ?? null,
  updatedAt: (p: ProductRow) => p.updatedAt?.toISOString() ?? null,
};
