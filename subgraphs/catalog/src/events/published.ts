import { recordEvent } from '@shop/platform';
import type { CatalogTx } from '../db';
import type { Brand, Category, Product, ProductVariant } from '../generated/prisma/client';

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
 * A product's images and related products are part of it too: their edits record ProductImagesChanged and
 * ProductRelationsChanged under the product's row lock, without a new product version (admins' versions stay valid).
 * Categories and brands are aggregates of their own (`Category`, `Brand`); products and receivers' copies name
 * them, so a rename reaches every copy through CategoryUpdated / BrandUpdated.
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

/** A category as receivers copy it: where it sits in the tree (its path, root first, itself last). */
export interface CategoryFacts {
  categoryId: string;
  name: string;
  slug: string;
  parentId: string | null;
  isActive: boolean;
  path: CategoryRef[];
}

export interface BrandFacts {
  brandId: string;
  name: string;
  slug: string;
  isActive: boolean;
}

/** Deepest a category chain is followed: the catalog refuses cycles, this only bounds a broken tree. */
const MAX_CATEGORY_DEPTH = 20;

/**
 * The category's chain, read FOR SHARE: a rename or move waits for this transaction, so its CategoryUpdated comes
 * after this change's event in the stream, and a receiver never applies an older name over a newer one.
 */
async function categoryOf(tx: CatalogTx, categoryId: string | null): Promise<ProductFacts['category']> {
  const path: CategoryRef[] = [];
  let id = categoryId;
  while (id && path.length < MAX_CATEGORY_DEPTH) {
    const [row] = await tx.$queryRaw<{ id: string; name: string; slug: string; parentId: string | null }[]>`
      SELECT id::text, name, slug, parent_id::text AS "parentId" FROM categories WHERE id = ${id}::uuid FOR SHARE`;
    if (!row) break;
    path.unshift({ id: row.id, name: row.name, slug: row.slug });
    id = row.parentId;
  }
  const own = path.at(-1);
  return own ? { ...own, path } : null;
}

/** The brand's name, read FOR SHARE for the same reason as the category's chain. */
async function brandOf(tx: CatalogTx, brandId: string | null): Promise<ProductFacts['brand']> {
  if (!brandId) return null;
  const [row] = await tx.$queryRaw<{ id: string; name: string }[]>`SELECT id::text, name FROM brands WHERE id = ${brandId}::uuid FOR SHARE`;
  return row ?? null;
}

async function productFacts(tx: CatalogTx, p: Product): Promise<ProductFacts> {
  const brand = await brandOf(tx, p.brandId ?? null);
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

/** ProductImagesChanged: an image added to or removed from the product (the caller holds the product's row lock). */
export async function productImagesChanged(tx: CatalogTx, productId: string, imageId: string): Promise<void> {
  await record(tx, productId, 'ProductImagesChanged', { productId, imageId });
}

/** ProductRelationsChanged: a related product set or removed (the caller holds the product's row lock). */
export async function productRelationsChanged(tx: CatalogTx, productId: string, relatedProductId: string, relationType: string): Promise<void> {
  await record(tx, productId, 'ProductRelationsChanged', { productId, relatedProductId, relationType });
}

/** CategoryCreated / CategoryUpdated with the category's place in the tree as it is now (the tree is locked). */
export async function categoryChanged(tx: CatalogTx, category: Category, created: boolean): Promise<void> {
  const path = (await categoryOf(tx, category.id))?.path ?? [];
  const data: CategoryFacts = {
    categoryId: category.id, name: category.name, slug: category.slug, parentId: category.parentId ?? null,
    isActive: category.isActive !== false, path,
  };
  await record(tx, category.id, created ? 'CategoryCreated' : 'CategoryUpdated', data, 'Category');
}

/** BrandCreated / BrandUpdated (the brand's row is locked by its insert or update). */
export async function brandChanged(tx: CatalogTx, brand: Brand, created: boolean): Promise<void> {
  const data: BrandFacts = { brandId: brand.id, name: brand.name, slug: brand.slug, isActive: brand.isActive !== false };
  await record(tx, brand.id, created ? 'BrandCreated' : 'BrandUpdated', data, 'Brand');
}
