import { assertAdmin, badUserInput, notFound, parseInput } from '@shop/platform';
import type { CatalogContext } from '../context';
import { inTransaction } from '../db';
import { productRelationsChanged } from '../events/published';
import type { Product } from '../generated/prisma/client';
import { relationInput } from './inputs';
import { lockProduct } from './product-aggregate';
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
  const key = { productId: input.productId, relatedProductId: input.relatedProductId, relationType: input.type };
  return inTransaction(ctx.db, async (tx) => {
    await lockProduct(tx, input.productId);
    if (!(await tx.product.findUnique({ where: { id: input.relatedProductId }, select: { id: true } }))) throw notFound('Product');
    await tx.productRelation.upsert({
      where: { productId_relatedProductId_relationType: key },
      create: { ...key, displayOrder: input.displayOrder ?? 0 },
      update: { displayOrder: input.displayOrder ?? 0 },
    });
    await productRelationsChanged(tx, input.productId, input.relatedProductId, input.type);
    return (await tx.product.findUnique({ where: { id: input.productId } })) as Product;
  });
}

export async function removeProductRelation(ctx: CatalogContext, raw: unknown): Promise<Product> {
  assertAdmin(ctx.viewer);
  const input = parseInput(relationInput, raw);
  return inTransaction(ctx.db, async (tx) => {
    await lockProduct(tx, input.productId);
    const { count } = await tx.productRelation.deleteMany({
      where: { productId: input.productId, relatedProductId: input.relatedProductId, relationType: input.type },
    });
    if (count > 0) await productRelationsChanged(tx, input.productId, input.relatedProductId, input.type);
    return (await tx.product.findUnique({ where: { id: input.productId } })) as Product;
  });
}
