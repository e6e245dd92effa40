import type { Pool } from 'pg';
import type { CategoryFacet, SearchFacets, SearchFilter, SearchRequest, SearchResult, SearchSort } from '../port';
import { highlightsOf, HIGHLIGHT_OPTIONS } from './highlight';
import { textQuery, type TextQuery } from './terms';

/** Price buckets of the facet: [min, max), null = open. */
export const PRICE_BUCKETS: Array<[string | null, string | null]> = [
  [null, '25'], ['25', '50'], ['50', '100'], ['100', '200'], ['200', '500'], ['500', null],
];
export const RATING_BUCKETS = [4, 3, 2, 1];
const MAX_BRAND_FACETS = 50;
const MAX_ATTRIBUTE_VALUES = 30;

/** ts_rank_cd weights {D, C, B, A}: the name (A) counts most, the description (C) least. */
const RANK_WEIGHTS = '{0.05, 0.2, 0.5, 1.0}';

class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

/** One condition per facet, so each facet's counts can leave its own selection out (multi-select). */
interface Conditions {
  category: string;
  brand: string;
  price: string;
  rating: string;
  stock: string;
  /** One per selected attribute: [name, condition]. */
  attributes: Array<[string, string]>;
}

function conditionsOf(filter: SearchFilter, p: Params): Conditions {
  const price: string[] = [];
  if (filter.minPrice !== undefined) price.push(`price >= ${p.add(filter.minPrice, '::numeric')}`);
  if (filter.maxPrice !== undefined) price.push(`price <= ${p.add(filter.maxPrice, '::numeric')}`);
  return {
    category: filter.categoryId ? `category_path @> ARRAY[${p.add(filter.categoryId, '::uuid')}]` : 'true',
    brand: filter.brandIds?.length ? `brand_id = ANY(${p.add(filter.brandIds, '::uuid[]')})` : 'true',
    price: price.length ? price.join(' AND ') : 'true',
    rating: filter.minRating !== undefined ? `rating >= ${p.add(filter.minRating, '::numeric')}` : 'true',
    stock: filter.inStock !== undefined ? `in_stock = ${p.add(filter.inStock, '::boolean')}` : 'true',
    attributes: (filter.attributes ?? []).map(({ name, values }) => [name, `attributes && ${p.add(values.map((v) => `${name}=${v}`), '::text[]')}`]),
  };
}

const ORDER: Record<SearchSort, string> = {
  RELEVANCE: 'score DESC, m.created_at DESC, m.product_id',
  PRICE_ASC: 'm.price ASC, m.product_id',
  PRICE_DESC: 'm.price DESC, m.product_id',
  NEWEST: 'm.created_at DESC, m.product_id',
  RATING: 'm.rating DESC NULLS LAST, m.review_count DESC, m.product_id',
};

interface ResultRow {
  /** total, in stock, the price buckets, the rating buckets. */
  counts: string[];
  hits: Array<{ id: string; score: number; name: string | null; description: string | null }> | null;
  /** Per product category: its path (root first, itself last) and its products. */
  categories: Array<{ path: Array<{ id: string; name: string; slug: string }>; count: number }> | null;
  brands: Array<{ id: string; name: string; count: number }> | null;
  attributes: Array<{ pair: string; count: number }> | null;
}

/**
 * One statement: the products matching the words (`m`, materialized once), then the page and every facet over it.
 * A facet's counts apply every selection but its own (an attribute's values: every other attribute's), so a shopper
 * who picked one brand still sees how many the other brands have.
 */
