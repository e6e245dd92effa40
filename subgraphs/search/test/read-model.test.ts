import { randomUUID } from 'node:crypto';
import { createLogger, type EventEnvelope, type EventHandler } from '@shop/platform';
import { createTestDatabase, type TestDatabase } from '@shop/platform/testing';
import { postgresBackend } from '../src/backends/postgres';
import type { SearchBackend } from '../src/backends/port';
import { createSearchDb, inTransaction, type SearchDb, type SearchTx } from '../src/db';
import { eventHandlers } from '../src/events/handlers';
import { startIndexer, type Indexer } from '../src/services/indexer';
import type { CatalogProduct, CatalogSource } from '../src/ports/catalog';
import { readModelDocuments, rebuildSearchIndex } from '../src/services/rebuild';

/**
 * The read model as events build it, on real PostgreSQL: facts in any order the streams allow, older events,
 * events from before the catalog carried search's fields; the indexer sends each change after commit.
 */
let database: TestDatabase;
let db: SearchDb;
let backend: SearchBackend;
let indexer: Indexer;
const handlers = eventHandlers();

beforeAll(async () => {
  database = await createTestDatabase('search');
  db = createSearchDb({ connectionString: database.url, poolSize: 2 });
  backend = postgresBackend({ connectionString: database.url, poolSize: 2 });
  indexer = startIndexer({ db, databaseUrl: database.url, backend, log: createLogger('search-test', 'silent'), pollMs: 60_000 });
});
afterAll(async () => {
  await indexer?.stop();
  await backend?.close();
  await db?.$disconnect();
  await database?.drop();
});

async function apply(source: string, type: string, data: object, version = 1): Promise<void> {
  const handler = handlers.find((h) => h.source === source && h.type === type) as EventHandler<SearchTx>;
  const event: EventEnvelope = {
    id: randomUUID(), source, type, aggregateType: 'Product', aggregateId: randomUUID(), version, schemaVersion: 1,
    occurredAt: new Date().toISOString(), data: handler.schema.parse(data),
  };
  await inTransaction(db, (tx) => handler.handle(event, tx));
}

const found = async (text: string) =>
  (await backend.search({ text, filter: {}, sort: 'RELEVANCE', offset: 0, limit: 10 })).hits.map((h) => h.productId);

function product(fields: Record<string, unknown> = {}): Record<string, unknown> & { productId: string } {
  const id = randomUUID();
  return { productId: id, productVersion: 1, sku: `S-${id.slice(0, 6)}`, name: 'Linen Shirt', slug: `linen-${id.slice(0, 6)}`, status: 'active', categoryId: null, brandId: null, ...fields };
}

