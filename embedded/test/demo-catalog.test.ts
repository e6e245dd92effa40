import { createLogger } from '@shop/platform';
import { createTestDatabase, type TestDatabase } from '@shop/platform/testing';
import { createCatalogDb, type CatalogDb } from '../../subgraphs/catalog/src/db';
import { seedDemoCatalog } from '../../subgraphs/catalog/src/seed/demo-catalog';
import { buildDemoCatalog } from '../../subgraphs/catalog/src/seed/demo-products';

const log = createLogger('demo-catalog-test', 'silent');

describe('the demo catalog data', () => {
  const catalog = buildDemoCatalog(new Date('2026-06-01T00:00:00Z'));

  it('is the same on every run', () => {
    const later = buildDemoCatalog(new Date('2026-06-01T00:00:00Z'));
    expect(later).toEqual(catalog);
  });

  it('keeps money as two-decimal strings, with compare-at prices above the price', () => {
    for (const variant of catalog.variants) {
      expect(variant.price).toMatch(/^\d+\.\d{2}$/);
      if (variant.comparePrice) expect(Number(variant.comparePrice)).toBeGreaterThan(Number(variant.price));
    }
    expect(catalog.variants.some((v) => v.comparePrice)).toBe(true);
  });

  it('gives every product 1–5 variants, one default, and a primary image first', () => {
    for (const product of catalog.products) {
      const variants = catalog.variants.filter((v) => v.productId === product.id);
      expect(variants.length).toBeGreaterThanOrEqual(1);
      expect(variants.length).toBeLessThanOrEqual(5);
      expect(variants.filter((v) => v.isDefault)).toHaveLength(1);
      const images = catalog.images.filter((i) => i.productId === product.id);
      expect(images[0]).toMatchObject({ isPrimary: true, displayOrder: 0, url: `https://picsum.photos/seed/${product.slug}/800/800` });
    }
  });
});

describe('seedDemoCatalog', () => {
  let database: TestDatabase;
  let db: CatalogDb;

  beforeAll(async () => {
    database = await createTestDatabase('catalog');
    db = createCatalogDb({ connectionString: database.url });
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it('fills an empty catalog with 200+ active products in a category tree at least three levels deep', async () => {
    const result = await seedDemoCatalog(db, log);

    expect(result.seeded).toBe(true);
    expect(result.products).toBeGreaterThanOrEqual(200);
    expect(await db.product.count({ where: { status: 'active' } })).toBe(result.products);
    const categories = await db.category.findMany({ select: { id: true, parentId: true } });
    const parentOf = new Map(categories.map((c) => [c.id, c.parentId]));
    const depth = (id: string | null): number => (id ? 1 + depth(parentOf.get(id) ?? null) : 0);
    expect(Math.max(...categories.map((c) => depth(c.id)))).toBeGreaterThanOrEqual(3);
    expect(categories.length).toBeGreaterThanOrEqual(20);
    expect(await db.brand.count()).toBeGreaterThanOrEqual(12);
    const approved = await db.productReview.groupBy({ by: ['isApproved'], _count: true });
    expect(approved.map((g) => g.isApproved).sort()).toEqual([false, true]);
    const relations = await db.productRelation.groupBy({ by: ['relationType'], _count: true });
    expect(relations.map((g) => g.relationType).sort()).toEqual(['cross_sell', 'related', 'up_sell']);
    expect(await db.productAttributeValue.count({ where: { attribute: { name: 'color' } } })).toBeGreaterThan(5);
  });

  it('does nothing when the catalog already has products', async () => {
    const before = await db.productVariant.count();

    expect(await seedDemoCatalog(db, log)).toEqual({ seeded: false, products: expect.any(Number) });
    expect(await db.productVariant.count()).toBe(before);
  });
});

describe('two processes seeding the same empty catalog at once', () => {
  it('seeds it exactly once', async () => {
    const database = await createTestDatabase('catalog');
    const [first, second] = [database.url, database.url].map((connectionString) => createCatalogDb({ connectionString }));
    try {
      const results = await Promise.all([seedDemoCatalog(first, log), seedDemoCatalog(second, log)]);

      expect(results.map((r) => r.seeded).sort()).toEqual([false, true]);
      expect(await first.product.count()).toBe(buildDemoCatalog(new Date()).products.length);
    } finally {
      await Promise.all([first.$disconnect(), second.$disconnect()]);
      await database.drop();
    }
  });
});