export async function searchProducts(pool: Pool, request: SearchRequest): Promise<SearchResult> {
  const text = request.text ? await textQuery(pool, request.text) : null;
  if (request.text && !text) return emptyResult();
  const p = new Params();
  const c = conditionsOf(request.filter, p);
  const match = text ? `document @@ to_tsquery('shop_search', ${p.add(text.any)})` : 'true';
  const restriction = facetRelevant(c);
  const score = text ? scoreSql(text, p) : '0';
  const attributeFlags = c.attributes.map(([, cond], i) => `, (${cond}) AS f_a${i}`).join('');
  const allAttributes = c.attributes.map((_, i) => `f_a${i}`);
  const all = (...except: string[]) =>
    ['f_category', 'f_brand', 'f_price', 'f_rating', 'f_stock', ...allAttributes].filter((f) => !except.includes(f)).join(' AND ');
  const otherAttributes = c.attributes.length
    ? ' AND ' + c.attributes.map(([name], i) => `(split_part(pair, '=', 1) = ${p.add(name)} OR f_a${i})`).join(' AND ')
    : '';
  const query = text ? p.add(text.any) : null;
  // Marks are \x01…\x02, removed from the text first, so highlight.ts can escape the rest and mark with <em>; < and >
  // travel as U+E000/U+E001, or ts_headline would drop "<burr>" as an HTML tag.
  const headline = (column: string, options: string) =>
    query ? `ts_headline('shop_search', translate(${column}, E'<>\\x01\\x02', E'\\uE000\\uE001'), to_tsquery('shop_search', ${query}), ${p.add(options)})` : 'NULL';
  const priceCounts = PRICE_BUCKETS.map(([min, max]) => {
    const parts = [min !== null ? `price >= ${p.add(min, '::numeric')}` : null, max !== null ? `price < ${p.add(max, '::numeric')}` : null].filter(Boolean);
    return `count(*) FILTER (WHERE ${all('f_price')} AND ${parts.join(' AND ')})`;
  });
  const ratingCounts = RATING_BUCKETS.map((r) => `count(*) FILTER (WHERE ${all('f_rating')} AND rating >= ${r})`);
  // The total and every count that needs no grouping, in one pass over m.
  const counts = [`count(*) FILTER (WHERE ${all()})`, `count(*) FILTER (WHERE ${all('f_stock')} AND in_stock)`, ...priceCounts, ...ratingCounts];
  const sql = `
    WITH m AS MATERIALIZED (
      SELECT product_id, category_id, category_path, brand_id, brand_name, price, rating, review_count, in_stock, attributes, created_at,
             (${c.category}) AS f_category, (${c.brand}) AS f_brand, (${c.price}) AS f_price, (${c.rating}) AS f_rating,
             (${c.stock}) AS f_stock${attributeFlags}
      FROM search_index WHERE ${match} AND ${restriction}
    ), page AS (
      SELECT m.product_id, ${score} AS score FROM m ${text ? 'JOIN search_index i USING (product_id)' : ''} WHERE ${all()}
      ORDER BY ${ORDER[request.sort === 'RELEVANCE' && !text ? 'NEWEST' : request.sort]}
      LIMIT ${p.add(request.limit, '::int')} OFFSET ${p.add(request.offset, '::int')}
    )
    SELECT
      (SELECT ARRAY[${counts.join(', ')}] FROM m) AS counts,
      (SELECT jsonb_agg(jsonb_build_object('id', page.product_id, 'score', page.score, 'name', ${headline('i.name', HIGHLIGHT_OPTIONS.name)},
                 'description', ${headline("coalesce(i.description, '')", HIGHLIGHT_OPTIONS.description)}) ORDER BY ord)
         FROM (SELECT product_id, score, row_number() OVER () AS ord FROM page) page JOIN search_index i USING (product_id)) AS hits,
      (SELECT jsonb_agg(jsonb_build_object('path', c.path, 'count', x.n)) FROM (
         SELECT category_id, count(*) AS n FROM m WHERE ${all('f_category')} AND category_id IS NOT NULL GROUP BY category_id) x
         JOIN search_categories c ON c.id = x.category_id) AS categories,
      (SELECT jsonb_agg(jsonb_build_object('id', brand_id, 'name', name, 'count', n) ORDER BY n DESC, name) FROM (
         SELECT brand_id, min(brand_name) AS name, count(*) AS n FROM m WHERE ${all('f_brand')} AND brand_id IS NOT NULL
         GROUP BY brand_id ORDER BY n DESC, name LIMIT ${MAX_BRAND_FACETS}) x) AS brands,
      (SELECT jsonb_agg(jsonb_build_object('pair', pair, 'count', n)) FROM (
         SELECT pair, count(*) AS n FROM m, unnest(m.attributes) pair
         WHERE f_category AND f_brand AND f_price AND f_rating AND f_stock${otherAttributes}
         GROUP BY pair) x) AS attributes`;
  const { rows } = await pool.query<ResultRow>(sql, p.values);
  const row = rows[0];
  const total = Number(row.counts[0]);
  return {
    total,
    hits: (row.hits ?? []).map((h) => ({ productId: h.id, score: Number(h.score), highlights: highlightsOf(h) })),
    facets: facetsOf(row),
    didYouMean: text?.corrected && total > 0 ? text.corrected : null,
  };
}

