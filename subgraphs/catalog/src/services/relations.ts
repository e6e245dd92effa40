import { assertAdmin, badUserInput, notFound, parseInput } from '@shop/platform';
import type { CatalogContext } from '../context';
import type { Product } from '../generated/prisma/client';
import { relationInput } from './inputs';
import { visible } from './products';

export type RelationType = 'cross_sell' | 'up_sell' | 'related';

/** Related products of one kind, in display order, hiding ones the caller may not see. */
export async function relatedProducts(ctx: CatalogContext, product: Product, type: RelationType): Promise<Product[]> {
  const relations = (await ctx.loaders.relationsByProduct.load(product.id)).filter((r) => r.relationType === type);
  const products = await ctx.loaders.product.loadMany(relations.map((r) => r.relatedProductId));
  return products.filter((p): p is Product => !(p instanceof Error) && visible(ctx, p) !== null);
}

export async function setProductRelation(ctx: CatalogContext, raw: unknown): Promise<Product> {
  assertAdmin(ctx.viewer);
  const input = parseInput(relationInput, raw);
  if (input.productId === input.relatedProductId) throw badUserInput('A product cannot be related to itself.');
  const found = await ctx.db.product.count({ where: { id: { in: [input.productId, input.relatedProductId] } } });
  if (found !== 2) throw notFound('Product');
  const key = { productId: input.productId, relatedProductId: input.relatedProductId, relationType: input.type };
  await ctx.db.productRelation.upsert({
    where: { productId_relatedProductId_relationType: key },
    create: { ...key, displayOrder: input.displayOrder ?? 0 },
    update: { displayOrder: input.displayOrder ?? 0 },
  });
  return (await ctx.db.product.findUnique({ where: { id: input.productId } })) as Product;
}

export async function removeProductRelation(ctx: CatalogContext, raw: unknown): Promise<Product> {
  assertAdmin(ctx.viewer);
  const input = parseInput(relationInput, raw);
  await ctx.db.productRelation.deleteMany({
    where: { productId: input.productId, relatedProductId: input.relatedProductId, relationType: input.type },
  });
  const product = await ctx.db.product.findUnique({ where: { id: input.productId } });
  if (!product) throw notFound('Product');
  return product;
}
