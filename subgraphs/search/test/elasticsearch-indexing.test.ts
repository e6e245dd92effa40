/**
 * What this proves: how the Elasticsearch backend writes changes — the documents it sends (prices as numbers only
 * there), bulk requests in batches, retry of items the cluster rejects as busy, failures with their count — checked
 * on the requests the official client sends, captured with @elastic/elasticsearch-mock. It does NOT prove that a
 * real Elasticsearch accepts these requests: no Elasticsearch server can run here. The behavioural suite
 * (embedded/test/search-*.test.ts) can be pointed at a real cluster with ELASTICSEARCH_URL.
 */
import { createLogger } from '@shop/platform/logger';
import { BulkIndexingError, elasticsearchBackend } from '../src/backends/elasticsearch/index.js';
import {
  mockCluster,
  responseError,
  sampleId as id,
  sampleProduct as product,
  type MockClusterOptions,
} from '../src/backends/elasticsearch/testing.js';

const log = createLogger('search-es-test', 'silent');

/** A cluster whose live alias exists, and a backend on it. */
function setup(options: MockClusterOptions = {}, backendOptions: { bulkBatchSize?: number; refreshAfterWrite?: boolean } = {}) {
  const es = mockCluster({ indices: { product_index_v1: ['product_index'] }, ...options });
  const backend = elasticsearchBackend({ node: 'unused', client: es.client, log, retryDelayMs: 1, ...backendOptions });
  return { es, backend };
}

const indexed = (bulk: any[]) => bulk.filter((line) => 'index' in line).map((line) => `${line.index._index}:${line.index._id}`);

const busy = { status: 429, error: { type: 'es_rejected_execution_exception', reason: 'rejected execution of coordinating operation' } };

