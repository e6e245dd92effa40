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
  /** Added for search (absent from older events): what a shopper's words are matched against. */
  description?: string | null;
  /** The category and its ancestors, root first (the category itself last). */
  category?: { id: string; name: string; slug: string; path: CategoryRef[] } | null;
  brand?: { id: string; name: string } | null;
  createdAt?: string | null;
}

export interface CategoryRef {
  id: string;
  name: string;
  slug: string;
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
  /** Added for search (absent from older events): the compare-at price and the variant's attributes. */
  comparePrice?: string | null;
  attributes?: Array<{ name: string; value: string }>;
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

/** Deepest a category chain is followed: the catalog refuses cycles, this only bounds a broken tree. */
const MAX_CATEGORY_DEPTH = 20;

async function categoryOf(tx: CatalogTx, categoryId: string | null): Promise<ProductFacts['category']> {
  const path: CategoryRef[] = [];
  let id = categoryId;
  while (id && path.length < MAX_CATEGORY_DEPTH) {
    const row = await tx.category.findUnique({ where: { id }, select: { id: true, name: true, slug: true, parentId: true } });
    if (!row) break;
    path.unshift({ id: row.id, name: row.name, slug: row.slug });
    id = row.parentId;
  }
  const own = path.at(-1);
  return own ? { ...own, path } : null;
}

async function productFacts(tx: CatalogTx, p: Product): Promise<ProductFacts> {
  const brand = p.brandId ? await tx.brand.findUnique({ where: { id: p.brandId }, select: { id: true, name: true } }) : null;
  return {
    productId: p.id, productVersion: Number(p.version ?? 1), sku: p.sku, name: p.name, slug: p.slug,
    status: p.status ?? 'draft', categoryId: p.categoryId ?? null, brandId: p.brandId ?? null,
    description: p.description ?? null, category: await categoryOf(tx, p.categoryId ?? null), brand, createdAt: p.createdAt?.toISOString() ?? null,
  };
}

function variantFacts(v: ProductVariant, product: Product, currency: string): VariantFacts {
  const attributes = Object.entries((v.attributes ?? {}) as Record<string, unknown>).map(([name, value]) => ({ name, value: String(value) }));
  return {
    productId: product.id, productVersion: Number(product.version ?? 1), variantId: v.id, sku: v.sku, price: v.price.toFixed(2),
    currency, isActive: v.isActive !== false, productStatus: product.status ?? 'draft',
    comparePrice: v.comparePrice?.toFixed(2) ?? null, attributes,
  };
}

function record(tx: CatalogTx, aggregateId: string, type: string, data: object, aggregateType = 'Product') {
  return recordEvent(tx, { aggregateType, aggregateId, type, schemaVersion: CATALOG_EVENTS_SCHEMA_VERSION, data });
}

/** ProductCreated, then VariantCreated for each variant it was created with. */
export async function productCreated(tx: CatalogTx, product: Product, variants: ProductVariant[], currency: string): Promise<void> {
  await record(tx, product.id, 'ProductCreated', await productFacts(tx, product));
  for (const v of variants) await record(tx, product.id, 'VariantCreated', variantFacts(v, product, currency));
}

/** ProductUpdated, or ProductArchived when the change archived it. */
export async function productChanged(tx: CatalogTx, before: Pick<Product, 'status'>, after: Product): Promise<void> {
  const archived = after.status === 'archived' && before.status !== 'archived';
  if (archived) await record(tx, after.id, 'ProductArchived', { productId: after.id, productVersion: Number(after.version ?? 1) });
  else await record(tx, after.id, 'ProductUpdated', await productFacts(tx, after));
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
