import type { SearchTx } from '../db';
import type { BrandUpdated, CategoryUpdated, ProductArchived, ProductFacts, ReviewApproved, StockLevelChanged, VariantArchived, VariantFacts, VariantPriceChanged } from '../events/contracts';
import type { CatalogProduct } from '../ports/catalog';

/**
 * The read model's changes, one per fact, each in the event's transaction and each queueing the product for the
 * indexer (services/indexer.ts), which sends its new document to the backend after commit. A product event older
 * than what the row holds (its product version) changes nothing; stock levels likewise by the item's version.
 */

/** The product's document must be rebuilt; a change already queued is counted again so the indexer sees it. */
export function queueProduct(tx: SearchTx, productId: string): Promise<void> {
  return queueProducts(tx, [productId]);
}

/** ProductCreated / ProductUpdated. Fields older events lack keep what the row knew. */
export async function productFactsChanged(tx: SearchTx, facts: ProductFacts): Promise<void> {
  const category = facts.category === undefined ? null : JSON.stringify(facts.category);
  await tx.$executeRaw`
    INSERT INTO search_products AS p (id, sku, name, slug, description, status, category_id, category, brand_id, brand_name, version, created_at, updated_at)
    VALUES (${facts.productId}::uuid, ${facts.sku}, ${facts.name}, ${facts.slug}, ${facts.description ?? null}, ${facts.status},
            ${facts.categoryId}::uuid, ${category}::jsonb, ${facts.brandId}::uuid, ${facts.brand?.name ?? null}, ${facts.productVersion},
            coalesce(${facts.createdAt ?? null}::timestamptz AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'), now() AT TIME ZONE 'UTC')
    ON CONFLICT (id) DO UPDATE SET
      sku = EXCLUDED.sku, name = EXCLUDED.name, slug = EXCLUDED.slug, status = EXCLUDED.status,
      description = CASE WHEN ${facts.description === undefined}::boolean THEN p.description ELSE EXCLUDED.description END,
      category_id = EXCLUDED.category_id,
      category = CASE WHEN ${facts.category === undefined}::boolean AND p.category_id IS NOT DISTINCT FROM EXCLUDED.category_id THEN p.category ELSE EXCLUDED.category END,
      brand_id = EXCLUDED.brand_id,
      brand_name = CASE WHEN ${facts.brand === undefined}::boolean AND p.brand_id IS NOT DISTINCT FROM EXCLUDED.brand_id THEN p.brand_name ELSE EXCLUDED.brand_name END,
      version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
    WHERE p.version <= EXCLUDED.version`;
  await queueProduct(tx, facts.productId);
}

/** Queues many products in one statement (a rename reaches every product that names it). */
async function queueProducts(tx: SearchTx, productIds: string[]): Promise<void> {
  if (!productIds.length) return;
  await tx.$executeRaw`
    INSERT INTO search_index_queue (product_id) SELECT unnest(${productIds}::uuid[])
    ON CONFLICT (product_id) DO UPDATE SET tick = search_index_queue.tick + 1`;
}

interface CategoryCopy {
  id: string;
  name: string;
  slug: string;
  path: { id: string; name: string; slug: string }[];
}

/**
 * CategoryUpdated: every product whose category path passes through the category (its own products and its
 * descendants') takes the category's new path in place of the old part up to it; the tail below it stays.
 */
export async function categoryUpdated(tx: SearchTx, event: CategoryUpdated): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string; category: CategoryCopy }[]>`
    SELECT id::text, category FROM search_products
    WHERE category->'path' @> jsonb_build_array(jsonb_build_object('id', ${event.categoryId}::text))
    FOR UPDATE`;
  if (!rows.length) return;
  const copies = rows.map(({ category }) => {
    const below = category.path.slice(category.path.findIndex((link) => link.id === event.categoryId) + 1);
    const path = [...event.path, ...below].map(({ id, name, slug }) => ({ id, name, slug }));
    return JSON.stringify({ ...path.at(-1), path });
  });
  const ids = rows.map((r) => r.id);
  await tx.$executeRaw`
    UPDATE search_products p SET category = c.category::jsonb, updated_at = now() AT TIME ZONE 'UTC'
    FROM unnest(${ids}::uuid[], ${copies}::text[]) AS c(id, category) WHERE p.id = c.id`;
  await queueProducts(tx, ids);
}

