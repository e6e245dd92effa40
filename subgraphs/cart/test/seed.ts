import { randomUUID } from 'node:crypto';
import type { CartHarness } from './harness';

export interface SeedProductOptions {
  variants?: number;
  /** Price of every variant, or one per variant. */
  price?: string | string[];
  /** Units in stock of every variant, or one per variant. */
  stock?: number | number[];
  status?: 'active' | 'archived' | 'draft';
}

export interface SeededProduct {
  id: string;
  slug: string;
  name: string;
  variants: { id: string; sku: string; price: string }[];
}

const pick = <T>(value: T | T[], i: number): T => (Array.isArray(value) ? value[i] : value);

/** A product with its variants in the catalog's database and their stock in inventory's, as those contexts keep them. */
export async function seedProduct(h: CartHarness, options: SeedProductOptions = {}): Promise<SeededProduct> {
  const tag = randomUUID().slice(0, 8);
  const count = options.variants ?? 2;
  const category = await h.catalogDb.category.create({ data: { name: `Category ${tag}`, slug: `category-${tag}` } });
  const product = await h.catalogDb.product.create({
    data: {
      name: `Product ${tag}`, slug: `product-${tag}`, sku: `P-${tag}`, categoryId: category.id, status: options.status ?? 'active',
      variants: {
        create: Array.from({ length: count }, (_, i) => ({
          sku: `P-${tag}-${String(i).padStart(2, '0')}`, name: `Size ${i}`, price: pick(options.price ?? '9.90', i), isDefault: i === 0,
          attributes: { size: String(i) },
        })),
      },
    },
    include: { variants: { orderBy: { sku: 'asc' } } },
  });
  await h.inventoryDb.inventoryItem.createMany({
    data: product.variants.map((v, i) => ({ productVariantId: v.id, productId: product.id, sku: v.sku, quantityAvailable: pick(options.stock ?? 50, i) })),
  });
  return {
    id: product.id, slug: product.slug, name: product.name,
    variants: product.variants.map((v) => ({ id: v.id, sku: v.sku, price: v.price.toFixed(2) })),
  };
}

/** A single sellable variant, the most common thing a test needs. */
export async function seedVariant(h: CartHarness, options: Omit<SeedProductOptions, 'variants'> = {}) {
  const product = await seedProduct(h, { ...options, variants: 1 });
  return { ...product.variants[0], productId: product.id };
}

export const setPrice = (h: CartHarness, variantId: string, price: string) =>
  h.catalogDb.productVariant.update({ where: { id: variantId }, data: { price } });
export const deactivateVariant = (h: CartHarness, variantId: string) =>
  h.catalogDb.productVariant.update({ where: { id: variantId }, data: { isActive: false } });
export const archiveProduct = (h: CartHarness, productId: string) =>
  h.catalogDb.product.update({ where: { id: productId }, data: { status: 'archived' } });
export const setStock = (h: CartHarness, variantId: string, quantityAvailable: number) =>
  h.inventoryDb.inventoryItem.update({ where: { productVariantId: variantId }, data: { quantityAvailable } });
