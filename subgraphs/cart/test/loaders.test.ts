import type { VariantInfo } from '../src/domain/cart';
import { CartLoaders } from '../src/loaders';
import type { CatalogPort } from '../src/ports/catalog';
import type { InventoryPort } from '../src/ports/inventory';
import { VariantCache } from '../src/ports/variant-cache';

/** A catalog that answers from a map and records every call the cart makes. */
function fakeCatalog(prices: Record<string, string>) {
  const calls: string[][] = [];
  const port: CatalogPort = {
    async variants(ids) {
      calls.push([...ids]);
      return new Map(ids.map((id) => [id, prices[id] ? info(id, prices[id]) : null]));
    },
  };
  return { port, calls };
}
const info = (id: string, price: string): VariantInfo => ({
  id, productId: 'p', sku: id, productName: 'P', variantName: null, price, currency: 'USD', isActive: true, productStatus: 'ACTIVE',
});
const inventory: InventoryPort = { available: async (ids) => new Map(ids.map((id) => [id, 5])) };

describe('the per-request loaders around the catalog port', () => {
  it('ask the catalog once per request for every variant the request needs, however they are asked for', async () => {
    const catalog = fakeCatalog({ a: '1.00', b: '2.00', c: '3.00' });
    const loaders = new CartLoaders(catalog.port, inventory);
    const [first, second] = await Promise.all([loaders.variantMap(['a', 'b']), loaders.variantMap(['b', 'c', 'x'])]);
    expect(catalog.calls).toEqual([['a', 'b', 'c', 'x']]);
    expect(first.get('a')?.price).toBe('1.00');
    expect(second.get('x')).toBeNull();
    await loaders.variantMap(['a', 'c'], { fresh: false });
    expect(catalog.calls).toHaveLength(1);
  });

  it('show a cart from the variant cache while it is fresh, and ask again once it is not', async () => {
    let now = 0;
    const cache = new VariantCache(5_000, 100, () => now);
    const prices = { a: '1.00', b: '2.00' };
    const catalog = fakeCatalog(prices);
    await new CartLoaders(catalog.port, inventory, undefined, cache).variantMap(['a'], { fresh: false });
    now = 4_000;
    const shown = await new CartLoaders(catalog.port, inventory, undefined, cache).variantMap(['a', 'b'], { fresh: false });
    expect(catalog.calls).toEqual([['a'], ['b']]);
    expect(shown.get('a')?.price).toBe('1.00');
    prices.a = '1.50';
    now = 6_000;
    const later = await new CartLoaders(catalog.port, inventory, undefined, cache).variantMap(['a', 'b'], { fresh: false });
    expect(catalog.calls).toEqual([['a'], ['b'], ['a']]);
    expect(later.get('a')?.price).toBe('1.50');
  });

  it('always ask the catalog for changes and checkout, and refresh the cache with the answer', async () => {
    const cache = new VariantCache(60_000);
    const prices = { a: '1.00' };
    const catalog = fakeCatalog(prices);
    await new CartLoaders(catalog.port, inventory, undefined, cache).variantMap(['a'], { fresh: false });
    prices.a = '9.00';
    expect((await new CartLoaders(catalog.port, inventory, undefined, cache).variantMap(['a'])).get('a')?.price).toBe('9.00');
    expect((await new CartLoaders(catalog.port, inventory, undefined, cache).variantMap(['a'], { fresh: false })).get('a')?.price).toBe('9.00');
    expect(catalog.calls).toHaveLength(2);
  });

  it('keep at most the configured number of variants, dropping the oldest', () => {
    const cache = new VariantCache(60_000, 2);
    cache.set('a', null);
    cache.set('b', null);
    cache.set('c', null);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, null, null]);
  });
});
