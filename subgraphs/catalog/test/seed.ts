import { randomUUID } from 'node:crypto';
import type { CatalogDb } from '../src/index';

/** Small builders for test data, written straight to the test's own database. */
export async function seedCategory(db: CatalogDb, name: string, parentId: string | null = null) {
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomUUID().slice(0, 6)}`;
  return db.category.create({ data: { name, slug, parentId } });
}

export async function seedBrand(db: CatalogDb, name: string) {
  return db.brand.create({ data: { name: `${name} ${randomUUID().slice(0, 6)}`, slug: `${name.toLowerCase()}-${randomUUID().slice(0, 6)}` } });
}

export interface SeedProductOptions {
  categoryId: string;
  brandId?: string;
  name?: string;
  status?: string;
  prices?: string[];
  attributes?: Record<string, string>[];
  createdAt?: Date;
  images?: number;
}

export async function seedProduct(db: CatalogDb, options: SeedProductOptions) {
  const tag = randomUUID().slice(0, 8);
  const prices = options.prices ?? ['19.90'];
  return db.product.create({
    data: {
      name: options.name ?? `Product ${tag}`,
      slug: `product-${tag}`,
      sku: `SKU-${tag}`,
      categoryId: options.categoryId,
      brandId: options.brandId,
      status: options.status ?? 'active',
      createdAt: options.createdAt,
      variants: {
        create: prices.map((price, i) => ({
          sku: `SKU-${tag}-${i}`,
          name: `Variant ${i}`,
          price,
          isDefault: i === 0,
          attributes: options.attributes?.[i] ?? { color: 'black' },
        })),
      },
      images: { create: Array.from({ length: options.images ?? 2 }, (_, i) => ({ url: `https://img.example/${tag}/${i}.jpg`, altText: `Image ${i}`, displayOrder: i, isPrimary: i === 0 })) },
    },
    include: { variants: true },
  });
}

export async function seedReview(db: CatalogDb, productId: string, rating: number, approved = true) {
  return db.productReview.create({
    data: { productId, customerId: randomUUID(), rating, title: `${rating} stars`, content: 'Fine.', isApproved: approved },
  });
}