/** BrandUpdated: the products of the brand take its new name. */
export async function brandUpdated(tx: SearchTx, event: BrandUpdated): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    UPDATE search_products SET brand_name = ${event.name}, updated_at = now() AT TIME ZONE 'UTC'
    WHERE brand_id = ${event.brandId}::uuid AND brand_name IS DISTINCT FROM ${event.name}
    RETURNING id::text`;
  await queueProducts(tx, rows.map((r) => r.id));
}

export async function productArchived(tx: SearchTx, event: ProductArchived): Promise<void> {
  await tx.$executeRaw`
    UPDATE search_products SET status = 'archived', version = ${event.productVersion}, updated_at = now() AT TIME ZONE 'UTC'
    WHERE id = ${event.productId}::uuid AND version <= ${event.productVersion}`;
  await queueProduct(tx, event.productId);
}

/** VariantCreated / VariantUpdated: the variant as it is now. */
export async function variantFactsChanged(tx: SearchTx, facts: VariantFacts): Promise<void> {
  const attributes = facts.attributes === undefined ? null : JSON.stringify(facts.attributes);
  await tx.$executeRaw`
    INSERT INTO search_variants AS v (id, product_id, sku, price, compare_price, currency, is_active, attributes, version)
    VALUES (${facts.variantId}::uuid, ${facts.productId}::uuid, ${facts.sku}, ${facts.price}::numeric, ${facts.comparePrice ?? null}::numeric,
            ${facts.currency}, ${facts.isActive}, coalesce(${attributes}::jsonb, '[]'::jsonb), ${facts.productVersion})
    ON CONFLICT (id) DO UPDATE SET
      sku = EXCLUDED.sku, price = EXCLUDED.price, currency = EXCLUDED.currency, is_active = EXCLUDED.is_active,
      compare_price = CASE WHEN ${facts.comparePrice === undefined}::boolean THEN v.compare_price ELSE EXCLUDED.compare_price END,
      attributes = CASE WHEN ${attributes === null}::boolean THEN v.attributes ELSE EXCLUDED.attributes END,
      version = EXCLUDED.version
    WHERE v.version <= EXCLUDED.version`;
  await queueProduct(tx, facts.productId);
}

export async function variantArchived(tx: SearchTx, event: VariantArchived): Promise<void> {
  await tx.$executeRaw`
    UPDATE search_variants SET is_active = false, version = ${event.productVersion}
    WHERE id = ${event.variantId}::uuid AND version <= ${event.productVersion}`;
  await queueProduct(tx, event.productId);
}

export async function variantPriceChanged(tx: SearchTx, event: VariantPriceChanged): Promise<void> {
  await tx.$executeRaw`
    UPDATE search_variants SET price = ${event.newPrice}::numeric, currency = ${event.currency}, version = ${event.productVersion}
    WHERE id = ${event.variantId}::uuid AND version <= ${event.productVersion}`;
  await queueProduct(tx, event.productId);
}

/** ReviewApproved carries the product's approved-review figures after the review. */
export async function reviewApproved(tx: SearchTx, event: ReviewApproved): Promise<void> {
  await tx.$executeRaw`
    UPDATE search_products SET rating = ${event.productRating.average}::numeric, review_count = ${event.productRating.count}
    WHERE id = ${event.productId}::uuid`;
  await queueProduct(tx, event.productId);
}

/** StockLevelChanged from inventory: availability is "any active variant has stock". */
export async function stockLevelChanged(tx: SearchTx, event: StockLevelChanged, itemVersion: number): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO search_stock AS s (variant_id, product_id, available, version)
    VALUES (${event.variantId}::uuid, ${event.productId}::uuid, ${Math.max(0, event.available)}, ${itemVersion})
    ON CONFLICT (variant_id) DO UPDATE SET available = EXCLUDED.available, version = EXCLUDED.version
    WHERE s.version <= EXCLUDED.version`;
  await queueProduct(tx, event.productId);
}

