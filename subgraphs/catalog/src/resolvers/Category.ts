import type { CatalogContext } from '../context';
import type { Category as CategoryRow } from '../generated/prisma/client';
import { breadcrumbs, childCategories, parentCategory } from '../services/categories';
import { listProducts, type ListProductsArgs } from '../services/product-listing';

export const Category = {
  parent: (c: CategoryRow, _: unknown, ctx: CatalogContext) => parentCategory(ctx, c),
  children: (c: CategoryRow, _: unknown, ctx: CatalogContext) => childCategories(ctx, c),
  breadcrumbs: (c: CategoryRow, _: unknown, ctx: CatalogContext) => breadcrumbs(ctx, c),
  displayOrder: (c: CategoryRow) => c.displayOrder ?? 0,
  isActive: (c: CategoryRow) => c.isActive ?? true,
  seo: (c: CategoryRow) => ({ title: c.metaTitle, description: c.metaDescription, keywords: c.metaKeywords }),
  products: (c: CategoryRow, args: Omit<ListProductsArgs, 'filter'>, ctx: CatalogContext) =>
    listProducts(ctx, { ...args, filter: { categorySlug: c.slug } }),
};
