import type { ProductDocument } from '../port';

/**
 * The SQL that turns ProductDocuments (a jsonb array, $1) into rows of an index table. One statement for the
 * live table, the table a rebuild fills, and the bulk load, so all three hold exactly the same thing.
 *
 * document: name weighs A, brand, category path, attribute values and tags B, description C (ts_rank_cd weights
 * in query.ts), in the shop_search configuration (English stems over unaccented words).
 */
export const INDEX_COLUMNS = `product_id, name, name_norm, description, category_id, category_path, brand_id, brand_name,
  price, compare_price, currency, rating, review_count, in_stock, attributes, tags, created_at, updated_at, document`;

const DOCUMENT_ROWS = `
  SELECT (d->>'id')::uuid AS product_id,
         d->>'name' AS name,
         lower(unaccent(d->>'name')) AS name_norm,
         d->>'description' AS description,
         (d#>>'{category,id}')::uuid AS category_id,
         d->'category' AS category,
         (d#>>'{brand,id}')::uuid AS brand_id,
         d#>>'{brand,name}' AS brand_name,
         (d->>'price')::numeric(10,2) AS price,
         (d->>'comparePrice')::numeric(10,2) AS compare_price,
         d->>'currency' AS currency,
         (d->>'rating')::numeric(3,2) AS rating,
         coalesce((d->>'reviewCount')::int, 0) AS review_count,
         coalesce((d->>'inStock')::boolean, false) AS in_stock,
         ARRAY(SELECT DISTINCT (a->>'name') || '=' || (a->>'value') FROM jsonb_array_elements(coalesce(d->'attributes', '[]')) a) AS attributes,
         ARRAY(SELECT jsonb_array_elements_text(coalesce(d->'tags', '[]'))) AS tags,
         (d->>'createdAt')::timestamptz AT TIME ZONE 'UTC' AS created_at,
         (d->>'updatedAt')::timestamptz AT TIME ZONE 'UTC' AS updated_at,
         setweight(to_tsvector('shop_search', coalesce(d->>'name', '')), 'A') ||
         setweight(to_tsvector('shop_search', concat_ws(' ',
             d#>>'{brand,name}',
             (SELECT string_agg(p->>'name', ' ') FROM jsonb_array_elements(coalesce(d#>'{category,path}', '[]')) p),
             d#>>'{category,name}',
             (SELECT string_agg(a->>'value', ' ') FROM jsonb_array_elements(coalesce(d->'attributes', '[]')) a),
             (SELECT string_agg(t, ' ') FROM jsonb_array_elements_text(coalesce(d->'tags', '[]')) t))), 'B') ||
         setweight(to_tsvector('shop_search', coalesce(d->>'description', '')), 'C') AS document
  FROM jsonb_array_elements($1::jsonb) d`;

/** Rows in document order; the category path keeps root-first order (ids deduplicated: the category may close its path). */
function selectRows(skipRemoved: boolean): string {
  return `SELECT r.product_id, r.name, r.name_norm, r.description, r.category_id,
           ARRAY(SELECT id FROM (
                   SELECT (p->>'id')::uuid AS id, o FROM jsonb_array_elements(coalesce(r.category->'path', '[]')) WITH ORDINALITY q(p, o)
                   UNION ALL SELECT r.category_id, 1000 WHERE r.category_id IS NOT NULL) x
                 GROUP BY id ORDER BY min(o)) AS category_path,
           r.brand_id, r.brand_name, r.price, r.compare_price, r.currency, r.rating, r.review_count, r.in_stock,
           r.attributes, r.tags, r.created_at, r.updated_at, r.document
    FROM (${DOCUMENT_ROWS}) r
    ${skipRemoved ? 'WHERE NOT EXISTS (SELECT 1 FROM search_rebuild_removals x WHERE x.product_id = r.product_id)' : ''}`;
}

