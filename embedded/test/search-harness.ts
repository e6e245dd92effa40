import { startSearchSubgraph, typeDefs, type RunningSearch } from '@shop/search';
import { asAdmin, startShop, type Shop } from './shop-harness';

/**
 * The whole shop with the search context behind the same gateway (PostgreSQL backend on its own test database),
 * and a small catalog made through the gateway as staff would: categories, brands, products with variants and
 * stock. Search learns all of it from the catalog's and inventory's events.
 */
export interface SearchShop {
  shop: Shop;
  search: RunningSearch;
  ok(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<any>;
  stop(): Promise<void>;
}

export async function startSearchShop(): Promise<SearchShop> {
  let search: RunningSearch | undefined;
  const shop = await startShop({
    contexts: [{
      name: 'search',
      typeDefs,
      start: async (env) => {
        search = await startSearchSubgraph({ ...env, catalogUrl: env.urls.catalog, inventoryUrl: env.urls.inventory, poolSize: 3 });
        return search;
      },
    }],
  });
  const ok = async (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = asAdmin) => {
    const { data, errors } = await shop.gateway.query(query, variables, headers);
    if (errors) throw new Error(JSON.stringify(errors));
    return data;
  };
  return { shop, search: search!, ok, stop: () => shop.stop() };
}

export { until } from '@shop/platform/testing';

interface ProductSpec {
  name: string;
  category: string;
  brand?: string;
  description?: string;
  price: string;
  compareAtPrice?: string;
  attributes?: Array<{ name: string; value: string }>;
  stock: number;
  status?: 'ACTIVE' | 'DRAFT';
}

/** Makes categories, brands and products through the gateway; returns their ids by name. */
export async function seedCatalog(s: SearchShop, spec: {
  categories: Array<{ name: string; parent?: string }>;
  brands: string[];
  products: ProductSpec[];
}): Promise<{ categories: Record<string, string>; brands: Record<string, string>; products: Record<string, { id: string; variantId: string }> }> {
  const categories: Record<string, string> = {};
  for (const c of spec.categories) {
    const { createCategory } = await s.ok(`mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id } }`, {
      input: { name: c.name, parentId: c.parent ? categories[c.parent] : null },
    });
    categories[c.name] = createCategory.id;
  }
  const brands: Record<string, string> = {};
  for (const name of spec.brands) {
    brands[name] = (await s.ok(`mutation($input: CreateBrandInput!) { createBrand(input: $input) { id } }`, { input: { name } })).createBrand.id;
  }
  const products: Record<string, { id: string; variantId: string }> = {};
  for (const [i, p] of spec.products.entries()) {
    const sku = `SRCH-${i}-${p.name.replace(/\W+/g, '').slice(0, 20)}`;
    const { createProduct } = await s.ok(`mutation($input: CreateProductInput!) { createProduct(input: $input) { id variants { id } } }`, {
      input: {
        name: p.name, sku, categoryId: categories[p.category], brandId: p.brand ? brands[p.brand] : null, description: p.description ?? null,
        status: p.status ?? 'ACTIVE',
        variants: [{ sku: `${sku}-1`, price: p.price, compareAtPrice: p.compareAtPrice ?? null, attributes: p.attributes ?? [], isDefault: true }],
      },
    });
    const variantId = createProduct.variants[0].id;
    await s.ok(`mutation($input: EnsureInventoryItemInput!) { ensureInventoryItem(input: $input) { id } }`, {
      input: { variantId, productId: createProduct.id, sku: `${sku}-1` },
    });
    if (p.stock > 0) await s.ok(`mutation($input: RestockInput!) { restockInventory(input: $input) { id } }`, { input: { variantId, quantity: p.stock } });
    products[p.name] = { id: createProduct.id, variantId };
  }
  return { categories, brands, products };
}
