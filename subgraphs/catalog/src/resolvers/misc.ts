import { linked } from './linked';
import type {
  AttributeType, AttributeTypeResolvers, BrandResolvers, ProductAttributeResolvers, ProductAttributeValueResolvers, ProductImageResolvers,
  ProductRelationTypeResolvers, ProductStatusResolvers, ProductTypeResolvers, ReviewResolvers,
} from './types.generated';

/** Small value types: defaults for the seed's nullable columns, and links back into the graph. */
export const Brand: BrandResolvers = {
  isActive: (b) => b.isActive ?? true,
};

export const ProductImage: ProductImageResolvers = {
  displayOrder: (i) => i.displayOrder ?? 0,
  isPrimary: (i) => i.isPrimary ?? false,
  variant: (i, _, ctx) => (i.variantId ? ctx.loaders.variant.load(i.variantId) : null),
};

export const ProductAttribute: ProductAttributeResolvers = {
  // attribute_type's CHECK holds exactly AttributeType's internal values.
  type: (a) => a.attributeType as AttributeType,
  filterable: (a) => a.isFilterable ?? false,
  searchable: (a) => a.isSearchable ?? false,
  displayOrder: (a) => a.displayOrder ?? 0,
  values: (a, _, ctx) => ctx.loaders.attributeValuesByAttribute.load(a.id),
};

export const ProductAttributeValue: ProductAttributeValueResolvers = {
  displayOrder: (v) => v.displayOrder ?? 0,
};

export const Review: ReviewResolvers = {
  rating: (r) => r.rating ?? 0,
  verifiedPurchase: (r) => r.isVerifiedPurchase ?? false,
  approved: (r) => r.isApproved ?? false,
  helpfulCount: (r) => r.helpfulCount ?? 0,
  createdAt: (r) => r.createdAt?.toISOString() ?? null,
  product: async (r, _, ctx) => linked(await ctx.loaders.product.load(r.productId), `Product ${r.productId}`),
};

/** GraphQL enum names ↔ the seed's lowercase column values, mapped once here instead of in every service. */
export const enums: {
  ProductType: ProductTypeResolvers;
  ProductStatus: ProductStatusResolvers;
  AttributeType: AttributeTypeResolvers;
  ProductRelationType: ProductRelationTypeResolvers;
} = {
  ProductType: { SIMPLE: 'simple', CONFIGURABLE: 'configurable', BUNDLE: 'bundle' },
  ProductStatus: { DRAFT: 'draft', ACTIVE: 'active', INACTIVE: 'inactive', ARCHIVED: 'archived' },
  AttributeType: { TEXT: 'text', NUMBER: 'number', BOOLEAN: 'boolean', SELECT: 'select' },
  ProductRelationType: { CROSS_SELL: 'cross_sell', UP_SELL: 'up_sell', RELATED: 'related' },
};
