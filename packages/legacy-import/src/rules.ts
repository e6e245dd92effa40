import { parseAmount } from '@shop/platform';
import { PRODUCT_STATUSES, slugify, type ProductStatus } from '@shop/catalog/domain/product';
import { defaultVariantIdFor, productIdFor } from './ids';

/**
 * What makes a legacy row importable: plain checks on one row, no database. The catalog's own limits (names up to
 * 500 characters, SKUs up to 100, prices that fit DECIMAL(10,2), the four statuses) so a row that passes never
 * meets a database refusal.
 */

/** A row of the legacy `products` table as read (every value as text; absent columns are undefined). */
export interface LegacyProduct {
  id: string;
  name: string | null;
  sku: string | null;
  price: string | null;
  description?: string | null;
  slug?: string | null;
  categoryId?: string | null;
  categoryName?: string | null;
  brandId?: string | null;
  brandName?: string | null;
  comparePrice?: string | null;
  status?: string | null;
  stockQuantity?: string | null;
}

export type SkipCode =
  | 'missing_name' | 'invalid_name' | 'missing_sku' | 'invalid_sku' | 'duplicate_sku' | 'sku_in_use'
  | 'missing_price' | 'invalid_price' | 'negative_price' | 'compare_price_below_price' | 'invalid_compare_price'
  | 'unknown_status' | 'unknown_category' | 'invalid_category' | 'unknown_brand' | 'invalid_brand';

export interface Skip {
  legacyId: string;
  code: SkipCode;
  reason: string;
}

/** Where a product's category comes from: the legacy id, a name column, or the shop's default category. */
export type CategorySource = { by: 'id'; id: string } | { by: 'name'; name: string } | { by: 'default' };
export type BrandSource = { by: 'id'; id: string } | { by: 'name'; name: string } | null;

export interface ProductPlan {
  legacyId: string;
  productId: string;
  variantId: string;
  name: string;
  sku: string;
  /** The slug a new product gets (an existing product keeps its own, so its URL does not move). */
  slug: string;
  description: string | null;
  price: string;
  comparePrice: string | null;
  status: ProductStatus;
  category: CategorySource;
  brand: BrandSource;
  /** Units on hand in the legacy shop; null when the table has no stock column or the row has no value. */
  stock: number | null;
  /** Why the stock of an importable product cannot be taken over (the product is imported without it). */
  stockProblem: string | null;
}

/** The seed's Data Migration Strategy: `UPDATE products SET status = 'active' WHERE status IS NULL`. */
export const DEFAULT_STATUS: ProductStatus = 'active';
/** Largest quantity the inventory takes in one movement (its MAX_LINE_QUANTITY). */
export const MAX_STOCK = 1_000_000;
const MAX_PRICE = '99999999.99';

/** C0 control characters other than tab and line breaks, and DEL: never part of a name a shopper should see. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const skip = (legacyId: string, code: SkipCode, reason: string): Skip => ({ legacyId, code, reason });
const blank = (value: string | null | undefined): boolean => value == null || value.trim() === '';

/**
 * Checks one legacy row and says what the catalog should hold for it, or why it is skipped. `firstWithSku` names,
 * for SKUs that several legacy rows share, the row that keeps the SKU (the first in import order).
 */
