/**
 * The one port both search backends implement: PostgreSQL full-text in the search context's own database (the
 * default) and Elasticsearch (the seed's product_index mapping) when ELASTICSEARCH_URL is set. The search
 * context's read model (built from catalog, inventory and review events) produces `ProductDocument`s; a backend
 * only indexes and queries them. Money crosses this port as decimal strings, never floats.
 */

/** One product as the index sees it: only ACTIVE products are indexed (draft and archived are removed). */
export interface ProductDocument {
  id: string;
  name: string;
  slug: string;
  sku: string;
  description: string | null;
  /** The product's category and its ancestors, root first: filters by a category match its descendants too. */
  category: { id: string; name: string; slug: string; path: Array<{ id: string; name: string; slug: string }> } | null;
  brand: { id: string; name: string } | null;
  /** The lowest price of the product's active variants, decimal string (e.g. "24.99"). */
  price: string;
  /** The compare-at price of that variant, or null. */
  comparePrice: string | null;
  currency: string;
  /** Average approved-review rating, decimal string with 2 places, or null without reviews. */
  rating: string | null;
  reviewCount: number;
  /** Any active variant has stock available to sell. */
  inStock: boolean;
  /** Variant attributes (color → red, size → M), one entry per distinct (name, value). */
  attributes: Array<{ name: string; value: string }>;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

export type SearchSort = 'RELEVANCE' | 'PRICE_ASC' | 'PRICE_DESC' | 'NEWEST' | 'RATING';

export interface SearchFilter {
  /** A category id: products in it or any of its descendants. */
  categoryId?: string;
  brandIds?: string[];
  /** Decimal strings, inclusive. */
  minPrice?: string;
  maxPrice?: string;
  /** Average rating at least this (1–5). */
  minRating?: number;
  inStock?: boolean;
  /** Attribute name → accepted values (OR within one attribute, AND across attributes). */
  attributes?: Array<{ name: string; values: string[] }>;
}

export interface SearchRequest {
  /** The shopper's words, already validated (non-empty, ≤ 200 characters, no NUL); null lists by filter only. */
  text: string | null;
  filter: SearchFilter;
  sort: SearchSort;
  /** Page: skip `offset` hits, return at most `limit`. */
  offset: number;
  limit: number;
}

export interface SearchHit {
  productId: string;
  score: number;
  /** Matched fragments with the words wrapped in <em>…</em> (the rest HTML-escaped), by field: name, description. */
  highlights: Array<{ field: string; snippets: string[] }>;
}

export interface CategoryFacet {
  id: string;
  name: string;
  slug: string;
  count: number;
  children: CategoryFacet[];
}

/** Counts for the hits of the request; each facet's counts ignore that facet's own selection (multi-select). */
export interface SearchFacets {
  /** Hierarchical: roots with their children; a parent counts its descendants' products. */
  categories: CategoryFacet[];
  brands: Array<{ id: string; name: string; count: number }>;
  /** Fixed buckets; `max` exclusive, null = open. Decimal strings. */
  prices: Array<{ min: string | null; max: string | null; count: number }>;
  /** Products rated at least `min` (4, 3, 2, 1). */
  ratings: Array<{ min: number; count: number }>;
  attributes: Array<{ name: string; values: Array<{ value: string; count: number }> }>;
  inStock: number;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  facets: SearchFacets;
  /** A close spelling of `text` that finds products, when a word of `text` was found only through such a spelling (or not at all). */
  didYouMean: string | null;
}

export type SuggestionKind = 'PRODUCT' | 'CATEGORY' | 'BRAND';

export interface Suggestion {
  kind: SuggestionKind;
  id: string;
  text: string;
}

export interface SearchBackend {
  readonly name: 'postgres' | 'elasticsearch';
  /** Adds or replaces documents in the live index. */
  upsert(documents: ProductDocument[]): Promise<void>;
  /** Removes products from the live index (archived, draft, deleted); unknown ids are ignored. */
  remove(productIds: string[]): Promise<void>;
  search(request: SearchRequest): Promise<SearchResult>;
  /** Prefix completion for a search box, typo-tolerant; at most `limit`. */
  suggest(prefix: string, limit: number): Promise<Suggestion[]>;
  /**
   * Full rebuild without stopping searches: builds a new index from `batches`, then swaps it in atomically
   * (PostgreSQL: a new table renamed into place in one transaction; Elasticsearch: a new versioned index and one
   * alias update). Changes that arrive meanwhile must not be lost: `upsert`/`remove` during a rebuild also reach
   * the new index (or are replayed onto it before the swap).
   */
  rebuild(batches: AsyncIterable<ProductDocument[]>): Promise<{ indexed: number; index: string }>;
  close(): Promise<void>;
}
