import DataLoader from 'dataloader';
import type { VariantInfo } from './domain/cart';
import type { CatalogPort } from './ports/catalog';
import type { InventoryPort } from './ports/inventory';
import { VariantCache } from './ports/variant-cache';

/**
 * Per request: every variant the request needs from the catalog goes out in one `_entities` call, and every
 * stock figure in one call to inventory, however many lines the cart has.
 */
export class CartLoaders {
  /** Straight from the catalog (changes, checkout); what it answers refreshes the cache. */
  readonly variants: DataLoader<string, VariantInfo | null>;
  /** For showing a cart: from the cache when known, the rest through `variants`. */
  readonly shownVariants: DataLoader<string, VariantInfo | null>;
  readonly available: DataLoader<string, number>;

  constructor(catalog: CatalogPort, inventory: InventoryPort, requestId?: string, cache: VariantCache = new VariantCache(0)) {
    this.variants = new DataLoader(async (ids) => {
      const since = cache.token();
      const found = await catalog.variants(ids, requestId);
      return ids.map((id) => {
        const info = found.get(id) ?? null;
        cache.set(id, info, since);
        return info;
      });
    }, { maxBatchSize: 500 });
    this.shownVariants = new DataLoader(async (ids) => {
      const known = ids.map((id) => cache.get(id));
      const missing = ids.filter((_, i) => known[i] === undefined);
      const fetched = new Map(missing.map((id, i) => [id, i]));
      const answers = missing.length ? await this.variants.loadMany(missing) : [];
      return ids.map((id, i) => (known[i] !== undefined ? known[i] : answers[fetched.get(id)!]));
    }, { maxBatchSize: 500 });
    this.available = new DataLoader(async (ids) => {
      const found = await inventory.available(ids, requestId);
      return ids.map((id) => found.get(id) ?? 0);
    }, { maxBatchSize: 500 });
  }

  /** Variants by id, as a map, in one batch: fresh from the catalog, or as shown (possibly a few seconds old). */
  async variantMap(ids: Iterable<string>, options: { fresh: boolean } = { fresh: true }): Promise<Map<string, VariantInfo | null>> {
    return asMap([...new Set(ids)], options.fresh ? this.variants : this.shownVariants);
  }

  async availableMap(ids: Iterable<string>): Promise<Map<string, number>> {
    return asMap([...new Set(ids)], this.available);
  }
}

async function asMap<V>(ids: string[], loader: DataLoader<string, V>): Promise<Map<string, V>> {
  const found = await loader.loadMany(ids);
  return new Map(ids.map((id, i) => {
    const value = found[i];
    if (value instanceof Error) throw value;
    return [id, value];
  }));
}
