import { listAttributes } from '../services/attributes';
import { getBrand, listBrands } from '../services/brands';
import { getCategory, rootCategories } from '../services/categories';
import { listProducts } from '../services/product-listing';
import { getProduct } from '../services/products';
import { pendingReviews } from '../services/reviews';
import type { QueryResolvers } from './types.generated';

export const Query: QueryResolvers = {
  product: (_, args, ctx) => getProduct(ctx, args),
  products: (_, args, ctx) => listProducts(ctx, args),
  category: (_, args, ctx) => getCategory(ctx, args),
  categories: (_, _args, ctx) => rootCategories(ctx),
  brands: (_, _args, ctx) => listBrands(ctx),
  brand: (_, args, ctx) => getBrand(ctx, args.slug),
  productAttributes: (_, args, ctx) =>
    listAttributes(ctx, args.filterableOnly ?? false),
  pendingReviews: (_, args, ctx) => pendingReviews(ctx, args),
};
