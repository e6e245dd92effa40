import { badUserInput, assertAdmin, parseId, parseInput } from '@shop/platform';
import type { CatalogContext } from '../context';
import { isStaff } from '../context';
import { inTransaction, type CatalogTx } from '../db';
import { parseMeasure, slugify } from '../domain/product';
import type { Prisma, Product } from '../generated/prisma/client';
import { changeProduct } from './product-aggregate';
import { explainWriteError } from './db-errors';
import { createProductInput, updateProductInput, type UpdateProductInput } from './inputs';
import { variantData } from './variants';
import { productChanged, productCreated } from '../events/published';


/** Shoppers see active products; staff see every status. */
export function visible(ctx: CatalogContext, product: Product | null): Product | null {
  if (!product) return null;
  return product.status === 'active' || isStaff(ctx) ? product : null;
}

export async function getProduct(ctx: CatalogContext, args: { id?: string | null; slug?: string | null }): Promise<Product | null> {
  if ((args.id == null) === (args.slug == null)) throw badUserInput('Give exactly one of `id` or `slug`.');
  if (args.id != null) return visible(ctx, await ctx.loaders.product.load(parseId(args.id)));
  if ((args.slug as string).length > 500) throw badUserInput('`slug` must be at most 500 characters.');
  return visible(ctx, await ctx.loaders.productBySlug.load(args.slug as string));
}

export async function createProduct(ctx: CatalogContext, rawInput: unknown): Promise<Product> {
  assertAdmin(ctx.viewer);
  const input = parseInput(createProductInput, rawInput);
  const variants = (input.variants ?? []).map((v, i) => variantData(v, `variants.${i}`));
  if (variants.filter((v) => v.isDefault).length > 1) throw badUserInput('Only one variant can be the default.');
  const data: Prisma.ProductUncheckedCreateInput = {
    ...productFields(input),
    name: input.name,
    sku: input.sku,
    categoryId: input.categoryId,
    slug: input.slug ?? slugify(input.name),
    productType: input.productType ?? 'simple',
    status: input.status ?? 'draft',
    variants: variants.length ? { create: variants } : undefined,
  };
  try {
    return await inTransaction(ctx.db, async (tx) => {
      await assertReferencesExist(tx, input.categoryId, input.brandId);
      const { variants: created, ...product } = await tx.product.create({ data, include: { variants: { orderBy: { createdAt: 'asc' } } } });
      await productCreated(tx, product, created, ctx.currency);
      return product;
    });
  } catch (error) {
    explainWriteError(error);
  }
}

export async function updateProduct(ctx: CatalogContext, id: string, expectedVersion: number, rawInput: unknown): Promise<Product> {
  assertAdmin(ctx.viewer);
  const productId = parseId(id);
  const input = parseInput(updateProductInput, rawInput);
  try {
    return await inTransaction(ctx.db, async (tx) => {
      await assertReferencesExist(tx, input.categoryId, input.brandId);
      const before = await statusOf(tx, productId);
      const product = await changeProduct(tx, productId, expectedVersion, {
        ...productFields(input),
        name: input.name,
        sku: input.sku,
        slug: input.slug ?? undefined,
        categoryId: input.categoryId,
        productType: input.productType ?? undefined,
        status: input.status ?? undefined,
      });
      await productChanged(tx, before, product);
      return product;
    });
  } catch (error) {
    explainWriteError(error);
  }
}

export async function archiveProduct(ctx: CatalogContext, id: string, expectedVersion: number): Promise<Product> {
  assertAdmin(ctx.viewer);
  const productId = parseId(id);
  return inTransaction(ctx.db, async (tx) => {
    const before = await statusOf(tx, productId);
    const product = await changeProduct(tx, productId, expectedVersion, { status: 'archived' });
    await productChanged(tx, before, product);
    return product;
  });
}

/** The status before a change, so the change's event can say whether it archived the product. */
async function statusOf(tx: CatalogTx, productId: string): Promise<{ status: string | null }> {
  return (await tx.product.findUnique({ where: { id: productId }, select: { status: true } })) ?? { status: null };
}

async function assertReferencesExist(tx: CatalogTx, categoryId?: string | null, brandId?: string | null): Promise<void> {
  if (categoryId && !(await tx.category.findUnique({ where: { id: categoryId }, select: { id: true } }))) {
    throw badUserInput('That category does not exist.', [{ field: 'categoryId', message: 'unknown category' }]);
  }
  if (brandId && !(await tx.brand.findUnique({ where: { id: brandId }, select: { id: true } }))) {
    throw badUserInput('That brand does not exist.', [{ field: 'brandId', message: 'unknown brand' }]);
  }
}

/** Columns shared by create and update, with measures parsed to decimals. */
function productFields(input: UpdateProductInput) {
  const measure = (field: string, value: string | null | undefined, places: 2 | 3): string | null | undefined =>
    value == null ? value : parseMeasure(field, value, places).toFixed(places);
  return {
    brandId: input.brandId,
    description: input.description,
    shortDescription: input.shortDescription,
    weight: measure('weight', input.weight, 3),
    dimensionsLength: measure('dimensions.length', input.dimensions?.length, 2),
    dimensionsWidth: measure('dimensions.width', input.dimensions?.width, 2),
    dimensionsHeight: measure('dimensions.height', input.dimensions?.height, 2),
    metaTitle: input.seo?.title,
    metaDescription: input.seo?.description,
    metaKeywords: input.seo?.keywords,
  };
}
