import { z } from 'zod';
import { AMOUNT, decimalString, uuid } from '@shop/platform';
import { SLUG_PATTERN } from '../domain/product';

/** Input shapes with the seed's column limits, so an oversized value is a clear error and never a database one. */
const text = (max: number) => z.string().trim().min(1, 'cannot be empty').max(max, `must be at most ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).nullish();
const slug = (max: number) =>
  z.string().max(max, `must be at most ${max} characters`).regex(SLUG_PATTERN, 'must be lowercase words joined by hyphens');
const url = z.string().max(500, 'must be at most 500 characters').url('must be a URL').refine((u) => /^https?:\/\//.test(u), 'must be http(s)');
const order = z.number().int().min(-1_000_000).max(1_000_000);
const LONG_TEXT = 20_000;

export const seoInput = z
  .object({ title: optionalText(255), description: optionalText(LONG_TEXT), keywords: optionalText(LONG_TEXT) })
  .nullish();

export const dimensionsInput = z
  .object({ length: z.string().nullish(), width: z.string().nullish(), height: z.string().nullish() })
  .nullish();

export const variantAttributes = z
  .array(z.object({ name: text(100), value: text(200) }))
  .max(50, 'at most 50 attributes')
  .nullish();

const variantFields = {
  sku: text(100),
  name: optionalText(200),
  compareAtPrice: z.string().max(20).nullish(),
  costPrice: z.string().max(20).nullish(),
  weight: z.string().max(20).nullish(),
  barcode: optionalText(100),
  attributes: variantAttributes,
};

export const variantInput = z.object({ ...variantFields, price: z.string().max(20), isDefault: z.boolean().nullish() });
export type VariantInput = z.infer<typeof variantInput>;

export const updateVariantInput = z.object({
  ...variantFields,
  sku: text(100).optional(),
  price: z.string().max(20).optional(),
  isDefault: z.boolean().nullish(),
  isActive: z.boolean().nullish(),
});
export type UpdateVariantInput = z.infer<typeof updateVariantInput>;

const productFields = {
  name: text(500),
  slug: slug(500).nullish(),
  sku: text(100),
  categoryId: uuid,
  brandId: uuid.nullish(),
  description: optionalText(LONG_TEXT),
  shortDescription: optionalText(LONG_TEXT),
  productType: z.enum(['simple', 'configurable', 'bundle']).nullish(),
  status: z.enum(['draft', 'active', 'inactive', 'archived']).nullish(),
  weight: z.string().max(20).nullish(),
  dimensions: dimensionsInput,
  seo: seoInput,
};

export const createProductInput = z.object({ ...productFields, variants: z.array(variantInput).max(100, 'at most 100 variants').nullish() });
export type CreateProductInput = z.infer<typeof createProductInput>;

export const updateProductInput = z.object({
  ...productFields,
  name: text(500).optional(),
  sku: text(100).optional(),
  categoryId: uuid.optional(),
});
export type UpdateProductInput = z.infer<typeof updateProductInput>;

export const createCategoryInput = z.object({
  name: text(200),
  slug: slug(200).nullish(),
  description: optionalText(LONG_TEXT),
  parentId: uuid.nullish(),
  displayOrder: order.nullish(),
  isActive: z.boolean().nullish(),
  seo: seoInput,
});
export const updateCategoryInput = createCategoryInput.extend({ name: text(200).optional() });

export const createBrandInput = z.object({
  name: text(200),
  slug: slug(200).nullish(),
  description: optionalText(LONG_TEXT),
  logoUrl: url.nullish(),
  websiteUrl: url.nullish(),
  isActive: z.boolean().nullish(),
});
export const updateBrandInput = createBrandInput.extend({ name: text(200).optional() });

export const productImageInput = z.object({
  url,
  altText: optionalText(200),
  variantId: uuid.nullish(),
  displayOrder: order.nullish(),
  isPrimary: z.boolean().nullish(),
});

export const attributeValueInput = z.object({ value: text(200), displayValue: text(200), displayOrder: order.nullish() });
export const createAttributeInput = z.object({
  name: text(100),
  displayName: text(100),
  type: z.enum(['text', 'number', 'boolean', 'select']),
  filterable: z.boolean().nullish(),
  searchable: z.boolean().nullish(),
  displayOrder: order.nullish(),
  values: z.array(attributeValueInput).max(500).nullish(),
});

export const relationInput = z.object({
  productId: uuid,
  relatedProductId: uuid,
  type: z.enum(['cross_sell', 'up_sell', 'related']),
  displayOrder: order.nullish(),
});

export const writeReviewInput = z.object({
  productId: uuid,
  rating: z.number(),
  title: optionalText(200),
  content: optionalText(LONG_TEXT),
});

export const productFilter = z
  .object({
    categorySlug: z.string().max(200).nullish(),
    brandSlug: z.string().max(200).nullish(),
    status: z.enum(['draft', 'active', 'inactive', 'archived']).nullish(),
    priceMin: decimalString(AMOUNT, { min: 0 }).nullish(),
    priceMax: decimalString(AMOUNT, { min: 0 }).nullish(),
    attributes: z
      .array(z.object({ name: text(100), values: z.array(text(200)).min(1, 'needs a value').max(50) }))
      .max(20)
      .nullish(),
  })
  .nullish();
export type ProductFilter = z.infer<typeof productFilter>;