describe('the read model from events', () => {
  it('indexes a product once it is active with an active variant, and stock that came first counts', async () => {
    const p = product({ name: 'Alpaca Sweater' });
    const variantId = randomUUID();
    await apply('inventory', 'StockLevelChanged', { itemId: randomUUID(), variantId, productId: p.productId, available: 4 }, 3);
    await apply('catalog', 'ProductCreated', p);
    await indexer.drain();
    expect(await found('alpaca')).toEqual([]);
    await apply('catalog', 'VariantCreated', { productId: p.productId, productVersion: 2, variantId, sku: 'AS-1', price: '80.00', currency: 'USD', isActive: true, productStatus: 'active' });
    await indexer.drain();
    expect(await found('alpaca')).toEqual([p.productId]);
    const [doc] = [...(await collect())].filter((d) => d.id === p.productId);
    expect(doc).toMatchObject({ price: '80.00', inStock: true, description: null, attributes: [] });
  });

  it('ignores a product event older than what it has, and keeps fields an older-format event lacks', async () => {
    const p = product({ name: 'Merino Scarf', description: 'Soft and warm', productVersion: 2 });
    const variantId = randomUUID();
    await apply('catalog', 'ProductCreated', p);
    await apply('catalog', 'VariantCreated', { productId: p.productId, productVersion: 3, variantId, sku: 'MS-1', price: '30.00', currency: 'USD', isActive: true, attributes: [{ name: 'color', value: 'grey' }] });
    await apply('catalog', 'ProductUpdated', { ...p, productVersion: 1, name: 'Old Name' });
    const { description: _dropped, ...olderFormat } = p;
    await apply('catalog', 'ProductUpdated', { ...olderFormat, productVersion: 4, name: 'Merino Wool Scarf' });
    await indexer.drain();
    const doc = (await collect()).find((d) => d.id === p.productId)!;
    expect(doc).toMatchObject({ name: 'Merino Wool Scarf', description: 'Soft and warm', attributes: [{ name: 'color', value: 'grey' }] });
  });

  it('removes archived products and products whose last variant was archived', async () => {
    const a = product({ name: 'Tweed Cap' });
    const b = product({ name: 'Tweed Jacket' });
    const [va, vb] = [randomUUID(), randomUUID()];
    for (const [p, v] of [[a, va], [b, vb]] as const) {
      await apply('catalog', 'ProductCreated', p);
      await apply('catalog', 'VariantCreated', { productId: p.productId, productVersion: 2, variantId: v, sku: `T-${v.slice(0, 4)}`, price: '40.00', currency: 'USD', isActive: true });
    }
    await indexer.drain();
    expect((await found('tweed')).sort()).toEqual([a.productId, b.productId].sort());
    await apply('catalog', 'ProductArchived', { productId: a.productId, productVersion: 3 });
    await apply('catalog', 'VariantArchived', { productId: b.productId, productVersion: 3, variantId: vb });
    await indexer.drain();
    expect(await found('tweed')).toEqual([]);
  });

  it('applies a new price and an approved review to the document', async () => {
    const p = product({ name: 'Cashmere Gloves' });
    const variantId = randomUUID();
    await apply('catalog', 'ProductCreated', p);
    await apply('catalog', 'VariantCreated', { productId: p.productId, productVersion: 2, variantId, sku: 'CG-1', price: '60.00', currency: 'USD', isActive: true });
    await apply('catalog', 'VariantPriceChanged', { productId: p.productId, productVersion: 3, variantId, newPrice: '45.50', currency: 'USD' });
    await apply('catalog', 'ReviewApproved', { reviewId: randomUUID(), productId: p.productId, productRating: { average: '4.50', count: 2 } });
    await indexer.drain();
    expect((await collect()).find((d) => d.id === p.productId)).toMatchObject({ price: '45.50', rating: '4.50', reviewCount: 2 });
    expect(await db.searchIndexQueue.count()).toBe(0);
  });
});

describe('renamed and moved categories and brands', () => {
  const ref = (name: string) => ({ id: randomUUID(), name, slug: name.toLowerCase() });

  it('gives every product under a renamed or moved category its new path, descendants included, and finds them by the new name', async () => {
    const [clothing, knitwear, sweaters, gifts] = [ref('Clothing'), ref('Knitwear'), ref('Sweaters'), ref('Gifts')];
    const inSweaters = product({ name: 'Aran Jumper', categoryId: sweaters.id, category: { ...sweaters, path: [clothing, knitwear, sweaters] } });
    const inKnitwear = product({ name: 'Fisherman Beanie', categoryId: knitwear.id, category: { ...knitwear, path: [clothing, knitwear] } });
    const elsewhere = product({ name: 'Gift Card', categoryId: gifts.id, category: { ...gifts, path: [gifts] } });
    for (const p of [inSweaters, inKnitwear, elsewhere]) {
      await apply('catalog', 'ProductCreated', p);
      await apply('catalog', 'VariantCreated', { productId: p.productId, productVersion: 2, variantId: randomUUID(), sku: `${p.sku}-1`, price: '20.00', currency: 'USD', isActive: true });
    }
    await indexer.drain();

    // Knitwear renamed "Woollens" and moved under Gifts.
    const woollens = { ...knitwear, name: 'Woollens', slug: 'woollens' };
    await apply('catalog', 'CategoryUpdated', { categoryId: knitwear.id, name: 'Woollens', slug: 'woollens', parentId: gifts.id, isActive: true, path: [gifts, woollens] });
    await indexer.drain();
    const docs = await collect();
    const categoryOf = (id: string) => docs.find((d) => d.id === id)?.category;
    expect(categoryOf(inSweaters.productId)).toEqual({ ...sweaters, path: [gifts, woollens, sweaters] });
    expect(categoryOf(inKnitwear.productId)).toEqual({ ...woollens, path: [gifts, woollens] });
    expect(categoryOf(elsewhere.productId)).toEqual({ ...gifts, path: [gifts] });
    expect((await found('woollens')).sort()).toEqual([inSweaters.productId, inKnitwear.productId].sort());
    expect(await db.searchIndexQueue.count()).toBe(0);
  });

  it('gives the products of a renamed brand its new name, and leaves other brands alone', async () => {
    const [renamed, other] = [randomUUID(), randomUUID()];
    const mine = product({ name: 'Trail Boot', brandId: renamed, brand: { id: renamed, name: 'Peakfoot' } });
    const theirs = product({ name: 'Trail Sock', brandId: other, brand: { id: other, name: 'Sockwell' } });
    for (const p of [mine, theirs]) {
      await apply('catalog', 'ProductCreated', p);
      await apply('catalog', 'VariantCreated', { productId: p.productId, productVersion: 2, variantId: randomUUID(), sku: `${p.sku}-1`, price: '90.00', currency: 'USD', isActive: true });
    }
    await apply('catalog', 'BrandUpdated', { brandId: renamed, name: 'Summitfoot', slug: 'summitfoot', isActive: true });
    await indexer.drain();
    const docs = await collect();
    expect(docs.find((d) => d.id === mine.productId)?.brand).toEqual({ id: renamed, name: 'Summitfoot' });
    expect(docs.find((d) => d.id === theirs.productId)?.brand).toEqual({ id: other, name: 'Sockwell' });
    expect(await found('summitfoot')).toEqual([mine.productId]);
  });
});

