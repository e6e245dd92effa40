import type { estypes } from '@elastic/elasticsearch';
import type { SearchFilter, SearchRequest, SearchSort } from '../port.js';
import { everyFilter, facetAggregations, type FacetFilters } from './facets.js';
import { toIndexNumber } from './document.js';

/** Elasticsearch refuses from + size beyond index.max_result_window (10,000 by default). */
const MAX_RESULT_WINDOW = 10_000;

/** Where the shopper's words are looked for, and how much each place weighs. Attributes are nested: see exactly(). */
const TEXT_FIELDS = ['name.words^3', 'brand.name.text^2', 'category.name.text^2', 'description.words'];

/** At most this many words count for "is every word known" (as the PostgreSQL backend). */
const MAX_WORDS = 10;

type Query = estypes.QueryDslQueryContainer;
type Aggregation = estypes.AggregationsAggregationContainer;

/**
 * How the words match. `exact`: as typed (folded, stemmed, synonyms), the last one also as a prefix. `typos`: also
 * within a small edit distance — asked only when some word found nothing exactly, like the PostgreSQL backend,
 * which looks for close spellings only of words no product has; it comes with a "did you mean".
 */
export type Matching = 'exact' | 'typos';

/**
 * One search request: the words score (query), the filters narrow the hits only (post_filter), and each facet
 * aggregation applies every filter but its own, so a facet still offers the values its selection excludes.
 */
export function searchBody(request: SearchRequest, matching: Matching = 'exact'): Omit<estypes.SearchRequest, 'index'> {
  const { text } = request;
  const filters = filterClauses(request.filter);
  const all = everyFilter(filters);
  const beyondWindow = request.offset + request.limit > MAX_RESULT_WINDOW;
  return {
    query: text === null ? { match_all: {} } : textQuery(text, matching),
    ...(all.length > 0 && { post_filter: { bool: { filter: all } } }),
    aggs: { ...facetAggregations(filters), ...(text !== null && matching === 'exact' && knownWordAggregations(text)) },
    // Without words every score is equal: "relevance" lists the newest first.
    sort: SORTS[request.sort === 'RELEVANCE' && text === null ? 'NEWEST' : request.sort],
    // Past the window there is nothing to page to: totals and facets still come back, with no hits.
    from: beyondWindow ? 0 : request.offset,
    size: beyondWindow ? 0 : request.limit,
    track_total_hits: true,
    _source: false,
    ...(text !== null && { highlight: HIGHLIGHT }),
    ...(text !== null && matching === 'typos' && { suggest: didYouMean(text) }),
  };
}

/** The shopper's words as the standard tokenizer cuts them (runs of letters and digits). */
const wordsOf = (text: string): string[] => (text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);

/**
 * A product must match some word; products having all the words, the words as a phrase in the name, or exactly
 * the name rank first.
 */
function textQuery(text: string, matching: Matching): Query {
  return {
    bool: {
      must: { bool: { should: [...exactly(text, true), ...(matching === 'typos' ? withTypos(text) : [])], minimum_should_match: 1 } },
      should: [
        { multi_match: { query: text, fields: TEXT_FIELDS, type: 'cross_fields', operator: 'and', boost: 3 } },
        { match_phrase: { name: { query: text, boost: 5 } } },
        { term: { 'name.keyword': { value: text, case_insensitive: true, boost: 10 } } },
      ],
    },
  };
}

/** The words as typed; with `lastAsPrefix`, "wireless head" finds headphones while the shopper is still typing. */
function exactly(text: string, lastAsPrefix: boolean): Query[] {
  return [
    { multi_match: { query: text, fields: TEXT_FIELDS, type: 'best_fields', boost: 2 } },
    { nested: { path: 'attributes', score_mode: 'max', query: { match: { 'attributes.value.text': { query: text } } } } },
    ...(lastAsPrefix ? [{ multi_match: { query: text, fields: TEXT_FIELDS, type: 'bool_prefix' as const, analyzer: 'shop_prefix' } }] : []),
  ];
}

/** The words within AUTO edit distance of the stems ("hedphones" → headphones); synonyms are not expanded again. */
function withTypos(text: string): Query[] {
  const fuzzy = { analyzer: 'shop_text', fuzziness: 'AUTO', prefix_length: 1 };
  return [
    { multi_match: { query: text, fields: TEXT_FIELDS, type: 'best_fields', ...fuzzy } },
    { nested: { path: 'attributes', score_mode: 'max', query: { match: { 'attributes.value.text': { query: text, ...fuzzy } } } } },
  ];
}

