import type { VariantInfo } from '../domain/cart';
import { CART_READ_TIMEOUT_MS, type SubgraphClient } from './graphql-http';

/** What the cart asks the catalog: the variants it holds or is about to hold. Unknown or unsold: null. */
export interface CatalogPort {
  variants(ids: readonly string[], requestId?: string): Promise<Map<string, VariantInfo | null>>;
}

/** One `_entities` query for every variant of a request, the way the gateway asks; public fields, no token. */
const VARIANTS = `query CartVariants($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on ProductVariant { id sku name isActive price { amount currency } product { id name status } }
  }
}`;

interface VariantEntity {
  id: string;
  sku: string;
  name: string | null;
  isActive: boolean;
  price: { amount: string; currency: string };
  product: { id: string; name: string; status: string };
}

export function httpCatalogPort(url: string, client: SubgraphClient): CatalogPort {
  const catalog = client.endpoint(url, { timeoutMs: CART_READ_TIMEOUT_MS });
  return {
    async variants(ids, requestId) {
      const representations = ids.map((id) => ({ __typename: 'ProductVariant', id }));
      const data = await catalog<{ _entities: (VariantEntity | null)[] }>(VARIANTS, { representations }, { requestId });
      const found = new Map<string, VariantInfo | null>(ids.map((id) => [id, null]));
      for (const v of data._entities) {
        if (!v) continue;
        found.set(v.id, {
          id: v.id, productId: v.product.id, sku: v.sku, productName: v.product.name, variantName: v.name,
          price: v.price.amount, currency: v.price.currency, isActive: v.isActive, productStatus: v.product.status,
        });
      }
      return found;
    },
  };
}
