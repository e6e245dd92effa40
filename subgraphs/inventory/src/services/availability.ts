import type { InventoryContext } from '../context';
import { productAvailability, variantAvailability } from '../domain/stock';

/** Public: what the storefront shows. Batched per request through the loaders. */
export async function availabilityOfVariant(ctx: InventoryContext, variantId: string) {
  return variantAvailability(await ctx.loaders.stockByVariant.load(variantId));
}

export async function availabilityOfProduct(ctx: InventoryContext, productId: string) {
  return productAvailability(await ctx.loaders.totalByProduct.load(productId));
}
