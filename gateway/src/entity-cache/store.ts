import { LRUCache } from 'lru-cache';
import type { Redis } from '@shop/platform';

/** One cached subgraph answer (JSON text, parsed afresh for every reader: the executor merges into what it reads). */
export interface CacheEntry {
  key: string;
  json: string;
  ttlMs: number;
  /** What invalidates it: the ids it holds, `lists:<subgraph>` for root fetches, `entities:<subgraph>` for entity fetches. */
  tags: string[];
}

/** A kept answer, and when a reader should fetch it again in the background (ms since the epoch; see REFRESH_AHEAD). */
export interface CachedAnswer {
  json: string;
  refreshAt: number;
}

/**
 * The last part of an entry's TTL in which reading it also fetches it again, in the background: an answer read
 * all the time is renewed before it expires and never makes a request wait, while one nobody reads simply expires.
 * Nothing is served past its TTL.
 */
const REFRESH_AHEAD = 0.2;
const refreshAt = (now: number, ttlMs: number) => now + Math.round(ttlMs * (1 - REFRESH_AHEAD));

/**
 * Where the gateway keeps public subgraph answers: Redis in production (shared by every replica), this process's
 * memory in the embedded mode. Both forget an entry at its TTL or when a tag of it is invalidated.
 */
export interface CacheStore {
  readonly kind: 'redis' | 'memory';
  getMany(keys: string[]): Promise<(CachedAnswer | undefined)[]>;
  setMany(entries: CacheEntry[]): Promise<void>;
  invalidate(tags: string[]): Promise<void>;
  /** Entries held now (memory) or null (Redis: not counted). */
  size(): number | null;
}

/** At most `maxEntries` answers in memory, least recently used dropped first. */
export function memoryCacheStore(maxEntries = 50_000): CacheStore {
  const byTag = new Map<string, Set<string>>();
  // An entry leaving (dropped, expired, replaced, evicted) leaves its tags too, so they hold only live keys.
  const entries = new LRUCache<string, CachedAnswer & { tags: string[] }>({
    max: maxEntries,
    ttlAutopurge: false,
    dispose: (entry, key) => {
      for (const tag of entry.tags) {
        const keys = byTag.get(tag);
        if (keys?.delete(key) && keys.size === 0) byTag.delete(tag);
      }
    },
  });
  return {
    kind: 'memory',
    async getMany(keys) {
      return keys.map((key) => entries.get(key));
    },
    async setMany(batch) {
      const now = Date.now();
      for (const { key, json, ttlMs, tags } of batch) {
        entries.set(key, { json, refreshAt: refreshAt(now, ttlMs), tags }, { ttl: ttlMs });
        for (const tag of tags) {
          let keys = byTag.get(tag);
          if (!keys) byTag.set(tag, (keys = new Set()));
          keys.add(key);
        }
      }
    },
    async invalidate(tags) {
      for (const tag of tags) {
        const keys = byTag.get(tag);
        if (!keys) continue;
        byTag.delete(tag);
        for (const key of keys) entries.delete(key);
      }
    },
    size: () => entries.size,
  };
}

/**
 * Entries are plain keys with a TTL, each value the time to refresh it and the answer (`<refreshAt>:<json>`). Each
 * tag is a sorted set of the keys it invalidates, scored by when each expires: every write to a tag first drops the
 * members already expired, so a tag that keeps being written to (`entities:catalog` joins every catalog entity
 * answer) holds only live keys instead of every key it ever named. A tag nobody writes to any more expires a little
 * after the longest TTL put in it.
 */
export function redisCacheStore(redis: Redis, prefix = 'gateway:cache:'): CacheStore {
  // `ztag:`, not the `tag:` sets of earlier versions: those expire on their own, never read as sorted sets.
  const tagKey = (tag: string) => `${prefix}ztag:${tag}`;
  // `a:`, not the bare answers under `e:` of earlier versions: those expire on their own, never read.
  const entryKey = (key: string) => `${prefix}a:${key}`;
  return {
    kind: 'redis',
    async getMany(keys) {
      if (!keys.length) return [];
      const values = await redis.mget(...keys.map(entryKey));
      return values.map((value) => {
        const colon = value?.indexOf(':') ?? -1;
        return value && colon > 0 ? { refreshAt: Number(value.slice(0, colon)), json: value.slice(colon + 1) } : undefined;
      });
    },
    async setMany(batch) {
      if (!batch.length) return;
      const now = Date.now();
      const pipeline = redis.pipeline();
      for (const tag of new Set(batch.flatMap((entry) => entry.tags))) pipeline.zremrangebyscore(tagKey(tag), '-inf', now);
      for (const { key, json, ttlMs, tags } of batch) {
        pipeline.set(entryKey(key), `${refreshAt(now, ttlMs)}:${json}`, 'PX', ttlMs);
        for (const tag of tags) {
          pipeline.zadd(tagKey(tag), 'GT', now + ttlMs, key);
          pipeline.pexpire(tagKey(tag), ttlMs + 1_000, 'GT');
          pipeline.pexpire(tagKey(tag), ttlMs + 1_000, 'NX');
        }
      }
      await pipeline.exec();
    },
    async invalidate(tags) {
      if (!tags.length) return;
      const members = await redis.pipeline(tags.map((tag) => ['zrange', tagKey(tag), '0', '-1'])).exec();
      const keys = (members ?? []).flatMap(([, value]) => (Array.isArray(value) ? (value as string[]) : []));
      await redis.unlink(...tags.map(tagKey), ...keys.map(entryKey));
    },
    size: () => null,
  };
}

/**
 * This process's memory in front of Redis: hot answers without a round trip, Redis shared by the replicas so a new
 * or restarted one starts warm. Every replica hears every event, so each evicts its own memory as it evicts Redis.
 */
export function tieredCacheStore(near: CacheStore, far: CacheStore): CacheStore {
  return {
    kind: far.kind,
    async getMany(keys) {
      const values = await near.getMany(keys);
      const missing = keys.filter((_key, i) => values[i] === undefined);
      if (!missing.length) return values;
      const found = await far.getMany(missing);
      let next = 0;
      return values.map((value) => value ?? found[next++]);
    },
    async setMany(entries) {
      await Promise.all([near.setMany(entries), far.setMany(entries)]);
    },
    async invalidate(tags) {
      await Promise.all([near.invalidate(tags), far.invalidate(tags)]);
    },
    size: () => near.size(),
  };
}
