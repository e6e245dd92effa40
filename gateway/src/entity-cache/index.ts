import { eventStream, scrapedGauge, type EventTransport, type Logger, type Redis } from '@shop/platform';
import { startReplicaFeed } from '../replica-feed';
import { createEntityCache, type EntityCache } from './entity-cache';
import { memoryCacheStore, redisCacheStore, tieredCacheStore, type CacheStore } from './store';

export { createEntityCache, type EntityCache } from './entity-cache';
export { memoryCacheStore, redisCacheStore, tieredCacheStore, type CacheStore } from './store';

export interface EntityCacheOptions {
  store: CacheStore;
  /** The contexts whose events evict cached answers: the ones that mark answers public. */
  contexts?: string[];
}

/** This process's memory, in front of Redis (shared by the replicas) when there is one. */
export function entityCacheStore(redis: Redis | undefined, settings: { maxEntries?: number; prefix?: string } = {}): CacheStore {
  const near = memoryCacheStore(settings.maxEntries);
  return redis ? tieredCacheStore(near, redisCacheStore(redis, settings.prefix)) : near;
}

/** The contexts whose answers carry public cache hints (catalog data, stock levels). */
export const CACHED_CONTEXTS = ['catalog', 'inventory'];

/** The running caches of this process (tests start several gateways), read at each scrape. */
const caches = new Set<EntityCache>();
const total = (read: (cache: EntityCache) => number) => () => [...caches].reduce((sum, cache) => sum + read(cache), 0);
scrapedGauge('shop_gateway_entity_cache_hits', 'Subgraph answers the gateway served from its entity cache (since start)', total((c) => c.stats().hits));
scrapedGauge('shop_gateway_entity_cache_misses', 'Cacheable subgraph answers the gateway had to fetch (since start)', total((c) => c.stats().misses));
scrapedGauge('shop_gateway_entity_cache_evictions', 'Integration events that evicted cached answers (since start)', total((c) => c.stats().evictions));

/**
 * The entity cache and what keeps it fresh: this replica hears the events of the cached contexts (every replica
 * hears every event) and evicts what each names, within moments of the commit; the TTLs are the safety net.
 */
export function startEntityCache(options: EntityCacheOptions & { events: EventTransport; log: Logger }): { cache: EntityCache; stop(): Promise<void> } {
  const cache = createEntityCache(options.store);
  caches.add(cache);
  const feed = startReplicaFeed({
    transport: options.events,
    streams: (options.contexts ?? CACHED_CONTEXTS).map(eventStream),
    name: 'entity cache',
    log: options.log,
    onEvent: (envelope) => cache.invalidateFor(envelope),
  });
  options.log.info({ store: options.store.kind }, 'entity cache on');
  return {
    cache,
    async stop() {
      caches.delete(cache);
      await feed.stop();
    },
  };
}
