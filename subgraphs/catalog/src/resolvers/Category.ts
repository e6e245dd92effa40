import { breadcrumbs, childCategories, parentCategory } from '../services/categories';
import { listProducts } from '../services/product-listing';
import type { CategoryResolvers } from './types.generated';

export const Category: CategoryResolvers = {
  parent: (c, _, ctx) => parentCategory(ctx, c),
  children: (c, _, ctx) => childCategories(ctx, c),
  breadcrumbs: (c, _, ctx) => breadcrumbs(ctx, c),
  displayOrder: (c) => c.displayOrder ?? 0,
  isActive: (c) => c.isActive ?? true,
  seo: (c) => ({ title: c.metaTitle, description: c.metaDescription, keywords: c.metaKeywords }),
  products: (c, args, ctx) =>
    listProducts(ctx, { ...args, filter: { categorySlug: c.slug } }),
};
