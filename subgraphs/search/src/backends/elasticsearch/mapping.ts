import type { estypes } from '@elastic/elasticsearch';

/**
 * The words of the searchable sub-fields (Additions): lower-cased, accents folded and English stems, so "cafe"
 * finds "Café" and "headphone" finds "Headphones", as PostgreSQL's text search configuration does. The shopper's
 * words go through the same steps plus the synonym table (search time only).
 */
const WORDS: estypes.MappingTextProperty = { type: 'text', analyzer: 'shop_text', search_analyzer: 'shop_search' };

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
      fields: {
        keyword: { type: 'keyword' },
        suggest: { type: 'completion' },
        // Addition (sub-field): the name's words folded and stemmed, where the shopper's words are looked for.
        words: WORDS,
      },
    },
    // Addition: completion from the start of each later word of the name (the seed's name.suggest completes from
    // the start of the whole name only); its inputs are set by the document (see wordStarts).
    word_suggest: { type: 'completion' },
    description: { type: 'text', analyzer: 'standard', fields: { words: WORDS } /* Addition (sub-field), as name.words */ },
    category: {
      properties: {
        id: { type: 'keyword' },
        // Addition (sub-field): the name analyzed, so "audio" finds products of the "Audio" category.
        name: { type: 'keyword', fields: { text: WORDS } },
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
        name: { type: 'keyword', fields: { text: WORDS } /* Addition (sub-field), as category.name */ },
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
        value: { type: 'keyword', fields: { text: WORDS } /* Addition (sub-field): "red" finds color red */ },
      },
    },
    created_at: { type: 'date' },
    updated_at: { type: 'date' },
  },
};

/** One row of the search context's synonym table: a shopper's word and the words that mean the same. */
export interface Synonym {
  term: string;
  synonyms: readonly string[];
}

/**
 * Addition (the seed has no settings): the analyzers of the searchable sub-fields. `shop_text` indexes words
 * lower-cased, accent-folded and stemmed; `shop_search` does the same to the shopper's words with the synonym table
 * in between, as a graph so a multi-word synonym ("tee" → "t-shirt", which the tokenizer splits in two) becomes a
 * phrase; `shop_prefix` leaves the stem alone, for a last word still being typed. Synonyms are inline settings,
 * read when an index is created: a change to the table takes effect with the next reindex, which builds a new index
 * and swaps it in without downtime. `lenient` skips a rule the analyzer cannot use instead of refusing the index.
 */
export function productIndexSettings(synonyms: readonly Synonym[]): estypes.IndicesIndexSettings {
  const analyzer = (filter: string[]) => ({ type: 'custom' as const, tokenizer: 'standard', filter });
  // Without any synonym the filter is left out rather than given an empty list of rules.
  const synonymFilter = synonyms.length > 0 ? ['shop_synonyms'] : [];
  return {
    analysis: {
      filter: {
        shop_stemmer: { type: 'stemmer', language: 'english' },
        ...(synonyms.length > 0 && { shop_synonyms: { type: 'synonym_graph', synonyms: synonyms.map(synonymRule), lenient: true } }),
      },
      analyzer: {
        shop_text: analyzer(['lowercase', 'asciifolding', 'shop_stemmer']),
        shop_search: analyzer(['lowercase', 'asciifolding', ...synonymFilter, 'shop_stemmer']),
        shop_prefix: analyzer(['lowercase', 'asciifolding']),
      },
    },
  };
}

/** Solr format, the word kept beside its synonyms: "tee => tee, t-shirt". Commas, "=" and "\\" are escaped. */
function synonymRule({ term, synonyms }: Synonym): string {
  const escape = (word: string) => word.replace(/[\\,=]/g, (ch) => `\\${ch}`);
  return `${escape(term)} => ${[term, ...synonyms.filter((word) => word !== term)].map(escape).join(', ')}`;
}
