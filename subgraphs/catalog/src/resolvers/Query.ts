import type { CatalogContext } from '../context';
import { listAttributes } from '../services/attributes';
import { getBrand, listBrands } from '../services/brands';
import { getCategory, rootCategories } from '../services/categories';
import { listProducts, type ListProductsArgs } from '../services/product-listing';
import { getProduct } from '../services/products';
import { pendingReviews } from '../services/reviews';

type Args = Record<string, never>;
type ByIdOrSlug = { id?: string | null; slug?: string | null };

export const Query = {
  product: (_: unknown, args: ByIdOrSlug, ctx: CatalogContext) => getProduct(ctx, args),
  products: (_: unknown, args: ListProductsArgs, ctx: CatalogContext) => listProducts(ctx, args),
  category: (_: unknown, args: ByIdOrSlug, ctx: CatalogContext) => getCategory(ctx, args),
  categories: (_: unknown, _args: Args, ctx: CatalogContext) => rootCategories(ctx),
  brands: (_: unknown, _args: Args, ctx: CatalogContext) => listBrands(ctx),
  brand: (_: unknown, args: { slug: string }, ctx: CatalogContext) => getBrand(ctx, args.slug),
  productAttributes: (_: unknown, args: { filterableOnly?: boolean | null }, ctx: CatalogContext) =>
    listAttributes(ctx, args.filterableOnly ?? false),
  pendingReviews: (_: unknown, args: { first?: number; after?: string }, ctx: CatalogContext) => pendingReviews(ctx, args),
};
