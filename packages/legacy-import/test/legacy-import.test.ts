import { createTestDatabase, type TestDatabase } from '@shop/platform/testing';
import { importLegacyProducts, type ImportOptions, type ImportSummary } from '../src/import';
import { productIdFor } from '../src/ids';
import { IMPORT_REASON } from '../src/inventory-writer';
import { createLegacyDatabase, IMPORTABLE, legacyId, LEGACY_CATEGORY, sql, type LegacyDatabase } from './legacy-fixture';

let legacy: LegacyDatabase;
let catalog: TestDatabase;
let inventory: TestDatabase;
const lines: string[] = [];

beforeAll(async () => {
  [legacy, catalog, inventory] = await Promise.all([createLegacyDatabase(), createTestDatabase('catalog'), createTestDatabase('inventory')]);
  // The new shop already has an "Audio" category (another id): the legacy one is matched to it by slug.
  await sql(catalog.url, `INSERT INTO categories (id, name, slug) VALUES ('11111111-1111-4111-8111-111111111111', 'Audio', 'audio')`);
});
afterAll(() => Promise.all([legacy?.drop(), catalog?.drop(), inventory?.drop()]));

const run = (options: Partial<ImportOptions> = {}): Promise<ImportSummary> =>
  importLegacyProducts({ legacyUrl: legacy.url, catalogUrl: catalog.url, inventoryUrl: inventory.url, batchSize: 3, report: (l) => lines.push(l), ...options });

const count = async (url: string, table: string) => Number((await sql<{ n: string }>(url, `SELECT count(*) AS n FROM ${table}`))[0].n);
const catalogEvents = () =>
  sql<{ aggregate_id: string; event_type: string; event_data: any }>(catalog.url, 'SELECT aggregate_id::text, event_type, event_data FROM domain_events ORDER BY sequence');
const snapshot = async () => ({
  products: await sql(catalog.url, 'SELECT id, name, sku, slug, status, category_id, brand_id, description, version FROM products ORDER BY id'),
  variants: await sql(catalog.url, 'SELECT id, product_id, sku, price::text, compare_price::text, is_default FROM product_variants ORDER BY id'),
  categories: await sql(catalog.url, 'SELECT id, name, slug, parent_id FROM categories ORDER BY id'),
  brands: await sql(catalog.url, 'SELECT id, name, slug FROM brands ORDER BY id'),
  events: await count(catalog.url, 'domain_events'),
  items: await sql(inventory.url, 'SELECT product_variant_id, product_id, sku, quantity_available FROM inventory_items ORDER BY product_variant_id'),
  ledger: await count(inventory.url, 'inventory_transactions'),
  stockEvents: await count(inventory.url, 'domain_events'),
});

const EXPECTED_SKIPS = { duplicate_sku: 1, negative_price: 1, missing_name: 1, unknown_category: 1, invalid_name: 1 };

test('a dry run reports every product, category and skipped row it would write, and writes nothing', async () => {
  const before = await snapshot();
  const summary = await run({ dryRun: true });
  expect(summary).toMatchObject({ dryRun: true, rows: 10, products: { imported: 5, updated: 0, unchanged: 0 }, skippedByReason: EXPECTED_SKIPS });
  expect(summary.categoriesCreated.sort()).toEqual(['Headphones', 'Uncategorised']);
  expect(summary.brandsCreated).toEqual(['Acme Sound']);
  expect(summary.stock).toMatchObject({ set: 3, unchanged: 1 });
  expect(lines).toContain(`HP-1: would be imported (legacy ${legacyId(1)})`);
  expect(await snapshot()).toEqual(before);
});

