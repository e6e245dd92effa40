/**
 * What this proves: how the Elasticsearch backend writes — the documents it sends (prices as numbers only there),
 * bulk requests in batches, retry of items the cluster rejects as busy, the versioned index and the one-call alias
 * swap of a rebuild, and that changes made during a rebuild reach the new index — checked on the requests the
 * official client sends, captured with @elastic/elasticsearch-mock. It does NOT prove that a real Elasticsearch
 * accepts these requests or how it ranks: no Elasticsearch server can run here. The behavioural suite
 * (embedded/test/search-*.test.ts) can be pointed at a real cluster with ELASTICSEARCH_URL.
 */
import { Client, errors } from '@elastic/elasticsearch';
import Mock from '@elastic/elasticsearch-mock';
import { createLogger } from '@shop/platform/logger';
import { BulkIndexingError, elasticsearchBackend } from '../src/backends/elasticsearch/index.js';
import type { ProductDocument } from '../src/backends/port.js';

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
  on('HEAD', '/_alias/product_index', () => ({}));
  return { client, requests, on, bulks: () => requests.filter((r) => r.path === '/_bulk').map((r) => r.body as any[]) };
}

/** A bulk response applying every action, except those `fail` answers for with an item error. */
function bulkResponse(body: any[], fail: (id: string) => { status: number; error?: object } | undefined = () => undefined) {
  const items = [];
  for (let i = 0; i < body.length; i++) {
    const [kind, meta] = Object.entries(body[i])[0] as [string, any];
    if (kind === 'index') i++; // its source line
    const failure = fail(meta._id);
    items.push({ [kind]: { _index: meta._index, _id: meta._id, status: kind === 'delete' ? 200 : 201, ...failure } });
  }
  return { took: 1, errors: items.some((item) => 'error' in Object.values(item)[0]), items };
}

const busy = { status: 429, error: { type: 'es_rejected_execution_exception', reason: 'rejected execution of coordinating operation' } };

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function product(n: number, overrides: Partial<ProductDocument> = {}): ProductDocument {
  return {
    id: id(n),
    name: `Wireless Headphones ${n}`,
    slug: `wireless-headphones-${n}`,
    sku: `WH-${n}`,
    description: 'Over-ear, noise cancelling.',
    category: {
      id: 'c-headphones',
      name: 'Headphones',
      slug: 'headphones',
      path: [
        { id: 'c-electronics', name: 'Electronics', slug: 'electronics' },
        { id: 'c-audio', name: 'Audio', slug: 'audio' },
      ],
    },
    brand: { id: 'b-sonic', name: 'Sonic' },
    price: '24.99',
    comparePrice: '29.90',
    currency: 'USD',
    rating: '4.50',
    reviewCount: 12,
    inStock: true,
    attributes: [{ name: 'color', value: 'black' }],
    tags: ['audio', 'wireless'],
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-02T10:00:00.000Z',
    ...overrides,
  };
}

const indexed = (bulk: any[]) => bulk.filter((line) => 'index' in line).map((line) => `${line.index._index}:${line.index._id}`);

