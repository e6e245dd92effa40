import { CART_READ_TIMEOUT_MS, type SubgraphClient } from './graphql-http';

/** What the cart asks inventory: how many of each variant can be sold now (0 when inventory keeps none). */
export interface InventoryPort {
  available(ids: readonly string[], requestId?: string): Promise<Map<string, number>>;
}

const AVAILABILITY = `query CartAvailability($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on ProductVariant { id availability { quantityAvailable } } }
}`;

export function httpInventoryPort(url: string, client: SubgraphClient): InventoryPort {
  const inventory = client.endpoint(url, { timeoutMs: CART_READ_TIMEOUT_MS });
  return {
    async available(ids, requestId) {
      const representations = ids.map((id) => ({ __typename: 'ProductVariant', id }));
      type Entity = { id: string; availability: { quantityAvailable: number } } | null;
      const data = await inventory<{ _entities: Entity[] }>(AVAILABILITY, { representations }, { requestId });
      const found = new Map<string, number>(ids.map((id) => [id, 0]));
      for (const e of data._entities) if (e) found.set(e.id, e.availability.quantityAvailable);
      return found;
    },
  };
}
