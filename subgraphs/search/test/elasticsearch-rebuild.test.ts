/**
 * What this proves: how the Elasticsearch backend rebuilds product_index without stopping searches — a new
 * versioned index loaded in batches, one updateAliases call that swaps it in, the old index deleted, and changes
 * made meanwhile (by this process or another) written to both indices with versions a stale batch cannot beat —
 * checked on the requests the official client sends, captured with @elastic/elasticsearch-mock. It does NOT prove
 * that a real Elasticsearch applies them as described (external versions, tombstones): no Elasticsearch server can
 * run here. The behavioural suite (embedded/test/search-*.test.ts) can be pointed at a real cluster with
 * ELASTICSEARCH_URL.
 */
import { createLogger } from '@shop/platform/logger';
import { elasticsearchBackend } from '../src/backends/elasticsearch/index.js';
import {
  mockCluster,
  responseError,
  sampleId as id,
  sampleProduct as product,
  type MockClusterOptions,
} from '../src/backends/elasticsearch/testing.js';
import type { ProductDocument } from '../src/backends/port.js';

const log = createLogger('search-es-test', 'silent');

const OLD = 'product_index_v20261101000000000';

function setup(options: MockClusterOptions = {}, bulkBatchSize?: number) {
  const es = mockCluster({ indices: { [OLD]: ['product_index'] }, ...options });
  const backend = elasticsearchBackend({ node: 'unused', client: es.client, log, bulkBatchSize });
  return { es, backend };
}

async function* batchesOf(...batches: ProductDocument[][]) {
  yield* batches;
}

const written = (bulk: any[]) => bulk.filter((line) => 'index' in line || 'delete' in line).map((line) => line.index ?? line.delete);

