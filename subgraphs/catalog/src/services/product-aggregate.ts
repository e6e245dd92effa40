import { notFound } from '@shop/platform';
import type { CatalogTx } from '../db';
import { assertVersion } from '../domain/product';
import type { Prisma, Product } from '../generated/prisma/client';

/**
 * The one way the product aggregate changes: a conditional update on the version the writer read, so two
 * concurrent writers cannot both win. Variant changes call it too, with no field changes, to claim the version.
 */
export async function changeProduct(
  tx: CatalogTx,
  productId: string,
  expectedVersion: number,
  data: Prisma.ProductUncheckedUpdateManyInput,
): Promise<Product> {
  const { count } = await tx.product.updateMany({
    where: { id: productId, version: BigInt(expectedVersion) },
    data: { ...data, version: { increment: 1 }, updatedAt: new Date() },
  });
  const product = await tx.product.findUnique({ where: { id: productId } });
  if (!product) throw notFound('Product');
  if (count === 0) assertVersion('This product', product.version, expectedVersion);
  return product;
}

/**
 * Locks the product's row for a change that is part of it without a new version (its images, its related
 * products), so the change's event is numbered after every earlier one of the product. NOT_FOUND without it.
 */
export async function lockProduct(tx: CatalogTx, productId: string): Promise<void> {
  const rows = await tx.$queryRaw<unknown[]>`SELECT 1 FROM products WHERE id = ${productId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw notFound('Product');
}
