import { createTestDatabase, type TestDatabase } from '@shop/platform/testing';
import { importLegacyProducts, type ImportOptions } from '../src/import';
import { IMPORT_REASON } from '../src/inventory-writer';
import { createLegacyDatabase, IMPORTABLE, sql, type LegacyDatabase } from './legacy-fixture';

let legacy: LegacyDatabase;
let catalog: TestDatabase;
let inventory: TestDatabase;

beforeAll(async () => {
  [legacy, catalog, inventory] = await Promise.all([createLegacyDatabase(), createTestDatabase('catalog'), createTestDatabase('inventory')]);
});
afterAll(() => Promise.all([legacy?.drop(), catalog?.drop(), inventory?.drop()]));

const run = (options: Partial<ImportOptions> = {}) =>
  importLegacyProducts({ legacyUrl: legacy.url, catalogUrl: catalog.url, inventoryUrl: inventory.url, batchSize: 2, ...options });
const one = async <T>(url: string, text: string) => (await sql<T>(url, text))[0];

test('a crash in the middle leaves the committed batches in place, and the next run finishes with no duplicates', async () => {
  // Batch 2 (legacy rows 3 and 4) commits in the catalog, then the process "dies" before its stock commits.
  const crash = run({ beforeCommit: (stage, batch) => { if (stage === 'inventory' && batch === 2) throw new Error('power cut'); } });
  await expect(crash).rejects.toMatchObject({ message: 'power cut', batch: 2 });
  expect(await one<any>(catalog.url, 'SELECT count(*)::int AS n FROM products')).toEqual({ n: 3 }); // rows 1, 2, 3
  expect(await one<any>(inventory.url, 'SELECT count(*)::int AS n FROM inventory_items')).toEqual({ n: 2 }); // rows 1, 2

  const summary = await run();
  expect(summary.products).toEqual({ imported: 2, updated: 0, unchanged: 3 });
  expect(summary.stock).toMatchObject({ set: 2, unchanged: 2 }); // row 3's stock (missed by the crash) and row 10's

  expect(await one<any>(catalog.url, 'SELECT count(*)::int AS n, count(DISTINCT sku)::int AS skus FROM products'))
    .toEqual({ n: IMPORTABLE.length, skus: IMPORTABLE.length });
  expect(await one<any>(catalog.url, 'SELECT count(*)::int AS n FROM product_variants')).toEqual({ n: IMPORTABLE.length });
  const created = `SELECT count(*)::int AS n, count(DISTINCT aggregate_id)::int AS products FROM domain_events WHERE event_type = 'ProductCreated'`;
  expect(await one<any>(catalog.url, created))
    .toEqual({ n: IMPORTABLE.length, products: IMPORTABLE.length });
  expect(await one<any>(inventory.url, `SELECT count(*)::int AS n, count(DISTINCT inventory_item_id)::int AS items, sum(quantity_change)::int AS units
                                          FROM inventory_transactions WHERE reason = '${IMPORT_REASON}'`)).toEqual({ n: 3, items: 3, units: 24 });

  // A third run finds everything done.
  const again = await run();
  expect(again.products).toEqual({ imported: 0, updated: 0, unchanged: IMPORTABLE.length });
  expect(again.stock).toMatchObject({ set: 0, unchanged: 4 });
});

test('a crash inside a catalog batch rolls that whole batch back', async () => {
  const fresh = await createTestDatabase('catalog');
  try {
    const crash = run({
      catalogUrl: fresh.url, inventoryUrl: null,
      beforeCommit: (stage, batch) => { if (stage === 'catalog' && batch === 1) throw new Error('disk full'); },
    });
    await expect(crash).rejects.toThrow('disk full');
    const counts = `SELECT (SELECT count(*) FROM products)::int AS products, (SELECT count(*) FROM domain_events)::int AS events,
                           (SELECT count(*) FROM categories)::int AS categories`;
    expect(await one<any>(fresh.url, counts))
      .toEqual({ products: 0, events: 0, categories: 0 });
  } finally {
    await fresh.drop();
  }
});

test('two imports started at once take turns: every product and every unit of stock arrives once', async () => {
  const [freshCatalog, freshInventory] = await Promise.all([createTestDatabase('catalog'), createTestDatabase('inventory')]);
  try {
    const both = await Promise.all([1, 2].map(() => run({ catalogUrl: freshCatalog.url, inventoryUrl: freshInventory.url })));
    expect(both[0].products.imported + both[1].products.imported).toBe(IMPORTABLE.length);
    expect(both[0].products.unchanged + both[1].products.unchanged).toBe(IMPORTABLE.length);
    expect(await one<any>(freshCatalog.url, `SELECT count(*)::int AS n FROM domain_events WHERE event_type = 'ProductCreated'`)).toEqual({ n: IMPORTABLE.length });
    expect(await one<any>(freshInventory.url, 'SELECT count(*)::int AS items, sum(quantity_available)::int AS units FROM inventory_items'))
      .toEqual({ items: 4, units: 24 });
  } finally {
    await Promise.all([freshCatalog.drop(), freshInventory.drop()]);
  }
});
