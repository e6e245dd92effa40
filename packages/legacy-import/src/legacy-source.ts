import { Client } from 'pg';
import type { LegacyProduct } from './rules';

/**
 * Reads the base service's database (read-only: only SELECTs). The accepted shape is found through
 * information_schema, so a table with or without the optional columns imports the same way; README.md lists it.
 */

/** Columns of `products`: the field of LegacyProduct each fills, the names accepted (first present wins). */
const PRODUCT_COLUMNS: Record<Exclude<keyof LegacyProduct, 'id'>, string[]> = {
  name: ['name'],
  sku: ['sku'],
  price: ['price'],
  description: ['description'],
  slug: ['slug'],
  categoryId: ['category_id'],
  categoryName: ['category_name', 'category'],
  brandId: ['brand_id'],
  brandName: ['brand_name', 'brand'],
  comparePrice: ['compare_price'],
  status: ['status'],
  stockQuantity: ['stock_quantity', 'quantity', 'stock'],
};
const REQUIRED = ['id', 'name', 'sku', 'price'];

/** A category or brand row of the legacy database's own tables (the seed's "category, brand … table creation scripts"). */
export interface LegacyReference {
  id: string;
  name: string | null;
  slug: string | null;
  description: string | null;
  /** Categories only. */
  parentId: string | null;
}

export interface LegacyShape {
  /** Field → column actually used. */
  columns: Partial<Record<keyof LegacyProduct, string>>;
  hasCategoriesTable: boolean;
  hasBrandsTable: boolean;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export class LegacySource {
  private constructor(private readonly client: Client, private readonly schema: string, readonly shape: LegacyShape) {}

  static async open(url: string, schema = 'public'): Promise<LegacySource> {
    const client = new Client({ connectionString: url, application_name: 'shop-legacy-import' });
    await client.connect();
    try {
      // Nothing here writes; a read-only session makes sure of it.
      await client.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
      const shape = await readShape(client, schema);
      return new LegacySource(client, schema, shape);
    } catch (error) {
      await client.end();
      throw error;
    }
  }

  close(): Promise<void> {
    return this.client.end();
  }

  private table(name: string): string {
    return `${ident(this.schema)}.${ident(name)}`;
  }

  /** The next rows in import order (by id), after `afterId` (the last id of the previous batch). */
  async batch(afterId: string | null, size: number): Promise<LegacyProduct[]> {
    const fields = Object.entries(this.shape.columns).filter(([field]) => field !== 'id');
    const select = ['id::text AS id', ...fields.map(([field, column]) => `${ident(column as string)}::text AS ${ident(field)}`)].join(', ');
    const where = afterId === null ? '' : 'WHERE id > $2';
    const { rows } = await this.client.query<LegacyProduct>(
      `SELECT ${select} FROM ${this.table('products')} ${where} ORDER BY id LIMIT $1`,
      afterId === null ? [size] : [size, afterId],
    );
    return rows;
  }

  async count(): Promise<number> {
    const { rows } = await this.client.query<{ n: string }>(`SELECT count(*) AS n FROM ${this.table('products')}`);
    return Number(rows[0].n);
  }

  /** SKUs on more than one row (trimmed, as imported) → the id of the row that keeps it: the first in import order. */
  async sharedSkus(): Promise<Map<string, string>> {
    const { rows } = await this.client.query<{ sku: string; first: string }>(
      `SELECT btrim(sku::text) AS sku, (array_agg(id::text ORDER BY id))[1] AS first
         FROM ${this.table('products')} WHERE sku IS NOT NULL AND btrim(sku::text) <> ''
        GROUP BY 1 HAVING count(*) > 1`,
    );
    return new Map(rows.map((r) => [r.sku, r.first]));
  }

  /** The legacy `categories` (or `brands`) table by id, empty when the table is not there. */
  async references(kind: 'categories' | 'brands'): Promise<Map<string, LegacyReference>> {
    const present = kind === 'categories' ? this.shape.hasCategoriesTable : this.shape.hasBrandsTable;
    if (!present) return new Map();
    const columns = await columnsOf(this.client, this.schema, kind);
    const optional = (column: string, alias: string) => (columns.has(column) ? `${ident(column)}::text` : 'NULL::text') + ` AS ${ident(alias)}`;
    const { rows } = await this.client.query<LegacyReference>(
      `SELECT id::text AS id, name::text AS name, ${optional('slug', 'slug')}, ${optional('description', 'description')},
              ${kind === 'categories' ? optional('parent_id', 'parentId') : 'NULL::text AS "parentId"'}
         FROM ${this.table(kind)}`,
    );
    return new Map(rows.map((r) => [r.id, r]));
  }
}

async function columnsOf(client: Client, schema: string, table: string): Promise<Set<string>> {
  const { rows } = await client.query<{ column_name: string }>(
    'SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2',
    [schema, table],
  );
  return new Set(rows.map((r) => r.column_name));
}

async function readShape(client: Client, schema: string): Promise<LegacyShape> {
  const present = await columnsOf(client, schema, 'products');
  if (present.size === 0) throw new Error(`The legacy database has no table ${schema}.products.`);
  const missing = REQUIRED.filter((c) => !present.has(c));
  if (missing.length) {
    throw new Error(`${schema}.products lacks the column(s) ${missing.join(', ')}; see packages/legacy-import/README.md for the accepted shape.`);
  }
  const columns: LegacyShape['columns'] = { id: 'id' };
  for (const [field, names] of Object.entries(PRODUCT_COLUMNS)) {
    const found = names.find((n) => present.has(n));
    if (found) columns[field as keyof LegacyProduct] = found;
  }
  const withIdAndName = async (table: string) => {
    const cols = await columnsOf(client, schema, table);
    return cols.has('id') && cols.has('name');
  };
  return { columns, hasCategoriesTable: await withIdAndName('categories'), hasBrandsTable: await withIdAndName('brands') };
}