/**
 * A full rebuild's page of what the catalog sells now: products, variants and stock replace what the read model
 * had (a product is active, its listed variants active and the others not) unless an event newer than the page
 * (a higher product version) was applied meanwhile.
 */
export async function catalogPageRead(tx: SearchTx, products: CatalogProduct[]): Promise<void> {
  for (const p of products) {
    await tx.$executeRaw`
      INSERT INTO search_products AS r (id, sku, name, slug, description, status, category_id, category, brand_id, brand_name, rating, review_count,
                                        version, created_at, updated_at)
      VALUES (${p.id}::uuid, ${p.sku}, ${p.name}, ${p.slug}, ${p.description}, 'active', ${p.category?.id ?? null}::uuid,
              ${p.category ? JSON.stringify(p.category) : null}::jsonb, ${p.brand?.id ?? null}::uuid, ${p.brand?.name ?? null},
              ${p.rating.average}::numeric, ${p.rating.count}, ${p.version},
              coalesce(${p.createdAt}::timestamptz AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'), now() AT TIME ZONE 'UTC')
      ON CONFLICT (id) DO UPDATE SET sku = EXCLUDED.sku, name = EXCLUDED.name, slug = EXCLUDED.slug, description = EXCLUDED.description,
        status = 'active', category_id = EXCLUDED.category_id, category = EXCLUDED.category, brand_id = EXCLUDED.brand_id,
        brand_name = EXCLUDED.brand_name, rating = EXCLUDED.rating, review_count = EXCLUDED.review_count, version = EXCLUDED.version,
        created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at
      WHERE r.version <= EXCLUDED.version`;
    await tx.$executeRaw`UPDATE search_variants SET is_active = false WHERE product_id = ${p.id}::uuid AND version <= ${p.version}`;
    for (const v of p.variants) {
      await tx.$executeRaw`
        INSERT INTO search_variants AS x (id, product_id, sku, price, compare_price, currency, is_active, attributes, version)
        VALUES (${v.id}::uuid, ${p.id}::uuid, ${v.sku}, ${v.price}::numeric, ${v.comparePrice}::numeric, ${v.currency}, true,
                ${JSON.stringify(v.attributes)}::jsonb, ${p.version})
        ON CONFLICT (id) DO UPDATE SET sku = EXCLUDED.sku, price = EXCLUDED.price, compare_price = EXCLUDED.compare_price,
          currency = EXCLUDED.currency, is_active = true, attributes = EXCLUDED.attributes, version = EXCLUDED.version
        WHERE x.version <= EXCLUDED.version`;
      await tx.$executeRaw`
        INSERT INTO search_stock (variant_id, product_id, available, version) VALUES (${v.id}::uuid, ${p.id}::uuid, ${v.available}, 0)
        ON CONFLICT (variant_id) DO UPDATE SET available = EXCLUDED.available`;
    }
  }
}

/**
 * After a full read of the catalog: products it no longer sells are not searchable (archived or back to draft).
 * A product whose event arrived after the read began (`since`, the database's clock) is left to its events.
 */
export async function productsNotSeenSince(tx: SearchTx, seen: string[], since: Date): Promise<void> {
  await tx.$executeRaw`
    UPDATE search_products SET status = 'archived'
    WHERE status = 'active' AND updated_at < ${since} AND NOT (id = ANY(${seen}::uuid[]))`;
}
