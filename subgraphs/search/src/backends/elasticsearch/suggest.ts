import type { estypes } from '@elastic/elasticsearch';
import type { Suggestion } from '../port.js';
import { parseFacetNodeKey } from './document.js';

/**
 * Autocomplete in one request. Products: the completion suggester on the seed's `name.suggest` (an in-memory prefix
 * structure, fast enough for every keystroke), fuzzy so "hedph" still offers headphones; it completes from the
 * start of a name. Categories and brands: terms aggregations whose `include` pattern keeps the keys beginning with
 * the prefix in any letter case — exact prefixes, no typo tolerance. Category keys are the facet node keys (JSON,
 * name first), which covers parent categories as well as the products' own.
 */
export function suggestBody(prefix: string, limit: number): Omit<estypes.SearchRequest, 'index'> {
  return {
    size: 0,
    _source: false,
    suggest: {
      products: {
        prefix,
        completion: { field: 'name.suggest', size: limit, skip_duplicates: true, fuzzy: { fuzziness: 'AUTO' } },
      },
    },
    aggs: {
      categories: { terms: { field: 'category.nodes', size: limit, include: `\\[\\"${anyCasePattern(jsonContent(prefix))}.*` } },
      brands: {
        terms: { field: 'brand.name', size: limit, include: `${anyCasePattern(prefix)}.*` },
        aggs: { id: { terms: { field: 'brand.id', size: 1 } } },
      },
    },
  };
}

interface SuggestResponse {
  suggest?: { products?: Array<{ options: Array<{ _id: string; text: string }> }> };
  aggregations?: {
    categories: { buckets: Array<{ key: string }> };
    brands: { buckets: Array<{ key: string; id: { buckets: Array<{ key: string }> } }> };
  };
}

/**
 * Products fill the list; categories and brands are kept a quarter of it each (at least one) when they match, and
 * any room left is theirs too. Listed products, then categories, then brands.
 */
export function parseSuggestions(response: unknown, limit: number): Suggestion[] {
  const res = response as SuggestResponse;
  const products: Suggestion[] = (res.suggest?.products?.[0]?.options ?? []).map((o) => ({ kind: 'PRODUCT', id: o._id, text: o.text }));
  const categories: Suggestion[] = (res.aggregations?.categories.buckets ?? []).map((b) => {
    const node = parseFacetNodeKey(b.key);
    return { kind: 'CATEGORY', id: node.id, text: node.name };
  });
  const brands: Suggestion[] = (res.aggregations?.brands.buckets ?? [])
    .filter((b) => b.id.buckets.length > 0)
    .map((b) => ({ kind: 'BRAND', id: b.id.buckets[0].key, text: b.key }));

  const share = Math.max(1, Math.floor(limit / 4));
  const keptCategories = Math.min(categories.length, share);
  const keptBrands = Math.min(brands.length, share);
  const listed = products.slice(0, Math.max(0, limit - keptCategories - keptBrands));
  let room = limit - listed.length - keptCategories - keptBrands;
  const extraCategories = Math.min(Math.max(0, room), categories.length - keptCategories);
  room -= extraCategories;
  const extraBrands = Math.min(Math.max(0, room), brands.length - keptBrands);
  return [
    ...listed,
    ...categories.slice(0, keptCategories + extraCategories),
    ...brands.slice(0, keptBrands + extraBrands),
  ].slice(0, limit);
}

/** The text as it appears inside a JSON string (quotes and backslashes escaped), the way category keys store names. */
const jsonContent = (text: string): string => JSON.stringify(text).slice(1, -1);

/** A Lucene regular expression matching `text` literally in any letter case: "Ab." → "[aA][bB]\.". */
export function anyCasePattern(text: string): string {
  return Array.from(text, (ch) => {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    if (lower !== upper && lower.length === 1 && upper.length === 1) return `[${lower}${upper}]`;
    return /[.?+*|{}[\]()"\\#@&<>~]/.test(ch) ? `\\${ch}` : ch;
  }).join('');
}
