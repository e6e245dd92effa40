import { Client, errors } from '@elastic/elasticsearch';
import Mock from '@elastic/elasticsearch-mock';
import type { ProductDocument } from '../port.js';

/*
 * Test support for the Elasticsearch backend: no Elasticsearch server can run on the project's machines, so its
 * tests use a real Client wired to the official mock (@elastic/elasticsearch-mock). This file answers the index,
 * alias and bulk calls from a small model (which index has which alias; each document's version, external
 * versions and delete tombstones as Elasticsearch documents them), records every request for the tests to assert,
 * and lets a test decide how a bulk item or a search is answered. The model is this file's reading of the
 * documentation, not Elasticsearch.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert the shapes they expect
type Untyped = any;

export interface RecordedRequest {
  method: string;
  path: string;
  body: Untyped;
}

/** One bulk item as sent: its kind, metadata line and (for index) the document. */
export interface SentItem {
  kind: 'index' | 'delete';
  meta: { _index: string; _id: string; version?: number; version_type?: string; require_alias?: boolean };
  source?: Untyped;
}

/** How a bulk item went, when it did not simply succeed. */
export type ItemOutcome = { status: number; error?: { type: string; reason?: string }; result?: string } | undefined;

export interface MockClusterOptions {
  /** Indices at the start, with their aliases. */
  indices?: Record<string, string[]>;
  /** Decides the outcome of each bulk item; by default every item succeeds. */
  bulkItem?: (item: SentItem) => ItemOutcome;
  /** Answers each search (index or alias name, body); by default no hits. */
  search?: (index: string, body: Untyped) => object;
}

export interface MockCluster {
  client: Client;
  requests: RecordedRequest[];
  /** Index → its aliases, as the calls so far left them. */
  indices: Map<string, Set<string>>;
  /** The bodies of the bulk requests, in order. */
  bulks(): Untyped[][];
  /** The documents an index holds after the bulk writes so far (deleted ones are gone), by id. */
  documents(index: string): Map<string, Untyped>;
  /** Answers `method path` with `respond` instead of the model. */
  on(method: string, path: string, respond: (body: Untyped) => unknown): void;
}

export const responseError = (statusCode: number, type: string) =>
  new errors.ResponseError({ body: { error: { type }, status: statusCode }, statusCode, headers: {}, warnings: [], meta: {} as Untyped });

