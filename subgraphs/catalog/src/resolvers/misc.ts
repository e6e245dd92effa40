import type { CatalogContext } from '../context';
import type { Brand as BrandRow, ProductAttribute as AttributeRow, ProductAttributeValue as ValueRow, ProductImage as ImageRow, ProductReview } from '../generated/prisma/client';

/** Small value types: defaults for the seed's nullable columns, and links back into the graph. */
export const Brand = {
  isActive: (b: BrandRow) => b.isActive ?? true,
};

export const ProductImage = {
  displayOrder: (i: ImageRow) => i.displayOrder ?? 0,
  isPrimary: (i: ImageRow) => i.isPrimary ?? false,
  variant: (i: ImageRow, _: unknown, ctx: CatalogContext) => (i.variantId ? ctx.loaders.variant.load(i.variantId) : null),
};

export const ProductAttribute = {
  type: (a: AttributeRow) => a.attributeType,
  filterable: (a: AttributeRow) => a.isFilterable ?? false,
  searchable: (a: AttributeRow) => a.isSearchable ?? false,
  displayOrder: (a: AttributeRow) => a.displayOrder ?? 0,
  values: (a: AttributeRow, _: unknown, ctx: CatalogContext) => ctx.loaders.attributeValuesByAttribute.load(a.id),
};

export const ProductAttributeValue = {
  displayOrder: (v: ValueRow) => v.displayOrder ?? 0,
};

export const Review = {
  rating: (r: ProductReview) => r.rating ?? 0,
  verifiedPurchase: (r: ProductReview) => r.isVerifiedPurchase ?? false,
  approved: (r: ProductReview) => r.isApproved ?? false,
  helpfulCount: (r: ProductReview) => r.helpfulCount ?? 0,
  createdAt: (r: ProductReview) => r.createdAt?.toISOString() ?? null,
  product: (r: ProductReview, _: unknown, ctx: CatalogContext) => ctx.loaders.product.load(r.productId),
};

/** GraphQL enum names ↔ the seed's lowercase column values, mapped once here instead of in every service. */
export const enums = {
  ProductType: { SIMPLE: 'simple', CONFIGURABLE: 'configurable', BUNDLE: 'bundle' },
  ProductStatus: { DRAFT: 'draft', ACTIVE: 'active', INACTIVE: 'inactive', ARCHIVED: 'archived' },
  AttributeType: { TEXT: 'text', NUMBER: 'number', BOOLEAN: 'boolean', SELECT: 'select' },
  ProductRelationType: { CROSS_SELL: 'cross_sell', UP_SELL: 'up_sell', RELATED: 'related' },
};
