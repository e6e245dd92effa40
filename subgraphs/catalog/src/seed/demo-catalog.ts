import type { Logger } from '@shop/platform';
import type { CatalogDb } from '../db';
import { buildDemoCatalog } from './demo-products';

/** Advisory lock key (any constant the shop uses for nothing else): "seed" in hex-speak. */
const SEED_LOCK = 0x5eed_ca7a;

/**
 * Fills an empty catalog with the demo shop (categories three levels deep, brands, 200+ active products with
 * variants, images, reviews and relations). Does nothing when the catalog already has products or categories,
 * so it is safe on every start-up; two processes starting together queue on an advisory lock and the second
 * finds the first one's rows.
 */
export async function seedDemoCatalog(db: CatalogDb, log: Logger): Promise<{ seeded: boolean; products: number }> {
  const started = Date.now();
  // One transaction: the catalog is either untouched or complete. It outlives the usual 15 s limit on purpose.
  const result = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK})`;
      const products = await tx.product.count();
      if (products > 0 || (await tx.category.count()) > 0) return { seeded: false, products };
      const catalog = buildDemoCatalog(new Date());
      // Referenced rows first.
      await tx.category.createMany({ data: catalog.categories });
      await tx.brand.createMany({ data: catalog.brands });
      await tx.productAttribute.createMany({ data: catalog.attributes });
      await tx.productAttributeValue.createMany({ data: catalog.attributeValues });
      await tx.product.createMany({ data: catalog.products });
      await tx.productVariant.createMany({ data: catalog.variants });
      await tx.productImage.createMany({ data: catalog.images });
      await tx.productReview.createMany({ data: catalog.reviews });
      await tx.productRelation.createMany({ data: catalog.relations });
      return { seeded: true, products: catalog.products.length };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
  if (result.seeded) log.info({ products: result.products, ms: Date.now() - started }, 'seeded the demo catalog');
  else log.debug({ products: result.products }, 'catalog not empty: demo seed skipped');
  return result;
}