describe('writing products to Elasticsearch', () => {
  it('stores a product in the seed’s shape: snake_case fields, prices and rating as numbers, the category trail', async () => {
    const es = cluster();
    es.on('POST', '/_bulk', (body) => bulkResponse(body));
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log });

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
    const es = cluster();
    es.on('POST', '/_bulk', (body) => bulkResponse(body));
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log });

    await backend.upsert([product(1, { category: null, brand: null, comparePrice: null, rating: null, reviewCount: 0 })]);

    expect(es.bulks()[0][1]).toMatchObject({ category: null, brand: null, compare_price: null, rating: null, review_count: 0 });
  });

  it('sends upserts in bulk requests of bulkBatchSize products', async () => {
    const es = cluster();
    es.on('POST', '/_bulk', (body) => bulkResponse(body));
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log, bulkBatchSize: 2 });

    await backend.upsert([1, 2, 3, 4, 5].map((n) => product(n)));

    expect(es.bulks().map(indexed)).toEqual([
      [`product_index:${id(1)}`, `product_index:${id(2)}`],
      [`product_index:${id(3)}`, `product_index:${id(4)}`],
      [`product_index:${id(5)}`],
    ]);
  });

  it('removes products with bulk deletes; a product the index does not have is not an error', async () => {
    const es = cluster();
    es.on('POST', '/_bulk', (body) =>
      bulkResponse(body, (docId) => (docId === id(2) ? { status: 404, result: 'not_found' } as any : undefined)),
    );
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log });

    await expect(backend.remove([id(1), id(2)])).resolves.toBeUndefined();

    expect(es.bulks()).toEqual([[{ delete: { _index: 'product_index', _id: id(1) } }, { delete: { _index: 'product_index', _id: id(2) } }]]);
  });

  it('retries only the items rejected as busy, and succeeds when the cluster takes them', async () => {
    const es = cluster();
    let rejected = false;
    es.on('POST', '/_bulk', (body) =>
      bulkResponse(body, (docId) => {
        if (docId !== id(2) || rejected) return undefined;
        rejected = true;
        return busy;
      }),
    );
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log, retryDelayMs: 1 });

    await backend.upsert([1, 2, 3].map((n) => product(n)));

    expect(es.bulks().map(indexed)).toEqual([
      [`product_index:${id(1)}`, `product_index:${id(2)}`, `product_index:${id(3)}`],
      [`product_index:${id(2)}`],
    ]);
  });

  it('retries a whole bulk request refused with 429', async () => {
    const es = cluster();
    let calls = 0;
    es.on('POST', '/_bulk', (body) =>
      ++calls === 1 ? new errors.ResponseError({ body: { status: 429 }, statusCode: 429, headers: {}, warnings: [], meta: {} as any }) : bulkResponse(body),
    );
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log, retryDelayMs: 1 });

    await backend.upsert([product(1)]);

    expect(es.bulks().map(indexed)).toEqual([[`product_index:${id(1)}`], [`product_index:${id(1)}`]]);
  });

  it('gives up on an item still rejected as busy after 3 retries, saying how many failed', async () => {
    const es = cluster();
    es.on('POST', '/_bulk', (body) => bulkResponse(body, (docId) => (docId === id(2) ? busy : undefined)));
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log, retryDelayMs: 1 });

    const failure = backend.upsert([product(1), product(2)]);

    await expect(failure).rejects.toThrow(BulkIndexingError);
    await expect(failure).rejects.toThrow('Elasticsearch did not apply 1 of 2 bulk actions: still rejected as busy after 3 retries');
    expect(es.bulks()).toHaveLength(4);
  });

  it('refreshes the live index after a change when asked to, so the change is searchable when the call returns', async () => {
    const es = cluster();
    es.on('POST', '/_bulk', (body) => bulkResponse(body));
    es.on(['GET', 'POST'] as any, '/product_index/_refresh', () => ({ _shards: { total: 1, successful: 1, failed: 0 } }));
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log, refreshAfterWrite: true });

    await backend.upsert([product(1)]);
    await backend.remove([id(1)]);

    expect(es.requests.map((r) => r.path)).toEqual([
      '/_alias/product_index', '/_bulk', '/product_index/_refresh', '/_bulk', '/product_index/_refresh',
    ]);
  });

  it('fails at once, with the count and the reason, on items the index refuses', async () => {
    const es = cluster();
    const refused = { status: 400, error: { type: 'document_parsing_exception', reason: 'failed to parse field [price]' } };
    es.on('POST', '/_bulk', (body) => bulkResponse(body, (docId) => (docId !== id(1) ? refused : undefined)));
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log, retryDelayMs: 1 });

    await expect(backend.upsert([1, 2, 3].map((n) => product(n)))).rejects.toThrow(
      'Elasticsearch did not apply 2 of 3 bulk actions: document_parsing_exception: failed to parse field [price]',
    );
    expect(es.bulks()).toHaveLength(1);
  });
});

