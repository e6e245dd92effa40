import { z } from 'zod';

/**
 * The search context's own copy of the events it consumes, only the fields it relies on; a payload that breaks
 * these goes to search's dead letters at once. Publishers: subgraphs/catalog/src/events/published.ts (stream
 * `events:catalog`) and subgraphs/inventory/src/services/stock-events-sql.ts (`events:inventory`). Fields marked
 * "newer" were added for search: older events lack them, and the read model then keeps what it knew (a full
 * rebuild from the catalog fills them in).
 */
const id = z.uuid();
const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal string');
const categoryRef = z.object({ id, name: z.string(), slug: z.string() });

export const productFactsV1 = z.object({
  productId: id,
  productVersion: z.number().int(),
  sku: z.string(),
  name: z.string(),
  slug: z.string(),
  status: z.string(),
  categoryId: id.nullable(),
  brandId: id.nullable(),
  /** newer */
  description: z.string().nullish(),
  /** newer: the category with its ancestors, root first */
  category: z.object({ id, name: z.string(), slug: z.string(), path: z.array(categoryRef) }).nullish(),
  /** newer */
  brand: z.object({ id, name: z.string() }).nullish(),
  /** newer */
  createdAt: z.string().nullish(),
});
export type ProductFacts = z.infer<typeof productFactsV1>;

export const productArchivedV1 = z.object({ productId: id, productVersion: z.number().int() });
export type ProductArchived = z.infer<typeof productArchivedV1>;

export const variantFactsV1 = z.object({
  productId: id,
  productVersion: z.number().int(),
  variantId: id,
  sku: z.string(),
  price: decimal,
  currency: z.string(),
  isActive: z.boolean(),
  /** newer */
  comparePrice: decimal.nullish(),
  /** newer */
  attributes: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
});
export type VariantFacts = z.infer<typeof variantFactsV1>;

export const variantArchivedV1 = z.object({ productId: id, productVersion: z.number().int(), variantId: id });
export type VariantArchived = z.infer<typeof variantArchivedV1>;

export const variantPriceChangedV1 = z.object({ productId: id, productVersion: z.number().int(), variantId: id, newPrice: decimal, currency: z.string() });
export type VariantPriceChanged = z.infer<typeof variantPriceChangedV1>;

export const reviewApprovedV1 = z.object({
  reviewId: id,
  productId: id,
  productRating: z.object({ average: decimal.nullable(), count: z.number().int().min(0) }),
});
export type ReviewApproved = z.infer<typeof reviewApprovedV1>;

export const stockLevelChangedV1 = z.object({ itemId: id, variantId: id, productId: id, available: z.number().int() });
export type StockLevelChanged = z.infer<typeof stockLevelChangedV1>;

/** A category renamed or moved: its place in the tree now, root first, itself last. */
export const categoryUpdatedV1 = z.object({ categoryId: id, path: z.array(categoryRef).min(1) });
export type CategoryUpdated = z.infer<typeof categoryUpdatedV1>;

export const brandUpdatedV1 = z.object({ brandId: id, name: z.string() });
export type BrandUpdated = z.infer<typeof brandUpdatedV1>;
