import { byKeys, groupByKeys, RequestLoaders } from '@shop/platform';
import { Prisma, type CatalogDb } from './db';
import type { Brand, Category, Product, ProductAttributeValue, ProductImage, ProductRelation, ProductReview, ProductVariant } from './generated/prisma/client';

export interface ReviewPageKey {
  productId: string;
  limit: number;
  /** `at` is PostgreSQL's own text for the timestamp, so microseconds survive the round trip. */
  after: { at: string; id: string } | null;
}

export interface RatingRow {
  productId: string;
  average: number | null;
  count: number;
}

/**
 * Every entity and child list the graph can reach goes through one of these, so a page of N products costs
 * the same number of SQL statements as a page of one.
 */
export class CatalogLoaders {
  private readonly loaders = new RequestLoaders();
  private categoriesPromise?: Promise<Category[]>;

  constructor(private readonly db: CatalogDb) {}

  get product() {
    return this.loaders.get<string, Product | null>('product', async (ids) =>
      byKeys(ids, await this.db.product.findMany({ where: { id: { in: [...ids] } } }), (p) => p.id),
    );
  }

  get productBySlug() {
    return this.loaders.get<string, Product | null>('productBySlug', async (slugs) =>
      byKeys(slugs, await this.db.product.findMany({ where: { slug: { in: [...slugs] } } }), (p) => p.slug),
    );
  }

  get variant() {
    return this.loaders.get<string, ProductVariant | null>('variant', async (ids) =>
      byKeys(ids, await this.db.productVariant.findMany({ where: { id: { in: [...ids] } } }), (v) => v.id),
    );
  }

  /** All variants of each product, default first, then by creation. */
  get variantsByProduct() {
    return this.loaders.get<string, ProductVariant[]>('variantsByProduct', async (ids) =>
      groupByKeys(
        ids,
        await this.db.productVariant.findMany({
          where: { productId: { in: [...ids] } },
          orderBy: [{ isDefault: 'desc' }, { createdAt: 'asc' }, { sku: 'asc' }],
        }),
        (v) => v.productId,
      ),
    );
  }

  get imagesByProduct() {
    return this.loaders.get<string, ProductImage[]>('imagesByProduct', async (ids) =>
      groupByKeys(
        ids,
        await this.db.productImage.findMany({
          where: { productId: { in: [...ids] } },
          orderBy: [{ isPrimary: 'desc' }, { displayOrder: 'asc' }, { createdAt: 'asc' }],
        }),
        (i) => i.productId,
      ),
    );
  }

  get brand() {
    return this.loaders.get<string, Brand | null>('brand', async (ids) =>
      byKeys(ids, await this.db.brand.findMany({ where: { id: { in: [...ids] } } }), (b) => b.id),
    );
  }

  /** Approved-review average and count, aggregated by PostgreSQL. */
  get rating() {
    return this.loaders.get<string, RatingRow>('rating', async (ids) => {
      const rows = await this.db.productReview.groupBy({
        by: ['productId'],
        where: { productId: { in: [...ids] }, isApproved: true },
        _avg: { rating: true },
        _count: { _all: true },
      });
      const found = byKeys(ids, rows, (r) => r.productId);
      return ids.map((productId, i) => {
        const row = found[i];
        const avg = row?._avg.rating ?? null;
        return { productId, average: avg === null ? null : Math.round(avg * 100) / 100, count: row?._count._all ?? 0 };
      });
    });
  }

  get relationsByProduct() {
    return this.loaders.get<string, ProductRelation[]>('relationsByProduct', async (ids) =>
      groupByKeys(
        ids,
        await this.db.productRelation.findMany({
          where: { productId: { in: [...ids] } },
          orderBy: [{ displayOrder: 'asc' }, { id: 'asc' }],
        }),
        (r) => r.productId,
      ),
    );
  }

  get attributeValuesByAttribute() {
    return this.loaders.get<string, ProductAttributeValue[]>('attributeValues', async (ids) =>
      groupByKeys(
        ids,
        await this.db.productAttributeValue.findMany({
          where: { attributeId: { in: [...ids] } },
          orderBy: [{ displayOrder: 'asc' }, { value: 'asc' }],
        }),
        (v) => v.attributeId,
      ),
    );
  }

  /**
   * One page of approved reviews per product, newest first: `limit` rows per product from one windowed query,
   * so review lists on a listing page batch like everything else. Key: product id, limit and cursor.
   */
  get approvedReviewPage() {
    return this.loaders.get<ReviewPageKey, ProductReview[]>(
      'approvedReviewPage',
      async (keys) => {
        const groups = new Map<string, ReviewPageKey[]>();
        for (const key of keys) {
          const group = `${key.limit}|${key.after?.at ?? ''}|${key.after?.id ?? ''}`;
          groups.set(group, [...(groups.get(group) ?? []), key]);
        }
        const rows: ProductReview[] = [];
        for (const group of groups.values()) {
          const { limit, after } = group[0];
          const afterSql = after
            ? Prisma.sql`AND (coalesce(created_at, 'epoch'::timestamp), id) < (${after.at}::timestamp, ${after.id}::uuid)`
            : Prisma.empty;
          rows.push(
            ...(await this.db.$queryRaw<ProductReview[]>`
              SELECT id, "productId", "customerId", rating, title, content, "isVerifiedPurchase", "isApproved",
                     "helpfulCount", "rejectedAt", "createdAt", "updatedAt", k::text AS "cursorKey"
              FROM (
                SELECT r.id, r.product_id AS "productId", r.customer_id AS "customerId", r.rating, r.title, r.content,
                       r.is_verified_purchase AS "isVerifiedPurchase", r.is_approved AS "isApproved",
                       r.helpful_count AS "helpfulCount", r.rejected_at AS "rejectedAt", r.created_at AS "createdAt",
                       r.updated_at AS "updatedAt", coalesce(r.created_at, 'epoch'::timestamp) AS k,
                       row_number() OVER (PARTITION BY r.product_id ORDER BY coalesce(r.created_at, 'epoch'::timestamp) DESC, r.id DESC) AS n
                FROM product_reviews r
                WHERE r.is_approved AND r.product_id IN (${Prisma.join(group.map((k) => Prisma.sql`${k.productId}::uuid`))}) ${afterSql}
              ) ranked
              WHERE n <= ${limit + 1}
              ORDER BY k DESC, id DESC`),
          );
        }
        return keys.map((key) => rows.filter((r) => r.productId === key.productId));
      },
      { cacheKeyFn: (key) => JSON.stringify(key) },
    );
  }

  /** The whole category tree, read once per request: trees are small and every tree question needs most of it. */
  categories(): Promise<Category[]> {
    this.categoriesPromise ??= this.db.category.findMany({ orderBy: [{ displayOrder: 'asc' }, { name: 'asc' }] });
    return this.categoriesPromise;
  }

  async categoryMap(): Promise<Map<string, Category>> {
    return new Map((await this.categories()).map((c) => [c.id, c]));
  }
}
