import type { ProductDocument } from '../port.js';

/**
 * Prices and ratings are doubles in the index (the seed's mapping) and decimal strings everywhere else. They become
 * numbers here and in the query builder's filters only, and are never read back (hits carry ids; price facets show
 * the fixed bucket bounds). That is safe because search only filters, sorts and buckets these numbers — no money is
 * computed from them — and a double holds every two-place amount below 2^53 / 100 closely enough that
 * Number("24.99") in a filter equals the stored Number("24.99"), and toFixed(2) would give "24.99" back.
 */
export const toIndexNumber = (decimal: string): number => Number(decimal);

/** A product as stored in product_index (the seed's snake_case field names). */
export interface IndexedProduct {
  id: string;
  slug: string;
  sku: string;
  currency: string;
  name: string;
  word_suggest?: string[];
  description: string | null;
  category: { id: string; name: string; path: string; slug: string; ancestors: string[]; nodes: string[] } | null;
  brand: { id: string; name: string } | null;
  price: number;
  compare_price: number | null;
  rating: number | null;
  review_count: number;
  availability: boolean;
  tags: string[];
  attributes: Array<{ name: string; value: string }>;
  created_at: string;
  updated_at: string;
}

/** One level of a product's category trail as a facet key: everything the tree needs, parent included. */
interface FacetNode {
  name: string;
  slug: string;
  id: string;
  parentId: string | null;
}

/** JSON with the name first, so a prefix of the key is a prefix of the name (autocomplete uses that). */
export const facetNodeKey = (node: FacetNode): string => JSON.stringify([node.name, node.slug, node.id, node.parentId]);

export function parseFacetNodeKey(key: string): FacetNode {
  const [name, slug, id, parentId] = JSON.parse(key) as [string, string, string, string | null];
  return { name, slug, id, parentId };
}

export function toIndexedProduct(product: ProductDocument): IndexedProduct {
  return {
    id: product.id,
    slug: product.slug,
    sku: product.sku,
    currency: product.currency,
    name: product.name,
    ...(product.name.trim().includes(' ') && { word_suggest: wordStarts(product.name) }),
    description: product.description,
    category: product.category && indexedCategory(product.category),
    brand: product.brand && { id: product.brand.id, name: product.brand.name },
    price: toIndexNumber(product.price),
    compare_price: product.comparePrice === null ? null : toIndexNumber(product.comparePrice),
    rating: product.rating === null ? null : toIndexNumber(product.rating),
    review_count: product.reviewCount,
    availability: product.inStock,
    tags: product.tags,
    attributes: product.attributes.map(({ name, value }) => ({ name, value })),
    created_at: product.createdAt,
    updated_at: product.updatedAt,
  };
}

/** The name from each later word on: "Wireless Noise Headphones" → "Noise Headphones", "Headphones". At most 10. */
export function wordStarts(name: string): string[] {
  const words = name.trim().split(/\s+/);
  return words.slice(1, 11).map((_, i) => words.slice(i + 1).join(' '));
}

function indexedCategory(category: NonNullable<ProductDocument['category']>): IndexedProduct['category'] {
  // The port's path is root first and may or may not end with the category itself.
  const trail = category.path.at(-1)?.id === category.id ? category.path : [...category.path, category];
  return {
    id: category.id,
    name: category.name,
    slug: category.slug,
    path: trail.map((level) => level.slug).join('/'),
    ancestors: trail.map((level) => level.id),
    nodes: trail.map((level, i) => facetNodeKey({ name: level.name, slug: level.slug, id: level.id, parentId: trail[i - 1]?.id ?? null })),
  };
}
