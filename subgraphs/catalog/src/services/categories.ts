import { assertAdmin, badUserInput, notFound, parseId, parseInput } from '@shop/platform';
import { isStaff, type CatalogContext } from '../context';
import { inTransaction } from '../db';
import { ancestorsOf, assertNoCycle } from '../domain/category';
import { categoryChanged } from '../events/published';
import { slugify } from '../domain/product';
import type { Category } from '../generated/prisma/client';
import { explainWriteError } from './db-errors';
import { createCategoryInput, updateCategoryInput } from './inputs';

export async function getCategory(ctx: CatalogContext, args: { id?: string | null; slug?: string | null }): Promise<Category | null> {
  if ((args.id == null) === (args.slug == null)) throw badUserInput('Give exactly one of `id` or `slug`.');
  const all = await ctx.loaders.categories();
  const id = args.id != null ? parseId(args.id) : null;
  return all.find((c) => (id ? c.id === id : c.slug === args.slug)) ?? null;
}

export async function rootCategories(ctx: CatalogContext): Promise<Category[]> {
  return (await ctx.loaders.categories()).filter((c) => !c.parentId && (c.isActive || isStaff(ctx)));
}

export async function childCategories(ctx: CatalogContext, parent: Category): Promise<Category[]> {
  return (await ctx.loaders.categories()).filter((c) => c.parentId === parent.id && (c.isActive || isStaff(ctx)));
}

export async function parentCategory(ctx: CatalogContext, category: Category): Promise<Category | null> {
  return category.parentId ? ((await ctx.loaders.categoryMap()).get(category.parentId) ?? null) : null;
}

export async function breadcrumbs(ctx: CatalogContext, category: Category): Promise<Category[]> {
  return ancestorsOf(category.id, await ctx.loaders.categoryMap());
}

export async function createCategory(ctx: CatalogContext, raw: unknown): Promise<Category> {
  assertAdmin(ctx.viewer);
  const input = parseInput(createCategoryInput, raw);
  try {
    return await inTransaction(ctx.db, async (tx) => {
      if (input.parentId && !(await tx.category.findUnique({ where: { id: input.parentId } }))) {
        throw badUserInput('The parent category does not exist.', [{ field: 'parentId', message: 'unknown category' }]);
      }
      const category = await tx.category.create({
        data: {
          name: input.name,
          slug: input.slug ?? slugify(input.name),
          description: input.description,
          parentId: input.parentId ?? null,
          displayOrder: input.displayOrder ?? 0,
          isActive: input.isActive ?? true,
          metaTitle: input.seo?.title,
          metaDescription: input.seo?.description,
          metaKeywords: input.seo?.keywords,
        },
      });
      await categoryChanged(tx, category, true);
      return category;
    });
  } catch (error) {
    explainWriteError(error);
  }
}

export async function updateCategory(ctx: CatalogContext, id: string, raw: unknown): Promise<Category> {
  assertAdmin(ctx.viewer);
  const categoryId = parseId(id);
  const input = parseInput(updateCategoryInput, raw);
  try {
    return await inTransaction(ctx.db, async (tx) => {
      // Lock the whole tree so two concurrent moves cannot together form a cycle that neither alone would.
      await tx.$executeRaw`LOCK TABLE categories IN SHARE ROW EXCLUSIVE MODE`;
      const all = await tx.category.findMany({ select: { id: true, parentId: true } });
      const byId = new Map(all.map((c) => [c.id, c]));
      if (!byId.has(categoryId)) throw notFound('Category');
      if (input.parentId) {
        if (!byId.has(input.parentId)) throw badUserInput('The parent category does not exist.', [{ field: 'parentId', message: 'unknown category' }]);
        assertNoCycle(categoryId, input.parentId, byId);
      }
      const category = await tx.category.update({
        where: { id: categoryId },
        data: {
          name: input.name,
          slug: input.slug ?? undefined,
          description: input.description,
          parentId: input.parentId,
          displayOrder: input.displayOrder ?? undefined,
          isActive: input.isActive ?? undefined,
          metaTitle: input.seo?.title,
          metaDescription: input.seo?.description,
          metaKeywords: input.seo?.keywords,
          updatedAt: new Date(),
        },
      });
      await categoryChanged(tx, category, false);
      return category;
    });
  } catch (error) {
    explainWriteError(error);
  }
}


