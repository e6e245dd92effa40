import type { ProductDocument } from '../backends/port';
import type { SearchDb, SearchTx } from '../db';
import { productDocument } from '../domain/document';

/**
 * The documents of these products from the read model: a product that must not be found (draft, archived,
 * no active variant, unknown) maps to null, and the caller removes it from the index.
 */
export async function documentsOf(db: SearchDb | SearchTx, productIds: string[]): Promise<Map<string, ProductDocument | null>> {
  const [products, variants, stock] = await Promise.all([
    db.searchProduct.findMany({ where: { id: { in: productIds } } }),
    db.searchVariant.findMany({ where: { productId: { in: productIds } } }),
    db.searchStock.findMany({ where: { productId: { in: productIds } } }),
  ]);
  const available = new Map(stock.map((s) => [s.variantId, s.available]));
  const documents = new Map<string, ProductDocument | null>(productIds.map((id) => [id, null]));
  for (const p of products) {
    const own = variants.filter((v) => v.productId === p.id);
    documents.set(p.id, productDocument(
      {
        id: p.id, sku: p.sku, name: p.name, slug: p.slug, description: p.description, status: p.status,
        category: p.category as ProductDocument['category'],
        brand: p.brandId && p.brandName ? { id: p.brandId, name: p.brandName } : null,
        tags: p.tags, rating: p.rating?.toFixed(2) ?? null, reviewCount: p.reviewCount, createdAt: p.createdAt, updatedAt: p.updatedAt,
      },
      own.map((v) => ({
        id: v.id, price: v.price.toFixed(2), comparePrice: v.comparePrice?.toFixed(2) ?? null, currency: v.currency, isActive: v.isActive,
        attributes: v.attributes as Array<{ name: string; value: string }>, available: available.get(v.id) ?? null,
      })),
    ));
  }
  return documents;
}

/** Sends the products' current documents to the backend: upserts the searchable ones, removes the others. */
export async function reindexProducts(db: SearchDb | SearchTx, backend: { upsert(d: ProductDocument[]): Promise<void>; remove(ids: string[]): Promise<void> }, productIds: string[]): Promise<void> {
  const documents = await documentsOf(db, productIds);
  const upserts = [...documents.values()].filter((d): d is ProductDocument => d !== null);
  const removals = [...documents.entries()].filter(([, d]) => d === null).map(([id]) => id);
  await backend.upsert(upserts);
  await backend.remove(removals);
}
