import type { estypes } from '@elastic/elasticsearch';
import type { Suggestion } from '../port.js';
import { parseFacetNodeKey } from './document.js';

/**
 * Autocomplete in one request. Products: completion suggesters (in-memory prefix structures, fast enough for every
 * keystroke), fuzzy so "hedph" still offers headphones — the seed's `name.suggest` completes from the start of a
 * name, and `word_suggest` from the start of any later word ("head" → "Wireless Headphones"). Categories and
 * brands: terms aggregations whose `include` pattern keeps the keys beginning with the prefix in any letter case —
 * exact prefixes, no typo tolerance. Category keys are the facet node keys (JSON, name first), which covers parent
 * categories as well as the products' own.
 */
export function suggestBody(prefix: string, limit: number): Omit<estypes.SearchRequest, 'index'> {
  const completion = (field: string) => ({
    prefix,
    completion: { field, size: limit, skip_duplicates: true, fuzzy: { fuzziness: 'AUTO' } },
  });
  return {
    size: 0,
    _source: ['name'],
    suggest: { names: completion('name.suggest'), words: completion('word_suggest') },
    aggs: {
      categories: { terms: { field: 'category.nodes', size: limit, include: `\\[\\"${anyCasePattern(jsonContent(prefix))}.*` } },
      brands: {
        terms: { field: 'brand.name', size: limit, include: `${anyCasePattern(prefix)}.*` },
        aggs: { id: { terms: { field: 'brand.id', size: 1 } } },
      },
    },
  };
}

type Options = Array<{ options: Array<{ _id: string; _source?: { name: string } }> }>;
interface SuggestResponse {
  suggest?: { names?: Options; words?: Options };
  aggregations?: {
    categories: { buckets: Array<{ key: string }> };
    brands: { buckets: Array<{ key: string; id: { buckets: Array<{ key: string }> } }> };
  };
}

const shortestFirst = (a: Suggestion, b: Suggestion) => a.text.length - b.text.length || a.text.localeCompare(b.text);

/**
 * Categories, then brands, then products (names matched from their start before those matched at a later word),
 * at most `limit` in all — the PostgreSQL backend's order.
 */
export function parseSuggestions(response: unknown, limit: number): Suggestion[] {
  const res = response as SuggestResponse;
  const categories: Suggestion[] = (res.aggregations?.categories.buckets ?? []).map((b) => {
    const node = parseFacetNodeKey(b.key);
    return { kind: 'CATEGORY', id: node.id, text: node.name };
  });
  const brands: Suggestion[] = (res.aggregations?.brands.buckets ?? [])
    .filter((b) => b.id.buckets.length > 0)
    .map((b) => ({ kind: 'BRAND', id: b.id.buckets[0].key, text: b.key }));
  const products = new Map<string, Suggestion>();
  for (const suggester of [res.suggest?.names, res.suggest?.words]) {
    for (const option of suggester?.[0]?.options ?? []) {
      if (!option._source || products.has(option._id)) continue;
      products.set(option._id, { kind: 'PRODUCT', id: option._id, text: option._source.name });
    }
  }
  return [...categories.sort(shortestFirst), ...brands.sort(shortestFirst), ...products.values()].slice(0, limit);
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
