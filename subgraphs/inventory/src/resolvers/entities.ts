import type { InventoryContext } from '../context';
import { availabilityOfProduct, availabilityOfVariant } from '../services/availability';

/** Catalog entities extended with stock. The reference is all inventory needs: stock is keyed by variant / product id. */
export const ProductVariant = {
  __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  availability: (v: { id: string }, _: unknown, ctx: InventoryContext) => availabilityOfVariant(ctx, v.id),
};

export const Product = {
  __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  availability: (p: { id: string }, _: unknown, ctx: InventoryContext) => availabilityOfProduct(ctx, p.id),
};
