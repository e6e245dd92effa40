/**
 * What this proves: the Elasticsearch backend creates product_index with the seed's mapping (plus the listed
 * additions) and the synonym analyzer, checked on the requests the official client sends, captured with
 * @elastic/elasticsearch-mock. It does NOT prove that a real Elasticsearch accepts this mapping or how it ranks:
 * no Elasticsearch server can run here. The behavioural suite (embedded/test/search-*.test.ts) can be pointed at a
 * real cluster with ELASTICSEARCH_URL.
 */
import { createLogger } from '@shop/platform/logger';
import { elasticsearchBackend } from '../src/backends/elasticsearch/index.js';
import { mockCluster, responseError, sampleProduct } from '../src/backends/elasticsearch/testing.js';

const log = createLogger('search-es-test', 'silent');

/** Section 8 of the seed, verbatim. */
const SEED_MAPPINGS = {
  properties: {
    id: { type: 'keyword' },
    name: { type: 'text', analyzer: 'standard', fields: { keyword: { type: 'keyword' }, suggest: { type: 'completion' } } },
    description: { type: 'text', analyzer: 'standard' },
    category: { properties: { id: { type: 'keyword' }, name: { type: 'keyword' }, path: { type: 'keyword' } } },
    brand: { properties: { id: { type: 'keyword' }, name: { type: 'keyword' } } },
    price: { type: 'double' },
    compare_price: { type: 'double' },
    rating: { type: 'double' },
    review_count: { type: 'integer' },
    availability: { type: 'boolean' },
    tags: { type: 'keyword' },
    attributes: { type: 'nested', properties: { name: { type: 'keyword' }, value: { type: 'keyword' } } },
    created_at: { type: 'date' },
    updated_at: { type: 'date' },
  },
};

/** The searchable sub-fields: folded, stemmed words; the shopper's words also through the synonym table. */
const words = { type: 'text', analyzer: 'shop_text', search_analyzer: 'shop_search' };

/** Everything the backend adds to the seed; nothing else may differ. */
const ADDITIONS = {
  dynamic: 'strict',
  properties: {
    slug: { type: 'keyword' },
    sku: { type: 'keyword' },
    currency: { type: 'keyword' },
    name: { fields: { words } },
    word_suggest: { type: 'completion' },
    description: { fields: { words } },
    category: {
      properties: {
        name: { fields: { text: words } },
        slug: { type: 'keyword' },
        ancestors: { type: 'keyword' },
        nodes: { type: 'keyword' },
      },
    },
    brand: { properties: { name: { fields: { text: words } } } },
    attributes: { properties: { value: { fields: { text: words } } } },
  },
};

function merge(base: any, extra: any): any {
  if (typeof base !== 'object' || typeof extra !== 'object') return extra;
  const out = { ...base };
  for (const [key, value] of Object.entries(extra)) out[key] = key in base ? merge(base[key], value) : value;
  return out;
}

describe('the Elasticsearch product index', () => {
  it('is created on first use as a versioned index with the seed mapping plus the listed additions, behind the alias', async () => {
    const es = mockCluster();
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log });

    await expect(backend.suggest('he', 5)).resolves.toEqual([]);

    const create = es.requests.find((r) => r.method === 'PUT')!;
    expect(create.path).toMatch(/^\/product_index_v\d{17}$/);
    expect(create.body.mappings).toEqual(merge(SEED_MAPPINGS, ADDITIONS));
    expect(create.body.aliases).toEqual({ product_index: { is_write_index: true } });
    // No synonym table given: the search analyzer has no synonym filter rather than one without rules.
    expect(create.body.settings.analysis.filter).toEqual({ shop_stemmer: { type: 'stemmer', language: 'english' } });
    expect(create.body.settings.analysis.analyzer.shop_search.filter).toEqual(['lowercase', 'asciifolding', 'shop_stemmer']);
  });

  it('analyzes words folded and stemmed, and the shopper’s also through the synonym table as a graph', async () => {
    const es = mockCluster();
    const backend = elasticsearchBackend({
      node: 'unused',
      client: es.client,
      log,
      indexPrefix: 'shop_products',
      synonyms: async () => [
        { term: 'tee', synonyms: ['t-shirt'] },
        { term: 'sneaker', synonyms: ['trainer', 'running shoe'] },
        { term: 'a,b', synonyms: ['c=d'] },
      ],
    });

    await backend.remove(['00000000-0000-4000-8000-000000000001']);

    const create = es.requests.find((r) => r.method === 'PUT')!;
    expect(create.path).toMatch(/^\/shop_products_v\d{17}$/);
    expect(create.body.settings).toEqual({
      analysis: {
        filter: {
          shop_stemmer: { type: 'stemmer', language: 'english' },
          shop_synonyms: {
            type: 'synonym_graph',
            synonyms: ['tee => tee, t-shirt', 'sneaker => sneaker, trainer, running shoe', 'a\\,b => a\\,b, c\\=d'],
            lenient: true,
          },
        },
        analyzer: {
          // Indexed words: lower-cased, accents folded ("café" → "cafe"), English stems ("headphones" → "headphon").
          shop_text: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'asciifolding', 'shop_stemmer'] },
          // The shopper's words: the same, with the synonyms before stemming.
          shop_search: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'asciifolding', 'shop_synonyms', 'shop_stemmer'] },
          // A last word still being typed: not stemmed.
          shop_prefix: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'asciifolding'] },
        },
      },
    });
    // The seed's fields keep their analyzer: synonyms and stems live in the sub-fields only.
    expect(create.body.mappings.properties.name.analyzer).toBe('standard');
    expect(create.body.mappings.properties.name.search_analyzer).toBeUndefined();
  });

  it('uses the existing alias without creating anything, and checks it once', async () => {
    const es = mockCluster({ indices: { product_index_v1: ['product_index'] } });
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log });

    await backend.remove(['a']);
    await backend.remove(['b']);

    expect(es.requests.filter((r) => r.path !== '/_alias/product_index_rebuild').map((r) => `${r.method} ${r.path}`)).toEqual([
      'HEAD /_alias/product_index',
      'POST /_bulk',
      'POST /_bulk',
    ]);
  });

  it('accepts an index another instance created at the same moment', async () => {
    const es = mockCluster();
    es.on('PUT', '/:index', () => {
      es.indices.set('product_index_v0', new Set(['product_index'])); // the other instance won
      return responseError(400, 'illegal_state_exception');
    });
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log });

    await expect(backend.remove(['a'])).resolves.toBeUndefined();
    expect(es.bulks()).toEqual([[{ delete: { _index: 'product_index', _id: 'a' } }]]);
  });

  it('uses a plain product_index made the seed’s way as it is, writing to it without requiring an alias', async () => {
    const es = mockCluster({ indices: { product_index: [] } });
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log });

    await backend.remove(['a']);
    await backend.upsert([sampleProduct(1)]);

    expect(es.requests.some((r) => r.method === 'PUT')).toBe(false);
    expect(es.bulks()[0]).toEqual([{ delete: { _index: 'product_index', _id: 'a' } }]);
    expect(es.bulks()[1][0]).toEqual({ index: { _index: 'product_index', _id: sampleProduct(1).id } });
  });
});