/** Adds or replaces the documents $1 in `table`. */
export function upsertRowsSql(table: string): string {
  const updates = INDEX_COLUMNS.split(',').map((c) => c.trim()).filter((c) => c !== 'product_id').map((c) => `${c} = EXCLUDED.${c}`).join(', ');
  return `INSERT INTO ${table} (${INDEX_COLUMNS}) ${selectRows(false)} ON CONFLICT (product_id) DO UPDATE SET ${updates}`;
}

/**
 * The rebuild's bulk load: a row already there was written by a change that arrived during the rebuild and is at
 * least as new as the batch, so it stays; products removed meanwhile are not brought back.
 */
export function bulkLoadSql(table: string): string {
  return `INSERT INTO ${table} (${INDEX_COLUMNS}) ${selectRows(true)} ON CONFLICT (product_id) DO NOTHING`;
}

/** Words of names, brands, categories, attribute values and tags of the products $1 (uuid[]) in `index`. */
export function vocabularySql(vocabulary: string, index: string, where = 'product_id = ANY($1::uuid[])'): string {
  return `INSERT INTO ${vocabulary} (word)
    SELECT DISTINCT w FROM (
      SELECT concat_ws(' ', i.name, i.brand_name, array_to_string(i.tags, ' '),
               (SELECT string_agg(split_part(a, '=', 2), ' ') FROM unnest(i.attributes) a)) AS text
      FROM ${index} i WHERE ${where}
      UNION ALL
      SELECT c.name FROM search_categories c WHERE c.id IN (SELECT unnest(category_path) FROM ${index} WHERE ${where})
    ) t, regexp_split_to_table(lower(unaccent(t.text)), '[^[:alnum:]]+') w
    WHERE length(w) BETWEEN 2 AND 100
    ON CONFLICT (word) DO NOTHING`;
}

/** Suggestions for the products $1 (uuid[]) in `index`: their names, categories (with ancestors) and brands. */
export function suggestionsSql(suggestions: string, index: string, where = 'product_id = ANY($1::uuid[])'): string {
  return `INSERT INTO ${suggestions} (kind, ref_id, text, norm)
    SELECT DISTINCT ON (kind, ref_id) kind, ref_id, text, lower(unaccent(text)) FROM (
      SELECT 'PRODUCT' AS kind, product_id AS ref_id, name AS text FROM ${index} WHERE ${where}
      UNION ALL
      SELECT 'BRAND', brand_id, brand_name FROM ${index} WHERE ${where} AND brand_id IS NOT NULL
      UNION ALL
      SELECT 'CATEGORY', c.id, c.name FROM search_categories c WHERE c.id IN (SELECT unnest(category_path) FROM ${index} WHERE ${where})
    ) s
    ORDER BY kind, ref_id
    ON CONFLICT (kind, ref_id) DO UPDATE SET text = EXCLUDED.text, norm = EXCLUDED.norm`;
}

/** The categories the documents $1 name, each with its path (root first, itself last); a rename updates them. */
export const CATEGORIES_SQL = `INSERT INTO search_categories (id, name, slug, path)
  SELECT (r->>'id')::uuid, r->>'name', r->>'slug', r->'path' FROM jsonb_array_elements($1::jsonb) r
  ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, slug = EXCLUDED.slug, path = EXCLUDED.path`;

type Ref = { id: string; name: string; slug: string };

/** Every category of the documents' paths with its own path, once each. */
export function categoryRows(documents: ProductDocument[]): Array<Ref & { path: Ref[] }> {
  const rows = new Map<string, Ref & { path: Ref[] }>();
  for (const { category } of documents) {
    if (!category) continue;
    const chain: Ref[] = category.path.map(({ id, name, slug }) => ({ id, name, slug }));
    if (chain.at(-1)?.id !== category.id) chain.push({ id: category.id, name: category.name, slug: category.slug });
    chain.forEach((link, i) => rows.set(link.id, { ...link, path: chain.slice(0, i + 1) }));
  }
  return [...rows.values()];
}