describe('rebuilding the product index', () => {
  function rebuildCluster(options: { failBulkFor?: string } = {}) {
    const es = cluster();
    es.on('PUT', '/:index', () => ({ acknowledged: true }));
    es.on('POST', '/_bulk', (body) =>
      bulkResponse(body, (docId) => (docId === options.failBulkFor ? { status: 400, error: { type: 'document_parsing_exception' } } : undefined)),
    );
    es.on('PUT', '/:index/_settings', () => ({ acknowledged: true }));
    es.on(['GET', 'POST'] as any, '/:index/_refresh', () => ({ _shards: { total: 1, successful: 1, failed: 0 } }));
    es.on('GET', '/_alias/product_index', () => ({ product_index_v20261101000000000: { aliases: { product_index: { is_write_index: true } } } }));
    es.on('POST', '/_aliases', () => ({ acknowledged: true }));
    es.on('DELETE', '/:index', () => ({ acknowledged: true }));
    return es;
  }

  async function* batchesOf(...batches: ProductDocument[][]) {
    yield* batches;
  }

  it('loads a new versioned index in batches, swaps the alias in one updateAliases call, then deletes the old index', async () => {
    const es = rebuildCluster();
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log, bulkBatchSize: 2 });

    const result = await backend.rebuild(batchesOf([product(1), product(2), product(3)], [product(4)]));

    expect(result.indexed).toBe(4);
    expect(result.index).toMatch(/^product_index_v\d{17}$/);
    const v = result.index;
    expect(es.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT /${v}`,
      'POST /_bulk',
      'POST /_bulk',
      'POST /_bulk',
      `PUT /${v}/_settings`,
      `GET /${v}/_refresh`,
      'GET /_alias/product_index',
      'POST /_aliases',
      'DELETE /product_index_v20261101000000000',
    ]);
    const create = es.requests[0].body;
    expect(create.settings.refresh_interval).toBe('-1');
    expect(create.settings.analysis.analyzer.shop_search).toBeDefined();
    expect(create.aliases).toBeUndefined();
    expect(es.bulks().map(indexed)).toEqual([
      [`${v}:${id(1)}`, `${v}:${id(2)}`],
      [`${v}:${id(3)}`],
      [`${v}:${id(4)}`],
    ]);
    expect(es.requests[4].body).toEqual({ refresh_interval: null });
    expect(es.requests.find((r) => r.path === '/_aliases')!.body).toEqual({
      actions: [
        { remove: { index: 'product_index_v20261101000000000', alias: 'product_index' } },
        { add: { index: v, alias: 'product_index', is_write_index: true } },
      ],
    });
  });

  it('writes changes made during the rebuild to both indices and replays them over batches read before them', async () => {
    const es = rebuildCluster();
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log });
    const renamed = product(1, { name: 'Renamed Headphones' });

    async function* batches() {
      yield [product(1), product(2)];
      await backend.upsert([renamed]);
      await backend.remove([id(2)]);
      yield [product(1), product(2)]; // read before the two changes, written after them
    }
    const { index: v } = await backend.rebuild(batches());

    const bulks = es.bulks();
    expect(bulks).toHaveLength(5);
    expect(bulks[1].filter((line) => 'index' in line)).toEqual([
      { index: { _index: 'product_index', _id: id(1), require_alias: true } },
      { index: { _index: v, _id: id(1) } },
    ]);
    expect(bulks[2]).toEqual([{ delete: { _index: 'product_index', _id: id(2) } }, { delete: { _index: v, _id: id(2) } }]);
    expect(indexed(bulks[3])).toEqual([`${v}:${id(1)}`, `${v}:${id(2)}`]);
    // The replay, after the last batch and before the swap: the latest state of each product changed meanwhile.
    expect(bulks[4]).toEqual([{ index: { _index: v, _id: id(1) } }, expect.objectContaining({ name: 'Renamed Headphones' }), { delete: { _index: v, _id: id(2) } }]);
    expect(es.requests.findIndex((r) => r.path === '/_aliases')).toBeGreaterThan(es.requests.indexOf(es.requests.filter((r) => r.path === '/_bulk')[4]));

    // After the swap, changes go to the live alias only.
    await backend.upsert([product(3)]);
    expect(indexed(es.bulks()[5])).toEqual([`product_index:${id(3)}`]);
  });

  it('deletes its new index and leaves the alias alone when loading fails; the next rebuild can start', async () => {
    const es = rebuildCluster({ failBulkFor: id(2) });
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log });

    const failed = backend.rebuild(batchesOf([product(1), product(2)]));

    await expect(failed).rejects.toThrow('did not apply 1 of 2 bulk actions');
    const created = es.requests[0].path;
    expect(es.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT ${created}`, 'POST /_bulk', `DELETE ${created}`]);

    await backend.upsert([product(3)]);
    expect(indexed(es.bulks()[1])).toEqual([`product_index:${id(3)}`]);
    await expect(backend.rebuild(batchesOf([product(3)]))).resolves.toMatchObject({ indexed: 1 });
  });

  it('replaces a plain product_index made the seed’s way by the alias, in the same updateAliases call', async () => {
    const mock = new Mock();
    const client = new Client({ node: 'http://elasticsearch.test:9200', Connection: mock.getConnection() });
    const requests: Recorded[] = [];
    const on = (method: string, path: string, respond: () => unknown) =>
      mock.add({ method, path }, (params) => {
        requests.push({ method: params.method as string, path: params.path as string, body: params.body });
        return respond() as Record<string, unknown>;
      });
    const notFound = () => new errors.ResponseError({ body: { status: 404 }, statusCode: 404, headers: {}, warnings: [], meta: {} as any });
    let swapped = false;
    on('HEAD', '/_alias/product_index', () => (swapped ? {} : notFound()));
    on('HEAD', '/product_index', () => ({}));
    on('GET', '/_alias/product_index', notFound);
    on('PUT', '/:index', () => ({ acknowledged: true }));
    on('PUT', '/:index/_settings', () => ({ acknowledged: true }));
    on('GET', '/:index/_refresh', () => ({ _shards: { total: 1, successful: 1, failed: 0 } }));
    on('POST', '/_aliases', () => {
      swapped = true;
      return { acknowledged: true };
    });
    mock.add({ method: 'POST', path: '/_bulk' }, (params) => {
      requests.push({ method: 'POST', path: '/_bulk', body: params.body });
      return bulkResponse(params.body as any[]);
    });
    const backend = elasticsearchBackend({ node: 'unused', client, log });
    await backend.remove([id(9)]); // served by the plain index meanwhile

    const { index: v } = await backend.rebuild(batchesOf([product(1)]));

    expect(requests.find((r) => r.path === '/_aliases')!.body).toEqual({
      actions: [{ remove_index: { index: 'product_index' } }, { add: { index: v, alias: 'product_index', is_write_index: true } }],
    });
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
    await backend.upsert([product(2)]);
    expect(requests.at(-1)!.body[0]).toEqual({ index: { _index: 'product_index', _id: id(2), require_alias: true } });
  });

  it('reads the synonym table again for the new index', async () => {
    const es = rebuildCluster();
    let table = [{ term: 'tee', synonyms: ['t-shirt'] }];
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log, synonyms: async () => table });

    table = [{ term: 'couch', synonyms: ['sofa'] }];
    await backend.rebuild(batchesOf([product(1)]));

    expect(es.requests[0].body.settings.analysis.filter.shop_synonyms.synonyms).toEqual(['couch => couch, sofa']);
  });

  it('keeps the new index live when the old one cannot be deleted after the swap', async () => {
    const es = cluster();
    es.on('PUT', '/:index', () => ({ acknowledged: true }));
    es.on('POST', '/_bulk', (body) => bulkResponse(body));
    es.on('PUT', '/:index/_settings', () => ({ acknowledged: true }));
    es.on('GET', '/:index/_refresh', () => ({ _shards: { total: 1, successful: 1, failed: 0 } }));
    es.on('GET', '/_alias/product_index', () => ({ product_index_v1: { aliases: { product_index: {} } } }));
    es.on('POST', '/_aliases', () => ({ acknowledged: true }));
    es.on('DELETE', '/:index', () => new errors.ResponseError({ body: { status: 500 }, statusCode: 500, headers: {}, warnings: [], meta: {} as any }));
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log });

    const { index: v } = await backend.rebuild(batchesOf([product(1)]));

    const deletes = es.requests.filter((r) => r.method === 'DELETE').map((r) => r.path);
    expect(new Set(deletes)).toEqual(new Set(['/product_index_v1'])); // retried by the client, never the new index
    expect(deletes).not.toContain(`/${v}`);
  });

  it('refuses a second rebuild while one is running', async () => {
    const es = rebuildCluster();
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* slow() {
      await gate;
      yield [product(1)];
    }

    const first = backend.rebuild(slow());
    await expect(backend.rebuild(batchesOf([product(2)]))).rejects.toThrow(/already running/);
    release();
    await expect(first).resolves.toMatchObject({ indexed: 1 });
  });
});
