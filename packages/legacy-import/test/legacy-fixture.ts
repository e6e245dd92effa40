import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { testServerUrl, type TestDatabase } from '@shop/platform/testing';
import { withDatabase } from '@shop/platform';

/**
 * A base service's database as the seed's "Data Migration Strategy" leaves it: the original products table
 * (id, name, sku, price, description, stock), the columns its ALTER statements add (category_id, brand_id,
 * compare_price, status DEFAULT 'active'), and the category and brand tables it creates. Rows include the bad
 * ones a real shop accumulates.
 */

export const legacyId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const LEGACY_CATEGORY = { audio: legacyId(901), headphones: legacyId(902) };
export const LEGACY_BRAND = legacyId(951);
export const UNKNOWN_CATEGORY = legacyId(999);

export const SCHEMA = `
CREATE TABLE products (
  id UUID PRIMARY KEY,
  name VARCHAR(500),
  sku VARCHAR(100),
  price DECIMAL(10,2),
  description TEXT,
  stock_quantity INT,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
-- The seed's Data Migration Strategy, verbatim.
ALTER TABLE products ADD COLUMN IF NOT EXISTS category_id UUID;
ALTER TABLE products ADD COLUMN IF NOT EXISTS brand_id UUID;
ALTER TABLE products ADD COLUMN IF NOT EXISTS compare_price DECIMAL(10,2);
ALTER TABLE products ADD COLUMN IF NOT EXISTS status VARCHAR(20) DEFAULT 'active';
CREATE TABLE categories (id UUID PRIMARY KEY, name VARCHAR(200) NOT NULL, slug VARCHAR(200), parent_id UUID);
CREATE TABLE brands (id UUID PRIMARY KEY, name VARCHAR(200) NOT NULL);
`;

export interface Row {
  n: number;
  name: string | null;
  sku: string | null;
  price: string | null;
  description?: string;
  stock?: number | null;
  categoryId?: string | null;
  brandId?: string | null;
  comparePrice?: string | null;
  status?: string | null;
}

/** In id order (the import's order); the comment says what each row is for. */
export const ROWS: Row[] = [
  {
    n: 1, name: 'Studio Headphones', sku: 'HP-1', price: '99.90', comparePrice: '129.00', categoryId: LEGACY_CATEGORY.headphones,
    brandId: LEGACY_BRAND, stock: 12, description: 'Closed-back.',
  },
  { n: 2, name: 'Cable Tie', sku: 'CT-1', price: '5.00', status: null, stock: 0 }, // no category, no status → Uncategorised, active
  { n: 3, name: 'Turntable', sku: 'TT-1', price: '249.00', status: 'draft', categoryId: LEGACY_CATEGORY.audio, stock: 7 },
  { n: 4, name: 'Second Headphones', sku: 'HP-1', price: '59.00', stock: 3 }, // duplicate SKU: row 1 keeps it
  { n: 5, name: 'Refund Voucher', sku: 'RV-1', price: '-3.00' }, // negative price
  { n: 6, name: null, sku: 'NN-1', price: '1.00' }, // missing name
  { n: 7, name: 'Ghost Speaker', sku: 'GS-1', price: '10.00', categoryId: UNKNOWN_CATEGORY }, // unknown category id
  { n: 8, name: 'Broken\u0001Name', sku: 'BN-1', price: '2.00' }, // a control character (PostgreSQL text cannot hold NUL itself)
  { n: 9, name: 'Oversold Mic', sku: 'MIC-1', price: '49.00', categoryId: LEGACY_CATEGORY.audio, stock: -4 }, // imported; its stock is not
  { n: 10, name: 'Studio Headphones', sku: 'HP-2', price: '89.90', categoryId: LEGACY_CATEGORY.headphones, stock: 5 }, // same name as row 1
];

export const IMPORTABLE = [1, 2, 3, 9, 10];

export interface LegacyDatabase extends TestDatabase {
  query(sql: string, params?: unknown[]): Promise<unknown[]>;
}

/** An empty database of its own for a legacy shape a test builds. */
export async function createEmptyDatabase(): Promise<LegacyDatabase> {
  const name = `test_legacy_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: withDatabase(testServerUrl(), 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(testServerUrl(), name);
  const query = (text: string, params: unknown[] = []) => sql(url, text, params);
  const drop = async () => {
    const a = new Client({ connectionString: withDatabase(testServerUrl(), 'postgres') });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await a.end();
  };
  return { name, url, query, drop };
}

/** A fresh legacy database with the fixture's schema and rows. */
export async function createLegacyDatabase(): Promise<LegacyDatabase> {
  const db = await createEmptyDatabase();
  const { query } = db;
  await query(SCHEMA);
  await query(
    `INSERT INTO categories (id, name, slug, parent_id) VALUES ($1, 'Audio', 'audio', NULL), ($2, 'Headphones', 'headphones', $1)`,
    [LEGACY_CATEGORY.audio, LEGACY_CATEGORY.headphones],
  );
  await query(`INSERT INTO brands (id, name) VALUES ($1, 'Acme Sound')`, [LEGACY_BRAND]);
  for (const r of ROWS) {
    await query(
      `INSERT INTO products (id, name, sku, price, description, stock_quantity, category_id, brand_id, compare_price, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [legacyId(r.n), r.name, r.sku, r.price, r.description ?? null, r.stock ?? null, r.categoryId ?? null, r.brandId ?? null, r.comparePrice ?? null,
        r.status === undefined ? 'active' : r.status],
    );
  }
  return db;
}

/** Runs one statement on a database by URL (the tests' window onto catalog and inventory rows). */
export async function sql<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