test('imports the valid products with one default variant each, their categories, brand, events and stock; reports each bad row', async () => {
  const summary = await run();
  expect(summary).toMatchObject({ dryRun: false, rows: 10, products: { imported: 5, updated: 0, unchanged: 0 }, skippedByReason: EXPECTED_SKIPS });
  const reasons = Object.fromEntries(summary.skipped.map((s) => [s.legacyId, s.reason]));
  expect(reasons[legacyId(4)]).toMatch(/HP-1.*also on legacy product 00000000-0000-4000-8000-000000000001/);
  expect(reasons[legacyId(5)]).toMatch(/-3\.00 is negative/);
  expect(reasons[legacyId(7)]).toMatch(/category id 00000000-0000-4000-8000-000000000999/);
  expect(summary.stock?.skipped).toEqual([{ legacyId: legacyId(9), reason: 'The stock quantity -4 is negative.' }]);

  const products = await sql<any>(
    catalog.url,
    `SELECT p.id::text, p.name, p.sku, p.slug, p.status, c.name AS category, b.name AS brand, v.id::text AS variant, v.sku AS variant_sku,
            v.price::text AS price, v.compare_price::text AS compare, v.is_default
       FROM products p JOIN categories c ON c.id = p.category_id LEFT JOIN brands b ON b.id = p.brand_id
       JOIN product_variants v ON v.product_id = p.id ORDER BY p.id`,
  );
  expect(products.map((p) => p.id)).toEqual(IMPORTABLE.map(legacyId)); // the legacy UUIDs are kept
  expect(products[0]).toMatchObject({
    name: 'Studio Headphones', sku: 'HP-1', slug: 'studio-headphones', status: 'active', category: 'Headphones', brand: 'Acme Sound',
    variant_sku: 'HP-1', price: '99.90', compare: '129.00', is_default: true,
  });
  expect(products[1]).toMatchObject({ sku: 'CT-1', status: 'active', category: 'Uncategorised', brand: null, compare: null });
  expect(products[2]).toMatchObject({ sku: 'TT-1', status: 'draft', category: 'Audio' });
  expect(products[4]).toMatchObject({ sku: 'HP-2', slug: 'studio-headphones-hp-2' });
  // The legacy Audio matched the shop's own; Headphones was created under it with the legacy id.
  const [headphones] = await sql<any>(catalog.url, `SELECT id::text, parent_id::text FROM categories WHERE slug = 'headphones'`);
  expect(headphones).toEqual({ id: LEGACY_CATEGORY.headphones, parent_id: '11111111-1111-4111-8111-111111111111' });

  const events = await catalogEvents();
  expect(events.filter((e) => e.event_type === 'ProductCreated').map((e) => e.aggregate_id)).toEqual(IMPORTABLE.map(legacyId));
  expect(events.filter((e) => e.event_type === 'VariantCreated')).toHaveLength(5);
  const created = events.find((e) => e.event_type === 'ProductCreated' && e.aggregate_id === legacyId(1));
  expect(created?.event_data).toMatchObject({
    sku: 'HP-1', status: 'active', brand: { name: 'Acme Sound' }, category: { name: 'Headphones', path: [{ name: 'Audio' }, { name: 'Headphones' }] },
  });
  const variantCreated = events.find((e) => e.event_type === 'VariantCreated' && e.aggregate_id === legacyId(1));
  expect(variantCreated?.event_data).toMatchObject({ sku: 'HP-1', price: '99.90', comparePrice: '129.00', currency: 'USD', productStatus: 'active' });

  const stock = await sql<any>(inventory.url, 'SELECT product_id::text, sku, quantity_available FROM inventory_items ORDER BY product_id');
  expect(stock).toEqual([
    { product_id: legacyId(1), sku: 'HP-1', quantity_available: 12 },
    { product_id: legacyId(2), sku: 'CT-1', quantity_available: 0 },
    { product_id: legacyId(3), sku: 'TT-1', quantity_available: 7 },
    { product_id: legacyId(10), sku: 'HP-2', quantity_available: 5 },
  ]);
  const ledger = await sql<any>(
    inventory.url, 'SELECT transaction_type, quantity_change FROM inventory_transactions WHERE reason = $1 ORDER BY quantity_change', [IMPORT_REASON],
  );
  expect(ledger).toEqual([5, 7, 12].map((q) => ({ transaction_type: 'restock', quantity_change: q })));
  const stockEvents = await sql<any>(inventory.url, `SELECT event_type FROM domain_events WHERE event_type = 'StockLevelChanged'`);
  expect(stockEvents).toHaveLength(3);
});

test('running it again changes nothing: no writes, no new events', async () => {
  const before = await snapshot();
  const summary = await run();
  expect(summary).toMatchObject({ products: { imported: 0, updated: 0, unchanged: 5 }, categoriesCreated: [], brandsCreated: [], stock: { set: 0, unchanged: 4 } });
  expect(await snapshot()).toEqual(before);
});

test('a later run brings over what changed in the base service: the new price with its events, the stock difference as an adjustment', async () => {
  await legacy.query(`UPDATE products SET price = 94.90, stock_quantity = 9 WHERE id = $1`, [legacyId(1)]);
  const eventsBefore = (await catalogEvents()).length;
  const summary = await run();
  expect(summary).toMatchObject({ products: { imported: 0, updated: 1, unchanged: 4 }, stock: { set: 1, unchanged: 3 } });
  expect(lines).toContain(`HP-1: updated (legacy ${legacyId(1)}): price 99.90 → 94.90`);
  const newEvents = (await catalogEvents()).slice(eventsBefore);
  expect(newEvents.map((e) => e.event_type)).toEqual(['VariantUpdated', 'VariantPriceChanged']);
  expect(newEvents[1].event_data).toMatchObject({ oldPrice: '99.90', newPrice: '94.90' });
  const [item] = await sql<any>(inventory.url, 'SELECT quantity_available FROM inventory_items WHERE product_id = $1', [productIdFor(legacyId(1))]);
  expect(item.quantity_available).toBe(9);
  const [adjustment] = await sql<any>(inventory.url, `SELECT transaction_type, quantity_change FROM inventory_transactions WHERE transaction_type = 'adjustment'`);
  expect(adjustment).toEqual({ transaction_type: 'adjustment', quantity_change: -3 });
});
