import { availabilityOfProduct, availabilityOfVariant } from '../services/availability';
import type { ProductResolvers, ProductVariantResolvers } from './types.generated';

/** Catalog entities extended with stock. The reference is all inventory needs: stock is keyed by variant / product id. */
export const ProductVariant: ProductVariantResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  availability: (v, _, ctx) => availabilityOfVariant(ctx, v.id),
};

export const Product: ProductResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  availability: (p, _, ctx) => availabilityOfProduct(ctx, p.id),
};
