import { assertAdmin, badUserInput, notFound, parseId, parseInput } from '@shop/platform';
import type { CatalogContext } from '../context';
import { inTransaction } from '../db';
import { productImagesChanged } from '../events/published';
import type { ProductImage } from '../generated/prisma/client';
import { productImageInput } from './inputs';
import { lockProduct } from './product-aggregate';

export async function imagesOf(ctx: CatalogContext, productId: string, first?: number | null): Promise<ProductImage[]> {
  if (first != null && (!Number.isInteger(first) || first < 0 || first > 100)) {
    throw badUserInput('`first` must be between 0 and 100.', [{ field: 'first', message: 'must be 0..100' }]);
  }
  const images = await ctx.loaders.imagesByProduct.load(productId);
  return first == null ? images : images.slice(0, first);
}

export async function addProductImage(ctx: CatalogContext, productId: string, raw: unknown): Promise<ProductImage> {
  assertAdmin(ctx.viewer);
  const id = parseId(productId, 'productId');
  const input = parseInput(productImageInput, raw);
  return inTransaction(ctx.db, async (tx) => {
    await lockProduct(tx, id);
    if (input.variantId) {
      const variant = await tx.productVariant.findUnique({ where: { id: input.variantId }, select: { productId: true } });
      if (variant?.productId !== id) throw badUserInput('That variant is not one of this product’s.', [{ field: 'variantId', message: 'not this product' }]);
    }
    // One primary image per product: the new primary demotes the old one.
    if (input.isPrimary) await tx.productImage.updateMany({ where: { productId: id, isPrimary: true }, data: { isPrimary: false } });
    const image = await tx.productImage.create({
      data: {
        productId: id,
        url: input.url,
        altText: input.altText ?? null,
        variantId: input.variantId ?? null,
        displayOrder: input.displayOrder ?? 0,
        isPrimary: input.isPrimary ?? false,
      },
    });
    await productImagesChanged(tx, id, image.id);
    return image;
  });
}

export async function removeProductImage(ctx: CatalogContext, imageId: string): Promise<boolean> {
  assertAdmin(ctx.viewer);
  const id = parseId(imageId);
  return inTransaction(ctx.db, async (tx) => {
    const image = await tx.productImage.findUnique({ where: { id }, select: { productId: true } });
    if (!image) throw notFound('Image');
    await lockProduct(tx, image.productId);
    const { count } = await tx.productImage.deleteMany({ where: { id } });
    if (count === 0) throw notFound('Image'); // removed by a concurrent call while this one waited for the lock
    await productImagesChanged(tx, image.productId, id);
    return true;
  });
}
