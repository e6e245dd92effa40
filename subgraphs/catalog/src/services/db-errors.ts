import { badUserInput, conflict, uniqueViolation } from '@shop/platform';

/** Unique indexes of the catalog, as a shopper-readable name for what is duplicated. */
const UNIQUE_INDEXES: Record<string, string> = {
  products_sku_key: 'product SKU',
  products_slug_key: 'product slug',
  product_variants_sku_key: 'variant SKU',
  categories_slug_key: 'category slug',
  brands_name_key: 'brand name',
  brands_slug_key: 'brand slug',
  product_attributes_name_key: 'attribute name',
  product_attribute_values_attribute_id_value_key: 'attribute value',
  uq_reviews_product_customer: 'review',
};

/**
 * Turns the database's own refusals into errors a client can act on. Checks in code come first, but the
 * database has the last word under concurrency (two admins creating the same SKU at once).
 */
export function explainWriteError(error: unknown): never {
  const fields = uniqueViolation(error);
  if (fields) {
    const what = fields.map((f) => UNIQUE_INDEXES[f] ?? f).join(', ') || 'value';
    throw conflict(`That ${what} is already in use.`, { fields });
  }
  const code = (error as { code?: string })?.code;
  if (code === 'P2003') throw badUserInput('A referenced record does not exist.');
  throw error;
}
