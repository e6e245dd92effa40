import { z } from 'zod';

/**
 * The inventory's own copy of the catalog events it consumes (stream `events:catalog`), with only the fields it
 * relies on: a payload that breaks these goes to the inventory's dead letters at once. The publisher's side is
 * subgraphs/catalog/src/events/published.ts; extra fields are ignored (zod strips them).
 */
const id = z.uuid();

export const variantCreatedV1 = z.object({
  productId: id,
  variantId: id,
  sku: z.string().min(1).max(100),
  isActive: z.boolean(),
  productStatus: z.string(),
});
export type VariantCreated = z.infer<typeof variantCreatedV1>;

/** VariantUpdated carries the variant's state after the change: sku, isActive (restoring an archived variant) and its product's status. */
export const variantUpdatedV1 = variantCreatedV1;
export type VariantUpdated = z.infer<typeof variantUpdatedV1>;

export const variantArchivedV1 = z.object({ productId: id, variantId: id });
export type VariantArchived = z.infer<typeof variantArchivedV1>;

export const productArchivedV1 = z.object({ productId: id });
export type ProductArchived = z.infer<typeof productArchivedV1>;

/** ProductUpdated: only the status matters here (a product restored from archived is sellable again). */
export const productUpdatedV1 = z.object({ productId: id, status: z.string() });
export type ProductUpdated = z.infer<typeof productUpdatedV1>;
