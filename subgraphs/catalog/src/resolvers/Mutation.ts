import { addProductAttributeValue, createProductAttribute } from '../services/attributes';
import { createBrand, updateBrand } from '../services/brands';
import { createCategory, updateCategory } from '../services/categories';
import { addProductImage, removeProductImage } from '../services/media';
import { archiveProduct, createProduct, updateProduct } from '../services/products';
import { removeProductRelation, setProductRelation } from '../services/relations';
import { moderateReview, writeReview } from '../services/reviews';
import { addVariant, archiveVariant, updateVariant } from '../services/variants';
import type { MutationResolvers } from './types.generated';

/** Thin by design: each field names the service call; rules and permissions live in the services. */
export const Mutation: MutationResolvers = {
  createProduct: (_, a, ctx) => createProduct(ctx, a.input),
  updateProduct: (_, a, ctx) => updateProduct(ctx, a.id, a.expectedVersion, a.input),
  archiveProduct: (_, a, ctx) => archiveProduct(ctx, a.id, a.expectedVersion),
  addVariant: (_, a, ctx) =>
    addVariant(ctx, a.productId, a.expectedVersion, a.input),
  updateVariant: (_, a, ctx) => updateVariant(ctx, a.id, a.expectedVersion, a.input),
  archiveVariant: (_, a, ctx) => archiveVariant(ctx, a.id, a.expectedVersion),
  createCategory: (_, a, ctx) => createCategory(ctx, a.input),
  updateCategory: (_, a, ctx) => updateCategory(ctx, a.id, a.input),
  createBrand: (_, a, ctx) => createBrand(ctx, a.input),
  updateBrand: (_, a, ctx) => updateBrand(ctx, a.id, a.input),
  addProductImage: (_, a, ctx) => addProductImage(ctx, a.productId, a.input),
  removeProductImage: (_, a, ctx) => removeProductImage(ctx, a.id),
  createProductAttribute: (_, a, ctx) => createProductAttribute(ctx, a.input),
  addProductAttributeValue: (_, a, ctx) =>
    addProductAttributeValue(ctx, a.attributeId, a.input),
  setProductRelation: (_, a, ctx) => setProductRelation(ctx, a.input),
  removeProductRelation: (_, a, ctx) => removeProductRelation(ctx, a.input),
  approveReview: (_, a, ctx) => moderateReview(ctx, a.id, true),
  rejectReview: (_, a, ctx) => moderateReview(ctx, a.id, false),
  writeReview: (_, a, ctx) => writeReview(ctx, a.input),
};
