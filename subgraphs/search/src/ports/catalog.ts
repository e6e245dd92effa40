import { createServiceClient, type ServiceClient, type ServiceCredentials } from '@shop/platform';

/** One active product as the catalog and inventory describe it now, for a full rebuild. */
export interface CatalogProduct {
  id: string;
  /** The catalog's version of the product aggregate (its events carry the same number). */
  version: number;
  sku: string;
  name: string;
  slug: string;
  description: string | null;
  createdAt: string | null;
  category: { id: string; name: string; slug: string; path: Array<{ id: string; name: string; slug: string }> } | null;
  brand: { id: string; name: string } | null;
  rating: { average: string | null; count: number };
  variants: Array<{
    id: string;
    sku: string;
    price: string;
    comparePrice: string | null;
    currency: string;
    attributes: Array<{ name: string; value: string }>;
    /** Sellable stock, from inventory. */
    available: number;
  }>;
}

/** Where a full rebuild reads what is for sale: the catalog's active products with the inventory's stock. */
export interface CatalogSource {
  /** Active products, a page at a time. */
  activeProducts(): AsyncIterable<CatalogProduct[]>;
  close(): Promise<void>;
}

/** Products per catalog request: 100 with their variants exceeds the catalog's query cost limit. */
const PAGE = 50;
const READ_TIMEOUT_MS = 30_000;

const PRODUCTS = `query SearchRebuildProducts($first: Int!, $after: String) {
  products(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      id version sku name slug description createdAt
      category { id name slug breadcrumbs { id name slug } }
      brand { id name }
      rating { average count }
      variants { id sku price { amount currency } compareAtPrice { amount } attributes { name value } }
    } }
  }
}`;

const STOCK = `query SearchRebuildStock($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on ProductVariant { id availability { quantityAvailable } } }
}`;

interface ProductsAnswer {
  products: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: {
      id: string; version: number; sku: string; name: string; slug: string; description: string | null; createdAt: string | null;
      category: { id: string; name: string; slug: string; breadcrumbs: Array<{ id: string; name: string; slug: string }> } | null;
      brand: { id: string; name: string } | null;
      rating: { average: number | null; count: number };
      variants: Array<{ id: string; sku: string; price: { amount: string; currency: string }; compareAtPrice: { amount: string } | null; attributes: Array<{ name: string; value: string }> }>;
    } }>;
  };
}

interface StockAnswer {
  _entities: Array<{ id: string; availability: { quantityAvailable: number } } | null>;
}

/**
 * Reads over HTTP, as the gateway would: the catalog's `products` (what a shopper can buy: active products and
 * their active variants) and the inventory's ProductVariant.availability entities, with the service's token when
 * it has one. Used only by a full rebuild; day-to-day freshness comes from events.
 */
export function httpCatalogSource(urls: { catalog: string; inventory: string }, credentials?: ServiceCredentials): CatalogSource {
  const client: ServiceClient = createServiceClient({ credentials, timeoutMs: READ_TIMEOUT_MS });
  return {
    async *activeProducts() {
      let after: string | null = null;
      for (;;) {
        const page: ProductsAnswer = await client.call<ProductsAnswer>(urls.catalog, PRODUCTS, { first: PAGE, after });
        const nodes = page.products.edges.map((e) => e.node);
        const variantIds = nodes.flatMap((n) => n.variants.map((v) => v.id));
        const stock = new Map<string, number>();
        if (variantIds.length) {
          const answer = await client.call<StockAnswer>(urls.inventory, STOCK, { representations: variantIds.map((id) => ({ __typename: 'ProductVariant', id })) });
          for (const entity of answer._entities) if (entity) stock.set(entity.id, entity.availability.quantityAvailable);
        }
        yield nodes.map((n) => ({
          id: n.id, version: n.version, sku: n.sku, name: n.name, slug: n.slug, description: n.description, createdAt: n.createdAt,
          category: n.category ? { id: n.category.id, name: n.category.name, slug: n.category.slug, path: n.category.breadcrumbs } : null,
          brand: n.brand,
          rating: { average: n.rating.average === null ? null : n.rating.average.toFixed(2), count: n.rating.count },
          variants: n.variants.map((v) => ({
            id: v.id, sku: v.sku, price: v.price.amount, comparePrice: v.compareAtPrice?.amount ?? null, currency: v.price.currency,
            attributes: v.attributes, available: stock.get(v.id) ?? 0,
          })),
        }));
        if (!page.products.pageInfo.hasNextPage) return;
        after = page.products.pageInfo.endCursor;
      }
    },
    close: () => client.close(),
  };
}
