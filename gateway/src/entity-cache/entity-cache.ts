import { createHash } from 'node:crypto';
import type { EventEnvelope } from '@shop/platform';
import type { CachedAnswer, CacheEntry, CacheStore } from './store';

/**
 * Public subgraph answers, kept the way Apollo Router's entity cache keeps them: an entity fetch per subgraph,
 * type, key and selection (each representation its own entry, so a category page warms the product page), a root
 * fetch per subgraph, selection and variables. Only answers a subgraph marks public (Cache-Control: public,
 * max-age > 0, from its @cacheControl hints) are kept, for that max-age; private data (carts, customers, orders)
 * carries no hint and is never kept. Integration events evict what they change (see `invalidateFor`); subgraphs
 * are named after their contexts, so a context's events evict its own subgraph's answers.
 */
export interface EntityCache {
  readonly store: CacheStore;
  /** Bumped by every eviction: an answer fetched before it may be stale and is not kept. */
  epoch(): number;
  get(keys: string[]): Promise<(CachedAnswer | undefined)[]>;
  /** Keeps `entries` unless something was evicted since `sinceEpoch`. */
  set(entries: CacheEntry[], sinceEpoch: number): Promise<void>;
  /** Evicts what an integration event of a context changes. */
  invalidateFor(envelope: EventEnvelope): Promise<void>;
  stats(): CacheStats;
}

export interface CacheStats {
  hits: number;
  misses: number;
  evictions: number;
}

export function createEntityCache(store: CacheStore): EntityCache {
  let epoch = 0;
  const stats: CacheStats = { hits: 0, misses: 0, evictions: 0 };
  return {
    store,
    epoch: () => epoch,
    async get(keys) {
      const values = await store.getMany(keys);
      for (const value of values) {
        if (value === undefined) stats.misses += 1;
        else stats.hits += 1;
      }
      return values;
    },
    async set(entries, sinceEpoch) {
      if (entries.length && sinceEpoch === epoch) await store.setMany(entries);
    },
    async invalidateFor(envelope) {
      epoch += 1;
      stats.evictions += 1;
      const ids = [...idsIn(envelope.data, envelope.aggregateId)];
      const embedded = EMBEDDED_AGGREGATES[envelope.source]?.includes(envelope.aggregateType) ? [entitiesTag(envelope.source)] : [];
      await store.invalidate([listsTag(envelope.source), ...embedded, ...ids.map((id) => idTag(envelope.source, id))]);
    },
    stats: () => ({ ...stats }),
  };
}

/** Root fetches (lists, lookups by slug) of a subgraph: any change in that context may add or remove an answer. */
export const listsTag = (subgraph: string) => `lists:${subgraph}`;
/** Every entity answer of a subgraph: what an event about an aggregate in EMBEDDED_AGGREGATES evicts. */
export const entitiesTag = (subgraph: string) => `entities:${subgraph}`;

/**
 * Aggregates whose names other entities' answers show without their ids (a product's `brand { name }`, its
 * `category { name breadcrumbs { name } }`): no id tag can find those answers, so an event about one of them
 * evicts every entity answer of the context. Renames are rare; the cost is a cold catalog for a moment.
 */
export const EMBEDDED_AGGREGATES: Record<string, string[]> = { catalog: ['Category', 'Brand'] };

/**
 * A subgraph's answers that hold an id, evicted by the events of the context of the same name: a stock change
 * (inventory) evicts the variant's availability, not the catalog's product page that also names the variant.
 */
export const idTag = (subgraph: string, id: string) => `${subgraph}:${id}`;

/** Every `id` in an answer: an event about any of them evicts it. */
export const idsOfAnswer = (answer: unknown): Set<string> => idsUnder(answer, (key) => key === 'id');

/** The aggregate and every id an event names (productId, variantId, categoryId, …). */
const idsIn = (data: unknown, aggregateId: string): Set<string> =>
  idsUnder(data, (key) => key === 'id' || key.endsWith('Id'), new Set([aggregateId]));

/** The strings under keys `isId` accepts, anywhere in a JSON value. */
function idsUnder(value: unknown, isId: (key: string) => boolean, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) idsUnder(item, isId, into);
  } else if (value && typeof value === 'object') {
    for (const [key, field] of Object.entries(value)) {
      if (typeof field === 'string' && isId(key)) into.add(field);
      else if (field && typeof field === 'object') idsUnder(field, isId, into);
    }
  }
  return into;
}

const selectionHashes = new Map<string, string>();

/** A short hash of a fetch's selection (the query plan's operation text, the same string for every request). */
export function selectionHash(query: string): string {
  let hash = selectionHashes.get(query);
  if (!hash) {
    hash = createHash('sha256').update(query).digest('base64url').slice(0, 22);
    if (selectionHashes.size > 10_000) selectionHashes.clear();
    selectionHashes.set(query, hash);
  }
  return hash;
}

/** `max-age` of a `Cache-Control: max-age=N, public` answer, in ms; 0 when it may not be shared. */
export function publicMaxAgeMs(cacheControl: string | null): number {
  if (!cacheControl) return 0;
  const match = /^max-age=(\d+), public$/.exec(cacheControl.trim());
  return match ? Number(match[1]) * 1000 : 0;
}