export function mockCluster(options: MockClusterOptions = {}): MockCluster {
  const mock = new Mock();
  const client = new Client({ node: 'http://elasticsearch.test:9200', Connection: mock.getConnection() });
  const requests: RecordedRequest[] = [];
  const indices = new Map(Object.entries(options.indices ?? {}).map(([index, aliases]) => [index, new Set(aliases)]));
  const holding = (alias: string) => [...indices].filter(([, aliases]) => aliases.has(alias)).map(([index]) => index);
  const missing = () => responseError(404, 'index_not_found_exception');
  const ok = { acknowledged: true };

  /** Applies a write as Elasticsearch versions it: an external version must beat the stored one (deletes too). */
  const stored = new Map<string, { version: number; source: Untyped | null }>();
  function store(index: string, item: SentItem): ItemOutcome {
    const key = `${index}/${item.meta._id}`;
    const current = stored.get(key);
    const external = item.meta.version_type === 'external';
    if (external && current && current.version >= item.meta.version!) {
      return { status: 409, error: { type: 'version_conflict_engine_exception' } };
    }
    const version = external ? item.meta.version! : (current?.version ?? 0) + 1;
    stored.set(key, { version, source: item.kind === 'index' ? item.source : null });
    // Deleting a missing document answers not_found, and still leaves its tombstone (version).
    return item.kind === 'delete' && !current?.source ? { status: 404, result: 'not_found' } : undefined;
  }
  const drop = (index: string) => {
    indices.delete(index);
    for (const key of stored.keys()) if (key.startsWith(`${index}/`)) stored.delete(key);
  };

  type Respond = (body: Untyped, segments: string[]) => unknown;
  /** A test's answers, by "METHOD /exact/path" or "METHOD /route/:pattern"; they win over the model's. */
  const overrides = new Map<string, Respond>();

  /** Routes `method pattern` to `respond`, which gets the body and the path's segments ("/a/b" → ["a", "b"]). */
  const route = (method: string, pattern: string, respond: Respond) => {
    mock.add({ method, path: pattern }, (request) => {
      const path = request.path as string;
      requests.push({ method, path, body: request.body });
      const answer = overrides.get(`${method} ${path}`) ?? overrides.get(`${method} ${pattern}`) ?? respond;
      return answer(request.body, path.split('/').slice(1).map(decodeURIComponent)) as Record<string, unknown>;
    });
  };
  const on = (method: string, path: string, respond: Respond) => {
    overrides.set(`${method} ${path}`, respond);
    if (!mock.get({ method, path })) route(method, path, respond);
  };

  route('HEAD', '/_alias/:name', (_, [, name]) => (holding(name).length > 0 ? {} : missing()));
  route('GET', '/_alias/:name', (_, [, name]) => {
    const found = holding(name);
    return found.length > 0 ? Object.fromEntries(found.map((index) => [index, { aliases: { [name]: {} } }])) : missing();
  });
  route('GET', '/:index/_alias', (_, [pattern]) => {
    const matches = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    const found = [...indices].filter(([index]) => matches.test(index));
    return Object.fromEntries(found.map(([index, aliases]) => [index, { aliases: Object.fromEntries([...aliases].map((a) => [a, {}])) }]));
  });
  route('HEAD', '/:index', (_, [index]) => (indices.has(index) ? {} : missing()));
  route('PUT', '/:index', (body, [index]) => {
    if (indices.has(index) || holding(index).length > 0) return responseError(400, 'resource_already_exists_exception');
    indices.set(index, new Set(Object.keys(body?.aliases ?? {})));
    return { ...ok, index };
  });
  route('PUT', '/:index/_settings', () => ok);
  for (const method of ['GET', 'POST']) route(method, '/:index/_refresh', () => ({ _shards: { total: 1, successful: 1, failed: 0 } }));
  route('POST', '/_aliases', (body) => {
    for (const action of body.actions) {
      if (action.add) indices.get(action.add.index)?.add(action.add.alias);
      if (action.remove) indices.get(action.remove.index)?.delete(action.remove.alias);
      if (action.remove_index) drop(action.remove_index.index);
    }
    return ok;
  });
  route('DELETE', '/:index', (_, [index]) => {
    const names = index.split(',');
    if (!names.every((name) => indices.has(name))) return missing();
    for (const name of names) drop(name);
    return ok;
  });
  route('POST', '/_bulk', (body) => bulkResponse(body, (item) => {
    let index = indices.has(item.meta._index) ? item.meta._index : holding(item.meta._index)[0];
    if (!index) {
      // Elasticsearch creates a missing index for a write, or for a delete with an external version, unless
      // the write requires an alias.
      const plainDelete = item.kind === 'delete' && item.meta.version_type !== 'external';
      if (item.meta.require_alias || plainDelete) return { status: 404, error: { type: 'index_not_found_exception' } };
      index = item.meta._index;
      indices.set(index, new Set());
    }
    return options.bulkItem?.(item) ?? store(index, item);
  }));
  route('POST', '/:index/_search', (body, [index]) =>
    options.search?.(index, body) ?? { took: 1, hits: { total: { value: 0, relation: 'eq' }, hits: [] } },
  );

  return {
    client,
    requests,
    indices,
    bulks: () => requests.filter((r) => r.path === '/_bulk').map((r) => r.body),
    documents: (index) => {
      const held = [...stored].filter(([key, doc]) => key.startsWith(`${index}/`) && doc.source);
      return new Map(held.map(([key, doc]) => [key.slice(index.length + 1), doc.source]));
    },
    on,
  };
}

/** The bulk response Elasticsearch would give, each item's outcome decided by `outcome`. */
export function bulkResponse(body: Untyped[], outcome: (item: SentItem) => ItemOutcome) {
  const items = [];
  for (let i = 0; i < body.length; i++) {
    const [kind, meta] = Object.entries(body[i])[0] as [SentItem['kind'], SentItem['meta']];
    const item: SentItem = { kind, meta, ...(kind === 'index' && { source: body[++i] }) };
    const result = outcome(item) ?? { status: kind === 'delete' ? 200 : 201 };
    items.push({ [kind]: { _index: meta._index, _id: meta._id, ...result } });
  }
  return { took: 1, errors: items.some((item) => 'error' in Object.values(item)[0]), items };
}

/** The id of sample product n: a UUID, as the shop's. */
export const sampleId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A product document in a three-level category with a brand, a price and a rating. */
export function sampleProduct(n: number, overrides: Partial<ProductDocument> = {}): ProductDocument {
  return {
    id: sampleId(n),
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
