import { recordEvent } from '@shop/platform';
import type { CatalogTx } from '../db';
import type { Product, ProductVariant } from '../generated/prisma/client';

/**
 * The integration events the catalog publishes (stream `events:catalog`), each recorded in the transaction that
 * makes the change. Receivers keep their own copy of the fields they rely on (subgraphs/<ctx>/src/events/contracts.ts).
 *
 * Aggregates: a product and its variants are one aggregate, `Product` — every variant change claims the product's
 * version (services/product-aggregate.ts), so one product's events, variants' included, reach each receiver in the
 * order they happened (an archived product's variant created just before is never left sellable). One change can
 * record several events (a product created with variants; a variant update that changes the price), so the outbox
 * numbers them per product and each payload carries `productVersion`, the product's version column after the
 * change. Reviews are their own aggregate, `ProductReview`, numbered the same way. Prices are decimal strings.
 */
export const CATALOG_EVENTS_SCHEMA_VERSION = 1;

export interface ProductFacts {
  productId: string;
  productVersion: number;
  sku: string;
  name: string;
  slug: string;
  status: string;
  categoryId: string | null;
  brandId: string | null;
}

export interface VariantFacts {
  productId: string;
  productVersion: number;
  variantId: string;
  sku: string;
  price: string;
  currency: string;
  isActive: boolean;
  /** The product's status now: a variant of an archived product is not sellable either. */
  productStatus: string;
}

export interface VariantPriceChangedData {
  productId: string;
  productVersion: number;
  variantId: string;
  sku: string;
  oldPrice: string;
  newPrice: string;
  currency: string;
}

export interface ReviewApprovedData {
  reviewId: string;
  productId: string;
  rating: number;
  /** The product's approved-review figures including this review; average rounded to 2 places, null without reviews. */
  productRating: { average: string | null; count: number };
}

function productFacts(p: Product): ProductFacts {
  return {
    productId: p.id, productVersion: Number(p.version ?? 1), sku: p.sku, name: p.name, slug: p.slug,
    status: p.status ?? 'draft', categoryId: p.categoryId ?? null, brandId: p.brandId ?? null,
  };
}

function variantFacts(v: ProductVariant, product: Product, currency: string): VariantFacts {
  return {
    productId: product.id, productVersion: Number(product.version ?? 1), variantId: v.id, sku: v.sku, price: v.price.toFixed(2),
    currency, isActive: v.isActive !== false, productStatus: product.status ?? 'draft',
  };
}

function record(tx: CatalogTx, aggregateId: string, type: string, data: object, aggregateType = 'Product') {
  return recordEvent(tx, { aggregateType, aggregateId, type, schemaVersion: CATALOG_EVENTS_SCHEMA_VERSION, data });
}

/** ProductCreated, then VariantCreated for each variant it was created with. */
export async function productCreated(tx: CatalogTx, product: Product, variants: ProductVariant[], currency: string): Promise<void> {
  await record(tx, product.id, 'ProductCreated', productFacts(product));
  for (const v of variants) await record(tx, product.id, 'VariantCreated', variantFacts(v, product, currency));
}

/** ProductUpdated, or ProductArchived when the change archived it. */
export async function productChanged(tx: CatalogTx, before: Pick<Product, 'status'>, after: Product): Promise<void> {
  const archived = after.status === 'archived' && before.status !== 'archived';
  if (archived) await record(tx, after.id, 'ProductArchived', { productId: after.id, productVersion: Number(after.version ?? 1) });
  else await record(tx, after.id, 'ProductUpdated', productFacts(after));
}

export async function variantCreated(tx: CatalogTx, product: Product, variant: ProductVariant, currency: string): Promise<void> {
  await record(tx, product.id, 'VariantCreated', variantFacts(variant, product, currency));
}

/**
 * VariantArchived when the change deactivated the variant, VariantUpdated otherwise; VariantPriceChanged after
 * either when the price moved (old and new price).
 */
export async function variantChanged(tx: CatalogTx, product: Product, before: ProductVariant, after: ProductVariant, currency: string): Promise<void> {
  const facts = variantFacts(after, product, currency);
  if (before.isActive !== false && after.isActive === false) {
    await record(tx, product.id, 'VariantArchived', { productId: facts.productId, productVersion: facts.productVersion, variantId: after.id, sku: after.sku });
  } else {
    await record(tx, product.id, 'VariantUpdated', facts);
  }
  if (!before.price.equals(after.price)) {
    const data: VariantPriceChangedData = {
      productId: product.id, productVersion: facts.productVersion, variantId: after.id, sku: after.sku,
      oldPrice: before.price.toFixed(2), newPrice: after.price.toFixed(2), currency,
    };
    await record(tx, product.id, 'VariantPriceChanged', data);
  }
}

export async function reviewApproved(tx: CatalogTx, data: ReviewApprovedData): Promise<void> {
  await record(tx, data.reviewId, 'ReviewApproved', data, 'ProductReview');
}
