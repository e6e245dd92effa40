import { badUserInput } from '@shop/platform';
import type { SearchFilter } from '../backends/port';

/** Longest query a shopper may send; longer is a mistake (or an attack), refused rather than cut. */
export const MAX_QUERY_LENGTH = 200;
const MAX_BRANDS = 50;
const MAX_ATTRIBUTES = 10;
const MAX_VALUES = 20;
const MAX_VALUE_LENGTH = 100;
const MAX_PRICE = 99_999_999.99;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DECIMAL = /^\d{1,8}(\.\d{1,2})?$/;

/** The filter as a client sends it (GraphQL SearchFilter). */
export interface SearchFilterInput {
  categoryId?: string | null;
  categorySlug?: string | null;
  brandIds?: string[] | null;
  minPrice?: string | null;
  maxPrice?: string | null;
  minRating?: number | null;
  inStock?: boolean | null;
  attributes?: Array<{ name: string; values: string[] }> | null;
}

/** The shopper's words: null lists by filter only; blank, too long or without a letter or digit is refused. */
export function assertQueryText(query: string | null | undefined): string | null {
  if (query === null || query === undefined) return null;
  const text = query.trim();
  if (text.length === 0) throw badUserInput('Type something to search for, or leave the query out to browse.', [{ field: 'query', message: 'must not be blank' }]);
  if (text.length > MAX_QUERY_LENGTH) {
    throw badUserInput(`A search can be at most ${MAX_QUERY_LENGTH} characters long.`, [{ field: 'query', message: `longer than ${MAX_QUERY_LENGTH} characters` }]);
  }
  if (!/[\p{L}\p{N}]/u.test(text)) throw badUserInput('A search needs at least one letter or digit.', [{ field: 'query', message: 'has no words' }]);
  return text;
}

function price(value: string | null | undefined, field: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text.startsWith('-')) throw badUserInput('A price cannot be negative.', [{ field, message: 'must not be negative' }]);
  if (!DECIMAL.test(text) || Number(text) > MAX_PRICE) {
    throw badUserInput('A price is a decimal amount like "19.90".', [{ field, message: 'must be a decimal amount with at most 2 decimals' }]);
  }
  return text;
}

function uuid(value: string, field: string): string {
  if (!UUID.test(value)) throw badUserInput('That is not an id this shop issued.', [{ field, message: 'must be an id' }]);
  return value.toLowerCase();
}

/**
 * The filter checked and normalized for the backend; the category slug and the attribute names are checked against
 * the read model by the service (they need the database).
 */
export function parseFilter(input: SearchFilterInput | null | undefined): { filter: SearchFilter; categorySlug: string | null } {
  const raw = input ?? {};
  const filter: SearchFilter = {};
  if (raw.categoryId && raw.categorySlug) {
    throw badUserInput('Filter by the category id or its slug, not both.', [{ field: 'filter.categorySlug', message: 'give categoryId or categorySlug' }]);
  }
  if (raw.categoryId) filter.categoryId = uuid(raw.categoryId, 'filter.categoryId');
  if (raw.brandIds?.length) {
    if (raw.brandIds.length > MAX_BRANDS) throw badUserInput(`At most ${MAX_BRANDS} brands.`, [{ field: 'filter.brandIds', message: 'too many' }]);
    filter.brandIds = raw.brandIds.map((id, i) => uuid(id, `filter.brandIds.${i}`));
  }
  filter.minPrice = price(raw.minPrice, 'filter.minPrice');
  filter.maxPrice = price(raw.maxPrice, 'filter.maxPrice');
  if (filter.minPrice && filter.maxPrice && Number(filter.minPrice) > Number(filter.maxPrice)) {
    throw badUserInput('The lowest price is above the highest.', [{ field: 'filter.minPrice', message: 'must not exceed maxPrice' }]);
  }
  if (raw.minRating !== null && raw.minRating !== undefined) {
    if (!Number.isFinite(raw.minRating) || raw.minRating < 0 || raw.minRating > 5) {
      throw badUserInput('A rating is between 0 and 5.', [{ field: 'filter.minRating', message: 'must be 0..5' }]);
    }
    filter.minRating = raw.minRating;
  }
  if (raw.inStock !== null && raw.inStock !== undefined) filter.inStock = raw.inStock;
  if (raw.attributes?.length) filter.attributes = parseAttributes(raw.attributes);
  for (const key of Object.keys(filter) as Array<keyof SearchFilter>) if (filter[key] === undefined) delete filter[key];
  return { filter, categorySlug: raw.categorySlug?.trim() || null };
}

function parseAttributes(list: Array<{ name: string; values: string[] }>): SearchFilter['attributes'] {
  if (list.length > MAX_ATTRIBUTES) throw badUserInput(`At most ${MAX_ATTRIBUTES} attributes.`, [{ field: 'filter.attributes', message: 'too many' }]);
  const names = new Set<string>();
  return list.map(({ name, values }, i) => {
    const field = `filter.attributes.${i}`;
    if (names.has(name)) throw badUserInput(`The attribute "${name.slice(0, 50)}" is given twice.`, [{ field, message: 'duplicate name' }]);
    names.add(name);
    if (values.length === 0 || values.length > MAX_VALUES) {
      throw badUserInput(`Give 1 to ${MAX_VALUES} values for an attribute.`, [{ field: `${field}.values`, message: `1..${MAX_VALUES} values` }]);
    }
    if (values.some((v) => v.length === 0 || v.length > MAX_VALUE_LENGTH || v.includes('='))) {
      throw badUserInput('An attribute value is 1 to 100 characters, without "=".', [{ field: `${field}.values`, message: 'invalid value' }]);
    }
    return { name, values: [...new Set(values)] };
  });
}