describe('a full rebuild from the catalog', () => {
  const listed = (id: string, name: string, version: number): CatalogProduct => ({
    id, version, sku: `C-${id.slice(0, 6)}`, name, slug: `c-${id.slice(0, 6)}`, description: 'From the catalog', createdAt: '2026-02-01T00:00:00.000Z',
    category: null, brand: null, rating: { average: null, count: 0 },
    variants: [{ id: randomUUID(), sku: `C-${id.slice(0, 6)}-1`, price: '15.00', comparePrice: null, currency: 'USD', attributes: [], available: 2 }],
  });

  it('takes what the catalog sells, keeps newer events, archives what it no longer sells, not what was created meanwhile', async () => {
    const fresh = randomUUID();
    const newer = product({ name: 'Velvet Slippers', productVersion: 5 });
    const gone = product({ name: 'Discontinued Lamp' });
    for (const p of [newer, gone]) {
      await apply('catalog', 'ProductCreated', p);
      await apply('catalog', 'VariantCreated', { productId: p.productId, productVersion: (p.productVersion as number) + 1, variantId: randomUUID(), sku: `V-${p.productId.slice(0, 6)}`, price: '9.00', currency: 'USD', isActive: true });
    }
    const createdMeanwhile = product({ name: 'Brand New Kettle' });
    const source: CatalogSource = {
      async *activeProducts() {
        yield [listed(fresh, 'Imported Teapot', 3), listed(newer.productId, 'Stale Slippers', 4)];
        // a product created and evented while the rebuild reads the catalog
        await apply('catalog', 'ProductCreated', createdMeanwhile);
        await apply('catalog', 'VariantCreated', { productId: createdMeanwhile.productId, productVersion: 2, variantId: randomUUID(), sku: 'BNK-1', price: '20.00', currency: 'USD', isActive: true });
      },
      close: async () => undefined,
    };
    await rebuildSearchIndex({ db, backend, catalog: source, log: createLogger('search-test', 'silent') }, { fromCatalog: true });
    await indexer.drain();
    expect(await found('teapot')).toEqual([fresh]);
    expect(await found('velvet')).toEqual([newer.productId]);
    expect(await found('stale')).toEqual([]);
    expect(await found('kettle')).toEqual([createdMeanwhile.productId]);
    expect(await found('discontinued')).toEqual([]);
  });
});

async function collect() {
  const all = [];
  for await (const batch of readModelDocuments(db)) all.push(...batch);
  return all;
}