/**
 * Rows failing two selections or more count in no facet and no page, so `m` leaves them out: "at most one fails",
 * written as an OR of ANDs that PostgreSQL answers from the indexes (BitmapOr of BitmapAnds) before reading rows.
 */
function facetRelevant(c: Conditions): string {
  const active = [c.category, c.brand, c.price, c.rating, c.stock, ...c.attributes.map(([, cond]) => cond)].filter((cond) => cond !== 'true');
  if (active.length < 2) return 'true';
  return `(${active.map((_, skip) => `(${active.filter((__, i) => i !== skip).join(' AND ')})`).join(' OR ')})`;
}

function scoreSql(text: TextQuery, p: Params): string {
  const any = p.add(text.any);
  const all = p.add(text.all);
  const exact = p.add(text.exact);
  return `(ts_rank_cd('${RANK_WEIGHTS}', i.document, to_tsquery('shop_search', ${any}))
          + CASE WHEN i.document @@ to_tsquery('shop_search', ${all}) THEN 1 ELSE 0 END
          + CASE WHEN trim(regexp_replace(i.name_norm, '[^[:alnum:]]+', ' ', 'g')) = ${exact} THEN 10 ELSE 0 END)::float8`;
}

function facetsOf(row: ResultRow): SearchFacets {
  const attributes = new Map<string, Array<{ value: string; count: number }>>();
  for (const { pair, count } of row.attributes ?? []) {
    const at = pair.indexOf('=');
    const name = pair.slice(0, at);
    if (!attributes.has(name)) attributes.set(name, []);
    attributes.get(name)!.push({ value: pair.slice(at + 1), count });
  }
  return {
    categories: categoryTree(row.categories ?? []),
    brands: row.brands ?? [],
    prices: PRICE_BUCKETS.map(([min, max], i) => ({ min: min && `${min}.00`, max: max && `${max}.00`, count: Number(row.counts[2 + i]) })),
    ratings: RATING_BUCKETS.map((min, i) => ({ min, count: Number(row.counts[2 + PRICE_BUCKETS.length + i]) })),
    attributes: [...attributes.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, values]) => ({
        name,
        values: values.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, MAX_ATTRIBUTE_VALUES),
      })),
    inStock: Number(row.counts[1]),
  };
}

/** Counts per product category → a tree of roots, each node counting its own products and its descendants'. */
export function categoryTree(groups: ResultRow['categories'] & object): CategoryFacet[] {
  const nodes = new Map<string, CategoryFacet & { parent: string | null }>();
  const roots: CategoryFacet[] = [];
  for (const { path: chain, count } of groups) {
    let parent = null as (CategoryFacet & { parent: string | null }) | null;
    for (const link of chain) {
      let node = nodes.get(link.id);
      if (!node) {
        node = { id: link.id, name: link.name, slug: link.slug, count: 0, children: [], parent: parent?.id ?? null };
        nodes.set(link.id, node);
        (parent ? parent.children : roots).push(node);
      }
      node.count += count;
      parent = node;
    }
  }
  const strip = (list: CategoryFacet[]): CategoryFacet[] =>
    list.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
      .map(({ id, name, slug, count, children }) => ({ id, name, slug, count, children: strip(children) }));
  return strip(roots);
}

function emptyResult(): SearchResult {
  return {
    total: 0,
    hits: [],
    facets: {
      categories: [], brands: [], attributes: [], inStock: 0,
      prices: PRICE_BUCKETS.map(([min, max]) => ({ min: min && `${min}.00`, max: max && `${max}.00`, count: 0 })),
      ratings: RATING_BUCKETS.map((min) => ({ min, count: 0 })),
    },
    didYouMean: null,
  };
}
