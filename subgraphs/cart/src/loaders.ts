import DataLoader from 'dataloader';
import type { VariantInfo } from './domain/cart';
import type { CatalogPort } from './ports/catalog';
import type { InventoryPort } from './ports/inventory';

/**
 * Per request: every variant the request needs from the catalog goes out in one `_entities` call, and every
 * stock figure in one call to inventory, however many lines the cart has.
 */
export class CartLoaders {
  readonly variants: DataLoader<string, VariantInfo | null>;
  readonly available: DataLoader<string, number>;

  constructor(catalog: CatalogPort, inventory: InventoryPort, requestId?: string) {
    this.variants = new DataLoader(async (ids) => {
      const found = await catalog.variants(ids, requestId);
      return ids.map((id) => found.get(id) ?? null);
    }, { maxBatchSize: 500 });
    this.available = new DataLoader(async (ids) => {
      const found = await inventory.available(ids, requestId);
      return ids.map((id) => found.get(id) ?? 0);
    }, { maxBatchSize: 500 });
  }

  /** Variants by id, as a map, in one batch. */
  async variantMap(ids: Iterable<string>): Promise<Map<string, VariantInfo | null>> {
    const unique = [...new Set(ids)];
    const found = await this.variants.loadMany(unique);
    return new Map(unique.map((id, i) => [id, found[i] instanceof Error ? rethrow(found[i] as Error) : (found[i] as VariantInfo | null)]));
  }

  async availableMap(ids: Iterable<string>): Promise<Map<string, number>> {
    const unique = [...new Set(ids)];
    const found = await this.available.loadMany(unique);
    return new Map(unique.map((id, i) => [id, found[i] instanceof Error ? rethrow(found[i] as Error) : (found[i] as number)]));
  }
}

function rethrow(error: Error): never {
  throw error;
}
