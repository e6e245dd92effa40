import type { estypes } from '@elastic/elasticsearch';
import type { SearchFilter, SearchRequest, SearchSort } from '../port.js';
import { everyFilter, facetAggregations, type FacetFilters } from './facets.js';
import { toIndexNumber } from './document.js';

/** Elasticsearch refuses from + size beyond index.max_result_window (10,000 by default). */
const MAX_RESULT_WINDOW = 10_000;

/** Where the shopper's words are looked for, and how much each place weighs. Attributes are nested: see textQuery. */
const TEXT_FIELDS = ['name^3', 'brand.name.text^2', 'category.name.text^2', 'description'];

type Query = estypes.QueryDslQueryContainer;

/**
 * One search request: the words score (query), the filters narrow the hits only (post_filter), and each facet
 * aggregation applies every filter but its own, so a facet still offers the values its selection excludes.
 */
export function searchBody(request: SearchRequest): Omit<estypes.SearchRequest, 'index'> {
  const filters = filterClauses(request.filter);
  const all = everyFilter(filters);
  const beyondWindow = request.offset + request.limit > MAX_RESULT_WINDOW;
  return {
    query: request.text === null ? { match_all: {} } : textQuery(request.text),
    ...(all.length > 0 && { post_filter: { bool: { filter: all } } }),
    aggs: { ...facetAggregations(filters), ...(request.text !== null && { all_words: { filter: allWordsQuery(request.text) } }) },
    // Without words every score is equal: "relevance" lists the newest first.
    sort: SORTS[request.sort === 'RELEVANCE' && request.text === null ? 'NEWEST' : request.sort],
    // Past the window there is nothing to page to: totals and facets still come back, with no hits.
    from: beyondWindow ? 0 : request.offset,
    size: beyondWindow ? 0 : request.limit,
    track_total_hits: true,
    _source: false,
    ...(request.text !== null && { highlight: HIGHLIGHT }),
  };
}

/**
 * A product must match the words exactly (synonyms included), with typos, or with the last word as a prefix;
 * products having all the words, the words as a phrase in the name, or exactly the name rank first.
 */
function textQuery(text: string): Query {
  return {
    bool: {
      must: {
        bool: {
          should: [
            { multi_match: { query: text, fields: TEXT_FIELDS, type: 'best_fields', boost: 2 } },
            // Typos (and prefixes below) with the plain standard analyzer: their variants are not expanded by synonyms.
            {
              multi_match: {
                query: text, fields: TEXT_FIELDS, type: 'best_fields', analyzer: 'standard', fuzziness: 'AUTO', prefix_length: 1,
              },
            },
            // The last word as a prefix: "wireless head" finds headphones while the shopper is still typing.
            { multi_match: { query: text, fields: TEXT_FIELDS, type: 'bool_prefix', analyzer: 'standard' } },
            {
              nested: {
                path: 'attributes',
                score_mode: 'max',
                query: { match: { 'attributes.value.text': { query: text, fuzziness: 'AUTO', prefix_length: 1 } } },
              },
            },
          ],
          minimum_should_match: 1,
        },
      },
      should: [
        allWordsQuery(text, 3),
        { match_phrase: { name: { query: text, boost: 5 } } },
        { term: { 'name.keyword': { value: text, case_insensitive: true, boost: 10 } } },
      ],
    },
  };
}

/**
 * Every word as typed (or a synonym), in any of the fields. No product matching it means some word found products
 * only through a typo or a prefix: then a "did you mean" is looked for (counted by the all_words aggregation).
 */
function allWordsQuery(text: string, boost?: number): Query {
  return { multi_match: { query: text, fields: TEXT_FIELDS, type: 'cross_fields', operator: 'and', ...(boost && { boost }) } };
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
  fields: {
    name: { number_of_fragments: 0 },
    description: { fragment_size: 160, number_of_fragments: 2 },
  },
};

/**
 * "Did you mean": a phrase suggestion from the names' own words, kept only if it finds products (collate, which
 * drops suggestions whose query matches nothing). Asked only when no product has all the words as typed.
 */
export function didYouMeanBody(text: string): Omit<estypes.SearchRequest, 'index'> {
  return {
    size: 0,
    suggest: {
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
    },
  };
}
