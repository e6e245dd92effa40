import { createTestDatabase, type TestDatabase } from '@shop/platform/testing';
import { importLegacyProducts } from '../src/import';
import { productIdFor } from '../src/ids';
import { createEmptyDatabase, sql, type LegacyDatabase } from './legacy-fixture';

/**
 * Other shapes a base service's table takes: serial ids, category and brand names instead of tables, no stock
 * column; and a catalog that already sells some of the SKUs.
 */
let legacy: LegacyDatabase;
let catalog: TestDatabase;
let inventory: TestDatabase;
const SHOP_PRODUCT = '22222222-2222-4222-8222-222222222222';

beforeAll(async () => {
  [legacy, catalog, inventory] = await Promise.all([createEmptyDatabase(), createTestDatabase('catalog'), createTestDatabase('inventory')]);
  await legacy.query(`
    CREATE TABLE products (id SERIAL PRIMARY KEY, name TEXT NOT NULL, sku TEXT NOT NULL, price NUMERIC NOT NULL, category_name TEXT, brand_name TEXT);
    ALTER TABLE products ADD COLUMN IF NOT EXISTS category_id UUID;
    ALTER TABLE products ADD COLUMN IF NOT EXISTS brand_id UUID;
    ALTER TABLE products ADD COLUMN IF NOT EXISTS compare_price DECIMAL(10,2);
    ALTER TABLE products ADD COLUMN IF NOT EXISTS status VARCHAR(20) DEFAULT 'active';
    INSERT INTO products (name, sku, price, category_name, brand_name, brand_id) VALUES
      ('Blue Mug', 'MUG-1', 12.5, 'Kitchen', 'Potter & Co', NULL),
      ('Red Mug', 'MUG-2', 12.5, 'kitchen', 'potter & co', NULL),
      ('Teapot', 'SHOP-1', 30, 'Kitchen', NULL, NULL),
      ('Kettle', 'KT-1', 39, 'Kitchen', NULL, '33333333-3333-4333-8333-333333333333');`);
  // The new shop already sells SHOP-1 under a product of its own.
  await sql(catalog.url, `INSERT INTO categories (id, name, slug) VALUES ('11111111-1111-4111-8111-111111111111', 'Shop', 'shop')`);
  await sql(catalog.url, `INSERT INTO products (id, name, slug, sku, category_id, status)
                          VALUES ($1, 'Shop Teapot', 'shop-teapot', 'SHOP-1', '11111111-1111-4111-8111-111111111111', 'active')`, [SHOP_PRODUCT]);
});
afterAll(() => Promise.all([legacy?.drop(), catalog?.drop(), inventory?.drop()]));

test('serial ids get stable UUIDs; category and brand names are matched case-insensitively or created once; no stock column, no stock', async () => {
  const summary = await importLegacyProducts({ legacyUrl: legacy.url, catalogUrl: catalog.url, inventoryUrl: inventory.url });
  expect(summary).toMatchObject({
    products: { imported: 2, updated: 0, unchanged: 0 },
    skippedByReason: { sku_in_use: 1, unknown_brand: 1 },
    categoriesCreated: ['Kitchen'], brandsCreated: ['Potter & Co'], stock: { set: 0, unchanged: 0, skipped: [] },
  });
  expect(summary.skipped.find((s) => s.code === 'sku_in_use')?.reason).toBe(`The SKU "SHOP-1" is already used by catalog product ${SHOP_PRODUCT}.`);
  const rows = await sql<any>(catalog.url, `SELECT p.id::text, p.sku, c.slug AS category, b.slug AS brand FROM products p JOIN categories c ON c.id = p.category_id
                                              LEFT JOIN brands b ON b.id = p.brand_id WHERE p.id <> $1 ORDER BY p.sku`, [SHOP_PRODUCT]);
  expect(rows).toEqual([
    { id: productIdFor('1'), sku: 'MUG-1', category: 'kitchen', brand: 'potter-co' },
    { id: productIdFor('2'), sku: 'MUG-2', category: 'kitchen', brand: 'potter-co' },
  ]);
  expect(await sql(inventory.url, 'SELECT id FROM inventory_items')).toEqual([]);
  expect((await importLegacyProducts({ legacyUrl: legacy.url, catalogUrl: catalog.url, inventoryUrl: inventory.url })).products)
    .toEqual({ imported: 0, updated: 0, unchanged: 2 });
});

test('a table without the columns the import needs is refused with their names, before anything is read or written', async () => {
  const other = await createEmptyDatabase();
  try {
    await other.query('CREATE TABLE products (id SERIAL PRIMARY KEY, title TEXT, price NUMERIC)');
    await expect(importLegacyProducts({ legacyUrl: other.url, catalogUrl: catalog.url })).rejects.toThrow('public.products lacks the column(s) name, sku');
    await other.query('DROP TABLE products');
    await expect(importLegacyProducts({ legacyUrl: other.url, catalogUrl: catalog.url })).rejects.toThrow('The legacy database has no table public.products.');
  } finally {
    await other.drop();
  }
});