/**
 * One count per word of the products having it exactly (the last word also as a prefix). The aggregations see the
 * products the exact query found, which include all of these, so a count of 0 means no product has that word.
 * Words under 3 letters are not counted: no spelling is usefully close to them (as in the PostgreSQL backend).
 */
function knownWordAggregations(text: string): Record<string, Aggregation> {
  const words = wordsOf(text);
  const known = (word: string, last: boolean): Aggregation => ({
    filter: { bool: { should: exactly(word, last), minimum_should_match: 1 } },
  });
  return Object.fromEntries(words.flatMap((word, i) => (word.length < 3 ? [] : [[`word_${i}`, known(word, i === words.length - 1)]])));
}

/** Whether some word found no product exactly: then the words are matched again with typos (see Matching). */
export function someWordUnknown(response: estypes.SearchResponse): boolean {
  const counts = Object.entries(response.aggregations ?? {}).filter(([name]) => name.startsWith('word_'));
  return counts.some(([, agg]) => (agg as { doc_count: number }).doc_count === 0);
}

/** The request's filters by facet, each facet's clauses apart so its aggregation can leave them out. */
export function filterClauses(filter: SearchFilter): FacetFilters {
  const priced = filter.minPrice !== undefined || filter.maxPrice !== undefined;
  const price: estypes.QueryDslNumberRangeQuery = {
    ...(filter.minPrice !== undefined && { gte: toIndexNumber(filter.minPrice) }),
    ...(filter.maxPrice !== undefined && { lte: toIndexNumber(filter.maxPrice) }),
  };
  return {
    category: filter.categoryId === undefined ? [] : [{ term: { 'category.ancestors': filter.categoryId } }],
    brand: filter.brandIds?.length ? [{ terms: { 'brand.id': filter.brandIds } }] : [],
    price: priced ? [{ range: { price } }] : [],
    rating: filter.minRating === undefined ? [] : [{ range: { rating: { gte: filter.minRating } } }],
    inStock: filter.inStock === undefined ? [] : [{ term: { availability: filter.inStock } }],
    attributes: (filter.attributes ?? [])
      .filter(({ values }) => values.length > 0)
      .map(({ name, values }) => ({ name, clause: attributeClause(name, values) })),
  };
}

/** Values of one attribute are alternatives (OR); attributes combine with AND, one nested clause each. */
function attributeClause(name: string, values: string[]): Query {
  return {
    nested: {
      path: 'attributes',
      query: { bool: { filter: [{ term: { 'attributes.name': name } }, { terms: { 'attributes.value': values } }] } },
    },
  };
}

/** Every order ends on the id, so pages never overlap or skip a product with an equal key. */
const SORTS: Record<SearchSort, estypes.SortCombinations[]> = {
  RELEVANCE: [{ _score: { order: 'desc' } }, { created_at: 'desc' }, { id: 'asc' }],
  PRICE_ASC: [{ price: 'asc' }, { id: 'asc' }],
  PRICE_DESC: [{ price: 'desc' }, { id: 'asc' }],
  NEWEST: [{ created_at: 'desc' }, { id: 'asc' }],
  RATING: [{ rating: { order: 'desc', missing: '_last' } }, { review_count: 'desc' }, { id: 'asc' }],
};

/** The matched words in <em>, the rest HTML-escaped (the html encoder), whole names and short description extracts. */
const HIGHLIGHT: estypes.SearchHighlight = {
  encoder: 'html',
  pre_tags: ['<em>'],
  post_tags: ['</em>'],
  // The sub-fields the words matched; the text shown is the field's own (see results.ts for the names).
  fields: {
    'name.words': { number_of_fragments: 0 },
    'description.words': { fragment_size: 160, number_of_fragments: 2 },
  },
};

/**
 * "Did you mean": a phrase suggestion from the words of the names as written (the seed's unstemmed `name`), kept
 * only if it finds products (collate drops suggestions whose query matches nothing).
 */
function didYouMean(text: string): estypes.SearchSuggester {
  return {
    did_you_mean: {
      text,
      phrase: {
        field: 'name',
        analyzer: 'standard',
        size: 1,
        max_errors: 2,
        direct_generator: [{ field: 'name', suggest_mode: 'always', min_word_length: 3 }],
        // A mustache template of the query; as a string, since the client's types want a whole request body here.
        collate: { query: { source: JSON.stringify({ match: { name: { query: '{{suggestion}}', operator: 'and' } } }) }, prune: false },
      },
    },
  };
}
