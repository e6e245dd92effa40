import { forbidden, parseAmount, badUserInput, position, positionOf, readPage, toConnection, type Connection, type PageArgs } from '@shop/platform';
import type { CatalogContext } from '../context';
import { isStaff } from '../context';
import { Prisma } from '../db';
import { descendantIds } from '../domain/category';
import type { Product } from '../generated/prisma/client';
import { parseInput } from '@shop/platform';
import { productFilter, type ProductFilter } from './inputs';

export type ProductSort = 'NEWEST' | 'PRICE_ASC' | 'PRICE_DESC' | 'NAME_ASC' | 'RATING_DESC';

interface SortSpec {
  key: Prisma.Sql;
  /** Checks a cursor's sort key before it is cast with `cast`. */
  isKey: (v: unknown) => v is string;
  cast: Prisma.Sql;
  descending: boolean;
  joins: Prisma.Sql;
}

const minPriceJoin = Prisma.sql`LEFT JOIN LATERAL (SELECT min(v.price) AS min_price FROM product_variants v
  WHERE v.product_id = p.id AND v.is_active) pr ON true`;
const ratingJoin = Prisma.sql`LEFT JOIN LATERAL (SELECT avg(r.rating) AS avg_rating FROM product_reviews r
  WHERE r.product_id = p.id AND r.is_approved) rt ON true`;

const SORTS: Record<ProductSort, SortSpec> = {
  NEWEST: { key: Prisma.sql`coalesce(p.created_at, 'epoch'::timestamp)`, isKey: position.timestampText, cast: Prisma.sql`timestamp`, descending: true, joins: Prisma.empty },
  PRICE_ASC: { key: Prisma.sql`coalesce(pr.min_price, 0)`, isKey: position.numericText, cast: Prisma.sql`numeric`, descending: false, joins: minPriceJoin },
  PRICE_DESC: { key: Prisma.sql`coalesce(pr.min_price, 0)`, isKey: position.numericText, cast: Prisma.sql`numeric`, descending: true, joins: minPriceJoin },
  NAME_ASC: { key: Prisma.sql`p.name`, isKey: position.text, cast: Prisma.sql`text`, descending: false, joins: Prisma.empty },
  RATING_DESC: { key: Prisma.sql`coalesce(rt.avg_rating, 0)`, isKey: position.numericText, cast: Prisma.sql`numeric`, descending: true, joins: ratingJoin },
};

interface ListingCursor {
  k: string;
  id: string;
}

export interface ListProductsArgs extends PageArgs {
  filter?: unknown;
  sort?: ProductSort | null;
}

/**
 * One SQL statement finds the page's product ids and the total; the products themselves come through the
 * request's product loader so the rest of the page batches with everything else.
 */
export async function listProducts(ctx: CatalogContext, args: ListProductsArgs): Promise<Connection<Product> & { totalCount: number }> {
  const filter = parseInput(productFilter, args.filter ?? null);
  const sortName = args.sort ?? 'NEWEST';
  const sort = SORTS[sortName];
  // A cursor holds a sort key: it only means something for the sort and filter it was made for.
  const page = readPage(args, positionOf<ListingCursor>({ k: sort.isKey, id: position.uuid }), ['products', sortName, filter]);
  const where = await filterConditions(ctx, filter);
  if (where === null) return { ...toConnection([], page, () => null), totalCount: 0 };

  const cmp = sort.descending ? Prisma.sql`<` : Prisma.sql`>`;
  const dir = sort.descending ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const after = page.after
    ? Prisma.sql`WHERE (k, id) ${cmp} (${page.after.k}::${sort.cast}, ${page.after.id}::uuid)`
    : Prisma.empty;
  const rows = await ctx.db.$queryRaw<{ id: string; k: string; total: number }[]>`
    WITH filtered AS (
      SELECT p.id, ${sort.key} AS k FROM products p ${sort.joins}
      WHERE ${Prisma.join(where, ' AND ')}
    )
    SELECT id, k::text AS k, (SELECT count(*) FROM filtered)::int AS total
    FROM filtered ${after}
    ORDER BY k ${dir}, id ${dir}
    LIMIT ${page.limit + 1}`;

  const total = rows[0]?.total ?? (await countProducts(ctx, where));
  const products = await ctx.loaders.product.loadMany(rows.map((r) => r.id));
  const keyed = rows.map((r, i) => ({ product: products[i] as Product, k: r.k }));
  const connection = toConnection(keyed, page, (row) => ({ k: row.k, id: row.product.id }));
  return {
    edges: connection.edges.map((e) => ({ cursor: e.cursor, node: e.node.product })),
    pageInfo: connection.pageInfo,
    totalCount: total,
  };
}

async function countProducts(ctx: CatalogContext, where: Prisma.Sql[]): Promise<number> {
  const [row] = await ctx.db.$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS total FROM products p WHERE ${Prisma.join(where, ' AND ')}`;
  return row?.total ?? 0;
}

/** SQL conditions for a filter, or null when the filter names something that does not exist (an empty page). */
async function filterConditions(ctx: CatalogContext, filter: ProductFilter): Promise<Prisma.Sql[] | null> {
  const where: Prisma.Sql[] = [];
  const status = filter?.status ?? (isStaff(ctx) ? null : 'active');
  if (status && status !== 'active' && !isStaff(ctx)) throw forbidden('Only shop staff can list products that are not active.');
  if (status) where.push(Prisma.sql`p.status = ${status}`);
  else where.push(Prisma.sql`true`);

  if (filter?.categorySlug) {
    const categories = await ctx.loaders.categories();
    const root = categories.find((c) => c.slug === filter.categorySlug);
    if (!root) return null;
    where.push(Prisma.sql`p.category_id IN (${Prisma.join(descendantIds(root.id, categories).map((id) => Prisma.sql`${id}::uuid`))})`);
  }
  if (filter?.brandSlug) {
    where.push(Prisma.sql`p.brand_id = (SELECT b.id FROM brands b WHERE b.slug = ${filter.brandSlug})`);
  }
  const variantConditions: Prisma.Sql[] = [];
  if (filter?.priceMin) variantConditions.push(Prisma.sql`v.price >= ${priceBound('priceMin', filter.priceMin)}::numeric`);
  if (filter?.priceMax) variantConditions.push(Prisma.sql`v.price <= ${priceBound('priceMax', filter.priceMax)}::numeric`);
  for (const attribute of filter?.attributes ?? []) {
    // `@>` containment lets PostgreSQL use the GIN index on product_variants.attributes.
    const options = attribute.values.map((value) => Prisma.sql`v.attributes @> ${JSON.stringify({ [attribute.name]: value })}::jsonb`);
    variantConditions.push(Prisma.sql`(${Prisma.join(options, ' OR ')})`);
  }
  if (variantConditions.length > 0) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id AND v.is_active
      AND ${Prisma.join(variantConditions, ' AND ')})`);
  }
  return where;
}

function priceBound(field: string, value: string): string {
  const amount = parseAmount(value);
  if (!amount || amount.isNegative()) {
    throw badUserInput(`${field} must be a non-negative decimal amount like "19.90".`, [{ field, message: 'not an amount' }]);
  }
  return amount.toFixed(2);
}