export function planProduct(row: LegacyProduct, firstWithSku: ReadonlyMap<string, string>): ProductPlan | Skip {
  const id = row.id;
  if (blank(row.name)) return skip(id, 'missing_name', 'The product has no name.');
  const name = (row.name as string).trim();
  if (CONTROL.test(name)) return skip(id, 'invalid_name', 'The name contains control characters (e.g. a NUL byte).');
  if (name.length > 500) return skip(id, 'invalid_name', 'The name is longer than 500 characters.');
  if (!slugify(name) && blank(row.slug)) return skip(id, 'invalid_name', 'The name has no letters or digits to make a URL slug from.');

  if (blank(row.sku)) return skip(id, 'missing_sku', 'The product has no SKU.');
  const sku = (row.sku as string).trim();
  if (CONTROL.test(sku) || sku.length > 100) return skip(id, 'invalid_sku', 'The SKU has control characters or is longer than 100 characters.');
  const owner = firstWithSku.get(sku);
  if (owner !== undefined && owner !== id) {
    return skip(id, 'duplicate_sku', `The SKU "${sku}" is also on legacy product ${owner}, which keeps it.`);
  }

  if (blank(row.price)) return skip(id, 'missing_price', 'The product has no price.');
  const price = parseAmount((row.price as string).trim());
  if (!price || price.greaterThan(MAX_PRICE)) {
    return skip(id, 'invalid_price', `The price "${row.price}" is not an amount the shop can hold (DECIMAL(10,2)).`);
  }
  if (price.isNegative()) return skip(id, 'negative_price', `The price ${price.toFixed(2)} is negative.`);

  let comparePrice: string | null = null;
  if (!blank(row.comparePrice)) {
    const compare = parseAmount((row.comparePrice as string).trim());
    if (!compare || compare.isNegative() || compare.greaterThan(MAX_PRICE)) {
      return skip(id, 'invalid_compare_price', `The compare price "${row.comparePrice}" is not an amount the shop can hold.`);
    }
    if (compare.lessThan(price)) {
      const reason = `The compare price ${compare.toFixed(2)} is below the price ${price.toFixed(2)}: it would advertise a discount that is not one.`;
      return skip(id, 'compare_price_below_price', reason);
    }
    comparePrice = compare.toFixed(2);
  }

  const status = blank(row.status) ? DEFAULT_STATUS : (row.status as string).trim().toLowerCase();
  if (!(PRODUCT_STATUSES as readonly string[]).includes(status)) {
    return skip(id, 'unknown_status', `The status "${row.status}" is none of ${PRODUCT_STATUSES.join(', ')}.`);
  }

  const category = categorySource(row);
  if ('code' in category) return skip(id, category.code, category.reason);
  const brand = brandSource(row);
  if (brand && 'code' in brand) return skip(id, brand.code, brand.reason);

  const productId = productIdFor(id);
  const stock = stockOf(row.stockQuantity);
  const legacySlug = blank(row.slug) ? '' : slugify(row.slug as string);
  return {
    legacyId: id, productId, variantId: defaultVariantIdFor(productId), name, sku,
    slug: (legacySlug || slugify(name)).slice(0, 200),
    description: blank(row.description) ? null : (row.description as string),
    price: price.toFixed(2), comparePrice, status: status as ProductStatus, category, brand,
    stock: typeof stock === 'number' ? stock : null,
    stockProblem: typeof stock === 'string' ? stock : null,
  };
}

/** Category and brand names: up to 200 characters, no control characters, something to make a slug from. */
const usableReferenceName = (name: string) => !CONTROL.test(name) && name.length <= 200 && slugify(name) !== '';

function categorySource(row: LegacyProduct): CategorySource | { code: SkipCode; reason: string } {
  if (!blank(row.categoryId)) return { by: 'id', id: (row.categoryId as string).trim() };
  if (blank(row.categoryName)) return { by: 'default' };
  const name = (row.categoryName as string).trim();
  if (!usableReferenceName(name)) return { code: 'invalid_category', reason: `The category name "${name}" cannot become a category.` };
  return { by: 'name', name };
}

function brandSource(row: LegacyProduct): BrandSource | { code: SkipCode; reason: string } {
  if (!blank(row.brandId)) return { by: 'id', id: (row.brandId as string).trim() };
  if (blank(row.brandName)) return null;
  const name = (row.brandName as string).trim();
  if (!usableReferenceName(name)) return { code: 'invalid_brand', reason: `The brand name "${name}" cannot become a brand.` };
  return { by: 'name', name };
}

/** Units on hand, null without a value, or a sentence saying why the value cannot be taken over. */
function stockOf(value: string | null | undefined): number | null | string {
  if (blank(value)) return null;
  const text = (value as string).trim();
  if (!/^-?\d+$/.test(text)) return `The stock quantity "${text}" is not a whole number.`;
  const units = Number(text);
  if (units < 0) return `The stock quantity ${units} is negative.`;
  if (units > MAX_STOCK) return `The stock quantity ${units} is above ${MAX_STOCK.toLocaleString('en-US')}.`;
  return units;
}

export const isSkip = <T extends object>(value: T | Skip): value is Skip => 'code' in value;
