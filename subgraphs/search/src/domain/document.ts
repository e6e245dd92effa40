import type { ProductDocument } from '../backends/port';

/** What the read model knows of a product (search_products), as the document is built from it. */
export interface ProductFacts {
  id: string;
  sku: string;
  name: string;
  slug: string;
  description: string | null;
  status: string;
  category: ProductDocument['category'];
  brand: ProductDocument['brand'];
  tags: string[];
  rating: string | null;
  reviewCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface VariantFacts {
  id: string;
  price: string;
  comparePrice: string | null;
  currency: string;
  isActive: boolean;
  attributes: Array<{ name: string; value: string }>;
  /** Sellable stock from inventory; null when inventory has said nothing about the variant yet. */
  available: number | null;
}

/** Compares decimal strings exactly (no float): "9.5" < "10.00". */
export function compareDecimal(a: string, b: string): number {
  const [ai, af = ''] = a.split('.');
  const [bi, bf = ''] = b.split('.');
  const width = Math.max(af.length, bf.length);
  const x = BigInt(ai + af.padEnd(width, '0'));
  const y = BigInt(bi + bf.padEnd(width, '0'));
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The document the index holds for a product, or null when the product must not be found: only active products
 * with at least one active variant (a price to show) are searchable; drafts and archived ones never are.
 */
export function productDocument(product: ProductFacts, variants: VariantFacts[]): ProductDocument | null {
  if (product.status !== 'active') return null;
  const active = variants.filter((v) => v.isActive);
  if (active.length === 0) return null;
  const cheapest = active.reduce((min, v) => (compareDecimal(v.price, min.price) < 0 ? v : min));
  const attributes = new Map<string, { name: string; value: string }>();
  for (const v of active) for (const a of v.attributes) attributes.set(`${a.name}\u0000${a.value}`, a);
  return {
    id: product.id,
    name: product.name,
    slug: product.slug,
    sku: product.sku,
    description: product.description,
    category: product.category,
    brand: product.brand,
    price: cheapest.price,
    comparePrice: cheapest.comparePrice,
    currency: cheapest.currency,
    rating: product.rating,
    reviewCount: product.reviewCount,
    inStock: active.some((v) => (v.available ?? 0) > 0),
    attributes: [...attributes.values()],
    tags: product.tags,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}
