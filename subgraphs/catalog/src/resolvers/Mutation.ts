import type { CatalogContext } from '../context';
import { addProductAttributeValue, createProductAttribute } from '../services/attributes';
import { createBrand, updateBrand } from '../services/brands';
import { createCategory, updateCategory } from '../services/categories';
import { addProductImage, removeProductImage } from '../services/media';
import { archiveProduct, createProduct, updateProduct } from '../services/products';
import { removeProductRelation, setProductRelation } from '../services/relations';
import { moderateReview, writeReview } from '../services/reviews';
import { addVariant, archiveVariant, updateVariant } from '../services/variants';

type Input = { input: unknown };
type Versioned = { id: string; expectedVersion: number };

/** Thin by design: each field names the service call; rules and permissions live in the services. */
export const Mutation = {
  createProduct: (_: unknown, a: Input, ctx: CatalogContext) => createProduct(ctx, a.input),
  updateProduct: (_: unknown, a: Versioned & Input, ctx: CatalogContext) => updateProduct(ctx, a.id, a.expectedVersion, a.input),
  archiveProduct: (_: unknown, a: Versioned, ctx: CatalogContext) => archiveProduct(ctx, a.id, a.expectedVersion),
  addVariant: (_: unknown, a: { productId: string; expectedVersion: number } & Input, ctx: CatalogContext) =>
    addVariant(ctx, a.productId, a.expectedVersion, a.input),
  updateVariant: (_: unknown, a: Versioned & Input, ctx: CatalogContext) => updateVariant(ctx, a.id, a.expectedVersion, a.input),
  archiveVariant: (_: unknown, a: Versioned, ctx: CatalogContext) => archiveVariant(ctx, a.id, a.expectedVersion),
  createCategory: (_: unknown, a: Input, ctx: CatalogContext) => createCategory(ctx, a.input),
  updateCategory: (_: unknown, a: { id: string } & Input, ctx: CatalogContext) => updateCategory(ctx, a.id, a.input),
  createBrand: (_: unknown, a: Input, ctx: CatalogContext) => createBrand(ctx, a.input),
  updateBrand: (_: unknown, a: { id: string } & Input, ctx: CatalogContext) => updateBrand(ctx, a.id, a.input),
  addProductImage: (_: unknown, a: { productId: string } & Input, ctx: CatalogContext) => addProductImage(ctx, a.productId, a.input),
  removeProductImage: (_: unknown, a: { id: string }, ctx: CatalogContext) => removeProductImage(ctx, a.id),
  createProductAttribute: (_: unknown, a: Input, ctx: CatalogContext) => createProductAttribute(ctx, a.input),
  addProductAttributeValue: (_: unknown, a: { attributeId: string } & Input, ctx: CatalogContext) =>
    addProductAttributeValue(ctx, a.attributeId, a.input),
  setProductRelation: (_: unknown, a: Input, ctx: CatalogContext) => setProductRelation(ctx, a.input),
  removeProductRelation: (_: unknown, a: Input, ctx: CatalogContext) => removeProductRelation(ctx, a.input),
  approveReview: (_: unknown, a: { id: string }, ctx: CatalogContext) => moderateReview(ctx, a.id, true),
  rejectReview: (_: unknown, a: { id: string }, ctx: CatalogContext) => moderateReview(ctx, a.id, false),
  writeReview: (_: unknown, a: Input, ctx: CatalogContext) => writeReview(ctx, a.input),
};
