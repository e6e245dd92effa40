import type { Redis } from '@shop/platform';
import type { VariantInfo } from '../domain/cart';

/**
 * What the catalog said about variants, kept for a few seconds in this process, so showing a cart (the product
 * page's `cart { subtotal }` on every page view) does not ask the catalog each time. Changes to a cart and
 * checkout always ask the catalog afresh, and refresh what is kept. ttlMs 0 keeps nothing.
 *
 * The catalog's events make it forget a variant at once (a price change, an archived variant or product: see
 * VariantCacheSync), so a cart shows `priceChanged` without waiting for the entry to expire. A catalog answer
 * fetched before the forgetting is not kept (the `since` token of `set`), so a request in flight cannot put the
 * old price back.
 */
export class VariantCache {
  private readonly entries = new Map<string, { info: VariantInfo | null; expiresAt: number }>();
  /** Each forgetting counts up; `forgotten` remembers the count at which each id was last forgotten. */
  private generation = 0;
  private readonly forgotten = new Map<string, number>();

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** undefined: not known (or too old); null: the catalog does not sell it. */
  get(id: string): VariantInfo | null | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt > this.clock()) return entry.info;
    this.entries.delete(id);
    return undefined;
  }

  /** Take this before asking the catalog and give it to `set`. */
  token(): number {
    return this.generation;
  }

  /** Keeps what the catalog answered, unless the variant was forgotten after `since` (the answer may be older). */
  set(id: string, info: VariantInfo | null, since: number = this.generation): void {
    if (this.ttlMs <= 0) return;
    if ((this.forgotten.get(id) ?? -1) > since) return;
    this.entries.delete(id);
    this.entries.set(id, { info, expiresAt: this.clock() + this.ttlMs });
    // Oldest first: a Map iterates in insertion order.
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Forgets variants by id, and every kept variant of the given products. */
  forget(change: VariantChange): void {
    const ids = new Set(change.variantIds ?? []);
    if (change.productIds?.length) {
      const products = new Set(change.productIds);
      for (const [id, entry] of this.entries) if (entry.info && products.has(entry.info.productId)) ids.add(id);
    }
    if (ids.size === 0) return;
    this.generation += 1;
    for (const id of ids) {
      this.entries.delete(id);
      this.forgotten.delete(id);
      this.forgotten.set(id, this.generation);
    }
    // Only answers fetched while a forgetting happened need the record; a bounded map is plenty.
    while (this.forgotten.size > this.maxEntries) this.forgotten.delete(this.forgotten.keys().next().value as string);
  }
}

export interface VariantChange {
  variantIds?: string[];
  productIds?: string[];
}

export const VARIANT_CHANGES_CHANNEL = 'cart:variant-changes';

/**
 * Tells every cart replica's cache that variants changed. The catalog event reaches one replica (the cart's
 * consumer group); that replica publishes the change on a Redis channel every replica subscribes to, itself
 * included, and each forgets the variants in its own cache. Pub/sub is at most once: a replica that was
 * disconnected at that moment keeps the old entry until it expires (priceCacheMs, 5 s by default) — the same bound
 * as before events, now the exception rather than the rule. Without Redis (embedded mode: one process) the change
 * is applied to this process's cache directly.
 */
export interface VariantCacheSync {
  announce(change: VariantChange): Promise<void>;
  stop(): Promise<void>;
}

export async function startVariantCacheSync(cache: VariantCache, redis: Redis | null | undefined, options: { channel?: string; onError?: (error: unknown) => void } = {}): Promise<VariantCacheSync> {
  const channel = options.channel ?? VARIANT_CHANGES_CHANNEL;
  if (!redis) {
    return { announce: async (change) => cache.forget(change), stop: async () => {} };
  }
  const subscriber = redis.duplicate();
  subscriber.on('error', (error) => options.onError?.(error));
  subscriber.on('message', (_channel: string, message: string) => {
    try {
      cache.forget(JSON.parse(message) as VariantChange);
    } catch (error) {
      options.onError?.(error);
    }
  });
  await subscriber.subscribe(channel);
  return {
    async announce(change) {
      // Forget here too: this replica does not wait for its own message to come back.
      cache.forget(change);
      await redis.publish(channel, JSON.stringify(change));
    },
    async stop() {
      subscriber.disconnect();
    },
  };
}