describe('writing products to Elasticsearch', () => {
  it('stores a product in the seed’s shape: snake_case fields, prices and rating as numbers, the category trail', async () => {
    const { es, backend } = setup();

    await backend.upsert([product(1)]);

    expect(es.bulks()).toEqual([
      [
        { index: { _index: 'product_index', _id: id(1), require_alias: true } },
        {
          id: id(1),
          slug: 'wireless-headphones-1',
          sku: 'WH-1',
          currency: 'USD',
          name: 'Wireless Headphones 1',
          word_suggest: ['Headphones 1', '1'],
          description: 'Over-ear, noise cancelling.',
          category: {
            id: 'c-headphones',
            name: 'Headphones',
            slug: 'headphones',
            path: 'electronics/audio/headphones',
            ancestors: ['c-electronics', 'c-audio', 'c-headphones'],
            nodes: [
              '["Electronics","electronics","c-electronics",null]',
              '["Audio","audio","c-audio","c-electronics"]',
              '["Headphones","headphones","c-headphones","c-audio"]',
            ],
          },
          brand: { id: 'b-sonic', name: 'Sonic' },
          price: 24.99,
          compare_price: 29.9,
          rating: 4.5,
          review_count: 12,
          availability: true,
          tags: ['audio', 'wireless'],
          attributes: [{ name: 'color', value: 'black' }],
          created_at: '2026-11-01T10:00:00.000Z',
          updated_at: '2026-11-02T10:00:00.000Z',
        },
      ],
    ]);
  });

  it('stores a product without category, brand, compare price or rating with nulls', async () => {
    const { es, backend } = setup();

    await backend.upsert([product(1, { category: null, brand: null, comparePrice: null, rating: null, reviewCount: 0 })]);

    expect(es.bulks()[0][1]).toMatchObject({ category: null, brand: null, compare_price: null, rating: null, review_count: 0 });
  });

  it('looks for a rebuild in progress before each write, and otherwise writes to the live alias only', async () => {
    const { es, backend } = setup();

    await backend.upsert([product(1)]);
    await backend.remove([id(1)]);

    expect(es.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'HEAD /_alias/product_index', // once: the live alias exists
      'GET /_alias/product_index_rebuild',
      'POST /_bulk',
      'GET /_alias/product_index_rebuild',
      'POST /_bulk',
    ]);
  });

  it('sends upserts in bulk requests of bulkBatchSize products', async () => {
    const { es, backend } = setup({}, { bulkBatchSize: 2 });

    await backend.upsert([1, 2, 3, 4, 5].map((n) => product(n)));

    expect(es.bulks().map(indexed)).toEqual([
      [`product_index:${id(1)}`, `product_index:${id(2)}`],
      [`product_index:${id(3)}`, `product_index:${id(4)}`],
      [`product_index:${id(5)}`],
    ]);
  });

  it('removes products with bulk deletes; a product the index does not have is not an error', async () => {
    const { es, backend } = setup({ bulkItem: ({ meta }) => (meta._id === id(2) ? { status: 404, result: 'not_found' } : undefined) });

    await expect(backend.remove([id(1), id(2)])).resolves.toBeUndefined();

    expect(es.bulks()).toEqual([
      [{ delete: { _index: 'product_index', _id: id(1) } }, { delete: { _index: 'product_index', _id: id(2) } }],
    ]);
  });

  it('retries only the items rejected as busy, and succeeds when the cluster takes them', async () => {
    let rejected = false;
    const { es, backend } = setup({
      bulkItem: ({ meta }) => {
        if (meta._id !== id(2) || rejected) return undefined;
        rejected = true;
        return busy;
      },
    });

    await backend.upsert([1, 2, 3].map((n) => product(n)));

    expect(es.bulks().map(indexed)).toEqual([
      [`product_index:${id(1)}`, `product_index:${id(2)}`, `product_index:${id(3)}`],
      [`product_index:${id(2)}`],
    ]);
  });

  it('retries a whole bulk request refused with 429', async () => {
    const { es, backend } = setup();
    let calls = 0;
    const applied = { took: 1, errors: false, items: [{ index: { status: 201 } }] };
    es.on('POST', '/_bulk', () => (++calls === 1 ? responseError(429, 'es_rejected_execution_exception') : applied));

    await backend.upsert([product(1)]);

    expect(es.bulks().map(indexed)).toEqual([[`product_index:${id(1)}`], [`product_index:${id(1)}`]]);
  });

  it('gives up on an item still rejected as busy after 3 retries, saying how many failed', async () => {
    const { es, backend } = setup({ bulkItem: ({ meta }) => (meta._id === id(2) ? busy : undefined) });

    const failure = backend.upsert([product(1), product(2)]);

    await expect(failure).rejects.toThrow(BulkIndexingError);
    await expect(failure).rejects.toThrow('Elasticsearch did not apply 1 of 2 bulk actions: still rejected as busy after 3 retries');
    expect(es.bulks()).toHaveLength(4);
  });

  it('fails at once, with the count and the reason, on items the index refuses', async () => {
    const refused = { status: 400, error: { type: 'document_parsing_exception', reason: 'failed to parse field [price]' } };
    const { es, backend } = setup({ bulkItem: ({ meta }) => (meta._id !== id(1) ? refused : undefined) });

    await expect(backend.upsert([1, 2, 3].map((n) => product(n)))).rejects.toThrow(
      'Elasticsearch did not apply 2 of 3 bulk actions: document_parsing_exception: failed to parse field [price]',
    );
    expect(es.bulks()).toHaveLength(1);
  });

  it('refuses to write when the live alias has vanished, rather than let Elasticsearch create a bare index', async () => {
    const { es, backend } = setup();
    await backend.upsert([product(1)]);
    es.indices.get('product_index_v1')!.delete('product_index'); // someone removed the alias

    await expect(backend.upsert([product(2)])).rejects.toThrow('did not apply 1 of 1 bulk actions: index_not_found_exception');
  });

  it('refreshes the live index after a change when asked to, so the change is searchable when the call returns', async () => {
    const { es, backend } = setup({}, { refreshAfterWrite: true });

    await backend.upsert([product(1)]);
    await backend.remove([id(1)]);

    expect(es.requests.filter((r) => r.path !== '/_alias/product_index_rebuild').map((r) => `${r.method} ${r.path}`)).toEqual([
      'HEAD /_alias/product_index',
      'POST /_bulk',
      'GET /product_index/_refresh',
      'POST /_bulk',
      'GET /product_index/_refresh',
    ]);
  });
});
