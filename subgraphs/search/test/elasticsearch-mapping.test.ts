/**
 * What this proves: the Elasticsearch backend creates product_index with the seed's mapping (plus the listed
 * additions) and the synonym analyzer, checked on the requests the official client sends, captured with
 * @elastic/elasticsearch-mock. It does NOT prove that a real Elasticsearch accepts this mapping or how it ranks:
 * no Elasticsearch server can run here. The behavioural suite (embedded/test/search-*.test.ts) can be pointed at a
 * real cluster with ELASTICSEARCH_URL.
 */
import { Client, errors } from '@elastic/elasticsearch';
import Mock from '@elastic/elasticsearch-mock';
import { createLogger } from '@shop/platform/logger';
import { elasticsearchBackend } from '../src/backends/elasticsearch/index.js';

const log = createLogger('search-es-test', 'silent');

interface Recorded {
  method: string;
  path: string;
  body: any;
}

function cluster() {
  const mock = new Mock();
  const client = new Client({ node: 'http://elasticsearch.test:9200', Connection: mock.getConnection() });
  const requests: Recorded[] = [];
  const on = (method: string, path: string, respond: (body: any) => unknown) =>
    mock.add({ method, path }, (params) => {
      requests.push({ method: params.method as string, path: params.path as string, body: params.body });
      return respond(params.body) as Record<string, unknown>;
    });
  return { client, requests, on };
}

const notFound = () => new errors.ResponseError({ body: { status: 404 }, statusCode: 404, headers: {}, warnings: [], meta: {} as any });

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

const text = { type: 'text', analyzer: 'standard', search_analyzer: 'shop_search' };

/** Everything the backend adds to the seed; nothing else may differ. */
const ADDITIONS = {
  dynamic: 'strict',
  properties: {
    slug: { type: 'keyword' },
    sku: { type: 'keyword' },
    currency: { type: 'keyword' },
    name: { search_analyzer: 'shop_search' },
    word_suggest: { type: 'completion' },
    description: { search_analyzer: 'shop_search' },
    category: {
      properties: {
        name: { fields: { text } },
        slug: { type: 'keyword' },
        ancestors: { type: 'keyword' },
        nodes: { type: 'keyword' },
      },
    },
    brand: { properties: { name: { fields: { text } } } },
    attributes: { properties: { value: { fields: { text } } } },
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
    const es = cluster();
    es.on('HEAD', '/_alias/product_index', notFound);
    es.on('HEAD', '/product_index', notFound);
    es.on('PUT', '/:index', () => ({ acknowledged: true }));
    es.on('POST', '/product_index/_search', () => ({ hits: { total: { value: 0 }, hits: [] } }));
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log });

    await expect(backend.suggest('he', 5)).resolves.toEqual([]);

    const create = es.requests.find((r) => r.method === 'PUT')!;
    expect(create.path).toMatch(/^\/product_index_v\d{17}$/);
    expect(create.body.mappings).toEqual(merge(SEED_MAPPINGS, ADDITIONS));
    expect(create.body.aliases).toEqual({ product_index: { is_write_index: true } });
  });

  it('analyzes the shopper’s words with lowercase and the synonym table as a graph, at search time only', async () => {
    const es = cluster();
    es.on('HEAD', '/_alias/shop_products', notFound);
    es.on('HEAD', '/shop_products', notFound);
    es.on('PUT', '/:index', () => ({ acknowledged: true }));
    es.on('POST', '/_bulk', () => ({ errors: false, items: [] }));
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
          shop_synonyms: {
            type: 'synonym_graph',
            synonyms: ['tee => tee, t-shirt', 'sneaker => sneaker, trainer, running shoe', 'a\\,b => a\\,b, c\\=d'],
            lenient: true,
          },
        },
        analyzer: { shop_search: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'shop_synonyms'] } },
      },
    });
    // Index time keeps the seed's analyzer: synonyms never reach the stored terms.
    expect(create.body.mappings.properties.name.analyzer).toBe('standard');
  });

  it('uses the existing alias without creating anything, and checks it once', async () => {
    const es = cluster();
    es.on('HEAD', '/_alias/product_index', () => ({}));
    es.on('POST', '/_bulk', () => ({ errors: false, items: [] }));
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log });

    await backend.remove(['a']);
    await backend.remove(['b']);

    expect(es.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['HEAD /_alias/product_index', 'POST /_bulk', 'POST /_bulk']);
  });

  it('accepts an index another instance created at the same moment', async () => {
    const es = cluster();
    let aliasExists = false;
    es.on('HEAD', '/_alias/product_index', () => (aliasExists ? {} : notFound()));
    es.on('HEAD', '/product_index', notFound);
    es.on('PUT', '/:index', () => {
      aliasExists = true; // the other instance won
      return new errors.ResponseError({ body: { error: { type: 'illegal_state_exception' }, status: 400 }, statusCode: 400, headers: {}, warnings: [], meta: {} as any });
    });
    es.on('POST', '/_bulk', () => ({ errors: false, items: [] }));
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log });

    await expect(backend.remove(['a'])).resolves.toBeUndefined();
    expect(es.requests.at(-1)!.path).toBe('/_bulk');
  });

  it('uses a plain product_index made the seed’s way as it is, writing to it without requiring an alias', async () => {
    const es = cluster();
    es.on('HEAD', '/_alias/product_index', notFound);
    es.on('HEAD', '/product_index', () => ({}));
    es.on('POST', '/_bulk', () => ({ errors: false, items: [] }));
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log });

    await backend.remove(['a']);
    await backend.upsert([
      {
        id: 'a', name: 'Tee', slug: 'tee', sku: 'T', description: null, category: null, brand: null, price: '5.00', comparePrice: null,
        currency: 'USD', rating: null, reviewCount: 0, inStock: true, attributes: [], tags: [], createdAt: '2026-11-30T00:00:00Z',
        updatedAt: '2026-11-30T00:00:00Z',
      },
    ]);

    expect(es.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['HEAD /_alias/product_index', 'HEAD /product_index', 'POST /_bulk', 'POST /_bulk']);
    expect(es.requests[2].body).toEqual([{ delete: { _index: 'product_index', _id: 'a' } }]);
    expect(es.requests[3].body[0]).toEqual({ index: { _index: 'product_index', _id: 'a' } });
  });
});