describe('rebuilding the product index', () => {
  it('loads a new versioned index in batches, swaps the alias in one updateAliases call, then deletes the old index', async () => {
    const { es, backend } = setup({}, 2);

    const result = await backend.rebuild(batchesOf([product(1), product(2), product(3)], [product(4)]));

    expect(result.indexed).toBe(4);
    expect(result.index).toMatch(/^product_index_v\d{17}$/);
    const v = result.index;
    expect(es.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /product_index_v*/_alias', // versioned indices nothing uses: none
      `PUT /${v}`,
      'POST /_bulk',
      'POST /_bulk',
      'POST /_bulk',
      `PUT /${v}/_settings`,
      `GET /${v}/_refresh`,
      'GET /_alias/product_index',
      'POST /_aliases',
      `DELETE /${OLD}`,
    ]);
    const create = es.requests[1].body;
    expect(create.aliases).toEqual({ product_index_rebuild: {} });
    expect(create.settings).toMatchObject({ refresh_interval: '-1', gc_deletes: '1d' });
    expect(create.settings.analysis.analyzer.shop_search).toBeDefined();
    // Loaded through the rebuild alias with version 1, so any change made meanwhile (a later time) wins.
    const load = { _index: 'product_index_rebuild', version: 1, version_type: 'external', require_alias: true };
    expect(es.bulks().map(written)).toEqual([
      [{ ...load, _id: id(1) }, { ...load, _id: id(2) }],
      [{ ...load, _id: id(3) }],
      [{ ...load, _id: id(4) }],
    ]);
    expect(es.requests[5].body).toEqual({ refresh_interval: null, gc_deletes: null });
    expect(es.requests[8].body).toEqual({
      actions: [
        { remove: { index: OLD, alias: 'product_index' } },
        { remove: { index: v, alias: 'product_index_rebuild' } },
        { add: { index: v, alias: 'product_index', is_write_index: true } },
      ],
    });
    expect([...es.indices]).toEqual([[v, new Set(['product_index'])]]);
  });

  it('writes changes made during the rebuild, by this process or another, to both indices, versioned by their time', async () => {
    const { es, backend } = setup();
    const otherProcess = elasticsearchBackend({ node: 'unused', client: es.client, log });
    const renamed = product(1, { name: 'Renamed Headphones' });
    let before = 0;
    let after = 0;

    async function* batches() {
      yield [product(1), product(2)];
      before = Date.now();
      await otherProcess.upsert([renamed]);
      await backend.remove([id(2)]);
      after = Date.now();
      yield [product(1), product(2), product(3)]; // read before the two changes, written after them
    }
    const { index: v } = await backend.rebuild(batches());

    const [, change, removal, staleBatch] = es.bulks();
    const live = { _index: 'product_index', _id: id(1), require_alias: true };
    expect(written(change)).toEqual([
      live,
      { _index: 'product_index_rebuild', _id: id(1), version: expect.any(Number), version_type: 'external', require_alias: true },
    ]);
    expect(change[3]).toMatchObject({ name: 'Renamed Headphones' });
    expect(written(removal)).toEqual([
      { _index: 'product_index', _id: id(2) },
      { _index: v, _id: id(2), version: expect.any(Number), version_type: 'external' },
    ]);
    for (const version of [written(change)[1].version, written(removal)[1].version]) {
      expect(version).toBeGreaterThanOrEqual(before);
      expect(version).toBeLessThanOrEqual(after);
    }
    expect(written(staleBatch).map((item) => item.version)).toEqual([1, 1, 1]);
    // The stale batch lost to both changes (version conflicts, not failures): the new index has the rename, not
    // the removed product, and the rebuild went on and swapped.
    const documents = es.documents(v);
    expect([...documents.keys()].sort()).toEqual([id(1), id(3)]);
    expect(documents.get(id(1)).name).toBe('Renamed Headphones');
    expect(es.indices.get(v)).toEqual(new Set(['product_index']));

    // After the swap, changes go to the live alias only.
    await otherProcess.upsert([product(5)]);
    expect(written(es.bulks().at(-1)!)).toEqual([{ _index: 'product_index', _id: id(5), require_alias: true }]);
  });

  it('treats a change whose rebuild ended between its look and its write as written (the live write counts)', async () => {
    const rebuilding = 'product_index_v20261130000000000';
    const { es, backend } = setup({ indices: { [OLD]: ['product_index'], [rebuilding]: ['product_index_rebuild'] } });
    es.on('GET', '/_alias/product_index_rebuild', () => {
      es.indices.delete(rebuilding); // the rebuild fails and drops its index right after the look
      return { [rebuilding]: { aliases: { product_index_rebuild: {} } } };
    });

    await expect(backend.upsert([product(1)])).resolves.toBeUndefined();
    await expect(backend.remove([id(2)])).resolves.toBeUndefined();

    expect(written(es.bulks()[0]).map((item) => item._index)).toEqual(['product_index', 'product_index_rebuild']);
    expect(written(es.bulks()[1]).map((item) => item._index)).toEqual(['product_index', rebuilding]);
    // The alias could not be recreated as an index; the versioned delete recreated the bare versioned index.
    expect(es.indices.has('product_index_rebuild')).toBe(false);
    expect(es.indices.get(rebuilding)).toEqual(new Set());
  });

  it('first deletes the versioned indices nothing uses: a dead rebuild’s, and bare ones', async () => {
    const { es, backend } = setup({
      indices: {
        [OLD]: ['product_index'],
        product_index_v20261129000000000: ['product_index_rebuild'],
        product_index_v20261128000000000: [],
      },
    });

    const { index: v } = await backend.rebuild(batchesOf([product(1)]));

    expect(es.requests.slice(0, 3).map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /product_index_v*/_alias',
      'DELETE /product_index_v20261129000000000,product_index_v20261128000000000',
      `PUT /${v}`,
    ]);
    expect([...es.indices.keys()]).toEqual([v]);
  });

  it('deletes its new index and leaves the alias alone when loading fails; the next rebuild can start', async () => {
    const { es, backend } = setup({
      bulkItem: ({ meta }) => (meta._id === id(2) ? { status: 400, error: { type: 'document_parsing_exception' } } : undefined),
    });

    await expect(backend.rebuild(batchesOf([product(1), product(2)]))).rejects.toThrow('did not apply 1 of 2 bulk actions');

    const created = es.requests[1].path;
    expect(es.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /product_index_v*/_alias',
      `PUT ${created}`,
      'POST /_bulk',
      'GET /_alias/product_index',
      `DELETE ${created}`,
    ]);
    expect([...es.indices.keys()]).toEqual([OLD]);
    await expect(backend.rebuild(batchesOf([product(3)]))).resolves.toMatchObject({ indexed: 1 });
  });

  it('keeps the new index when the swap happened but its answer was lost', async () => {
    const { es, backend } = setup();
    es.on('POST', '/_aliases', (body) => {
      for (const { add, remove } of body.actions) {
        if (remove) es.indices.get(remove.index)?.delete(remove.alias);
        if (add) es.indices.get(add.index)?.add(add.alias);
      }
      return responseError(504, 'timeout'); // applied, but the client hears a gateway timeout
    });

    await expect(backend.rebuild(batchesOf([product(1)]))).rejects.toThrow();

    const live = [...es.indices].filter(([, aliases]) => aliases.has('product_index')).map(([index]) => index);
    expect(live).toHaveLength(1);
    expect(live[0]).not.toBe(OLD);
    expect(live[0]).toMatch(/^product_index_v\d{17}$/);
    expect(es.requests.some((r) => r.method === 'DELETE' && r.path === `/${live[0]}`)).toBe(false);
  });

  it('keeps the new index live when the old one cannot be deleted after the swap', async () => {
    const { es, backend } = setup();
    es.on('DELETE', '/:index', () => responseError(500, 'exception'));

    const { index: v } = await backend.rebuild(batchesOf([product(1)]));

    expect(es.indices.get(v)).toEqual(new Set(['product_index']));
    expect(es.requests.filter((r) => r.method === 'DELETE').every((r) => r.path === `/${OLD}`)).toBe(true);
  });

  it('replaces a plain product_index made the seed’s way by the alias, in the same updateAliases call', async () => {
    const { es, backend } = setup({ indices: { product_index: [] } });
    await backend.remove([id(9)]); // served by the plain index meanwhile

    const { index: v } = await backend.rebuild(batchesOf([product(1)]));

    expect(es.requests.find((r) => r.path === '/_aliases')!.body.actions).toEqual([
      { remove_index: { index: 'product_index' } },
      { remove: { index: v, alias: 'product_index_rebuild' } },
      { add: { index: v, alias: 'product_index', is_write_index: true } },
    ]);
    expect(es.requests.some((r) => r.method === 'DELETE')).toBe(false);
    await backend.upsert([product(2)]);
    expect(written(es.bulks().at(-1)!)).toEqual([{ _index: 'product_index', _id: id(2), require_alias: true }]);
  });

  it('reads the synonym table again for the new index', async () => {
    const es = mockCluster({ indices: { [OLD]: ['product_index'] } });
    let table = [{ term: 'tee', synonyms: ['t-shirt'] }];
    const backend = elasticsearchBackend({ node: 'unused', client: es.client, log, synonyms: async () => table });

    table = [{ term: 'couch', synonyms: ['sofa'] }];
    await backend.rebuild(batchesOf([product(1)]));

    expect(es.requests[1].body.settings.analysis.filter.shop_synonyms.synonyms).toEqual(['couch => couch, sofa']);
  });

  it('refuses a second rebuild while one is running in this process', async () => {
    const { backend } = setup();
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
