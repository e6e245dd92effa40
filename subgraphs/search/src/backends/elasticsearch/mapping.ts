import type { estypes } from '@elastic/elasticsearch';

/** Analyzes the shopper's words at search time: the index keeps the seed's `standard` analysis untouched. */
const SEARCH_ANALYZER = 'shop_search';

/**
 * The seed's `product_index` mapping (section 8) field for field, plus what the search port needs, each marked
 * "Addition". Nothing of the seed is changed: additions are new fields, sub-fields or a search-time analyzer.
 */
export const PRODUCT_INDEX_MAPPINGS: estypes.MappingTypeMapping = {
  // Addition: a document with a field this mapping does not know is refused instead of silently mapped.
  dynamic: 'strict',
  properties: {
    id: { type: 'keyword' },
    // Addition: the rest of the port's document (slug, sku, currency), so the index holds all of it.
    slug: { type: 'keyword' },
    sku: { type: 'keyword' },
    currency: { type: 'keyword' },
    name: {
      type: 'text',
      analyzer: 'standard',
      // Addition: synonyms apply to the shopper's words only (a synonym graph belongs at search time); the stored
      // terms keep the seed's standard analysis.
      search_analyzer: SEARCH_ANALYZER,
      fields: {
        keyword: { type: 'keyword' },
        suggest: { type: 'completion' },
      },
    },
    // Addition: completion from the start of each later word of the name (the seed's name.suggest completes from
    // the start of the whole name only); its inputs are set by the document (see wordStarts).
    word_suggest: { type: 'completion' },
    description: { type: 'text', analyzer: 'standard', search_analyzer: SEARCH_ANALYZER /* Addition, as for name */ },
    category: {
      properties: {
        id: { type: 'keyword' },
        // Addition (sub-field): the name analyzed, so "audio" finds products of the "Audio" category.
        name: { type: 'keyword', fields: { text: searchableText() } },
        // The seed's path holds the category's slugs root first, "electronics/audio/headphones".
        path: { type: 'keyword' },
        // Addition: the category's slug, as the API shows it.
        slug: { type: 'keyword' },
        // Addition: the ids of the category and its ancestors: a filter by category matches its descendants.
        ancestors: { type: 'keyword' },
        // Addition: one facet key per level (see facetNodeKey) so one terms aggregation gives the whole tree.
        nodes: { type: 'keyword' },
      },
    },
    brand: {
      properties: {
        id: { type: 'keyword' },
        name: { type: 'keyword', fields: { text: searchableText() } /* Addition (sub-field), as category.name */ },
      },
    },
    price: { type: 'double' },
    compare_price: { type: 'double' },
    rating: { type: 'double' },
    review_count: { type: 'integer' },
    availability: { type: 'boolean' },
    tags: { type: 'keyword' },
    attributes: {
      type: 'nested',
      properties: {
        name: { type: 'keyword' },
        value: { type: 'keyword', fields: { text: searchableText() } /* Addition (sub-field): "red" finds color red */ },
      },
    },
    created_at: { type: 'date' },
    updated_at: { type: 'date' },
  },
};

function searchableText(): estypes.MappingTextProperty {
  return { type: 'text', analyzer: 'standard', search_analyzer: SEARCH_ANALYZER };
}

/** One row of the search context's synonym table: a shopper's word and the words that mean the same. */
export interface Synonym {
  term: string;
  synonyms: readonly string[];
}

/**
 * Addition (the seed has no settings): the search analyzer is the standard tokenizer, lowercase, then the shop's
 * synonyms as a graph, so a multi-word synonym ("tee" → "t-shirt", which the standard tokenizer splits in two)
 * becomes a phrase. Synonyms are inline settings, read when an index is created: a change to the table takes
 * effect with the next reindex, which builds a new index and swaps it in without downtime. `lenient` skips a rule
 * the analyzer cannot use instead of refusing the whole index.
 */
export function productIndexSettings(synonyms: readonly Synonym[]): estypes.IndicesIndexSettings {
  // Without any synonym the filter is left out rather than given an empty list of rules.
  if (synonyms.length === 0) {
    return { analysis: { analyzer: { [SEARCH_ANALYZER]: { type: 'custom', tokenizer: 'standard', filter: ['lowercase'] } } } };
  }
  return {
    analysis: {
      filter: {
        shop_synonyms: { type: 'synonym_graph', synonyms: synonyms.map(synonymRule), lenient: true },
      },
      analyzer: {
        [SEARCH_ANALYZER]: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'shop_synonyms'] },
      },
    },
  };
}

/** Solr format, the word kept beside its synonyms: "tee => tee, t-shirt". Commas, "=" and "\\" are escaped. */
function synonymRule({ term, synonyms }: Synonym): string {
  const escape = (word: string) => word.replace(/[\\,=]/g, (ch) => `\\${ch}`);
  return `${escape(term)} => ${[term, ...synonyms.filter((word) => word !== term)].map(escape).join(', ')}`;
}
