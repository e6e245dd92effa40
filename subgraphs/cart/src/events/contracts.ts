import { z } from 'zod';

/**
 * The cart's own copy of the catalog events it consumes (stream `events:catalog`), only the fields it relies on:
 * which variants or products changed. A payload that breaks these goes to the cart's dead letters at once.
 * Publisher's side: subgraphs/catalog/src/events/published.ts.
 */
const id = z.uuid();
const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal string');

export const variantPriceChangedV1 = z.object({ productId: id, variantId: id, oldPrice: decimal, newPrice: decimal });
export type VariantPriceChanged = z.infer<typeof variantPriceChangedV1>;

/** VariantUpdated and VariantArchived: the variant's name, SKU or status may have changed. */
export const variantChangedV1 = z.object({ productId: id, variantId: id });
export type VariantChanged = z.infer<typeof variantChangedV1>;

/** ProductUpdated and ProductArchived: the product's name or status may have changed for every variant. */
export const productChangedV1 = z.object({ productId: id });
export type ProductChanged = z.infer<typeof productChangedV1>;
