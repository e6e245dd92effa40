import { startSearchShop, until, type SearchShop } from '../../../embedded/test/search-harness';
import { importLegacyProducts } from '../src/import';
import { createLegacyDatabase, legacyId, type LegacyDatabase } from './legacy-fixture';

/**
 * The import into a running shop: the whole shop with search behind the real gateway, its relays on the machine's
 * Redis. What the import records in the catalog's and inventory's outboxes reaches search like any staff change:
 * the imported products become searchable, their stock moves the in-stock filter, drafts stay out.
 */
let s: SearchShop;
let legacy: LegacyDatabase;

beforeAll(async () => {
  [s, legacy] = await Promise.all([startSearchShop(), createLegacyDatabase()]);
}, 60_000);
afterAll(() => Promise.all([s?.stop(), legacy?.drop()]));

const SEARCH = `query($query: String, $filter: SearchFilter) {
  search(query: $query, filter: $filter) { totalCount edges { node { id name priceRange { min { amount } } } } }
}`;
const found = async (variables: Record<string, unknown>) =>
  (await s.ok(SEARCH, variables, {})).search.edges.map((e: any) => `${e.node.name} ${e.node.priceRange.min.amount}`).sort();

test('imported products reach search through their events: names, prices and stock; the draft stays out', async () => {
  const summary = await importLegacyProducts({ legacyUrl: legacy.url, catalogUrl: s.shop.databaseUrls.catalog, inventoryUrl: s.shop.databaseUrls.inventory });
  expect(summary.products.imported).toBe(5);

  const headphones = await until(() => found({ query: 'headphones', filter: { inStock: true } }), (r) => r.length === 2, 'the imported headphones in stock');
  expect(headphones).toEqual(['Studio Headphones 89.90', 'Studio Headphones 99.90']);
  await until(() => found({ query: 'cable' }), (r) => r.length === 1, 'the cable tie');
  expect(await found({ query: 'cable', filter: { inStock: true } })).toEqual([]); // imported with 0 in stock
  expect(await found({ query: 'turntable' })).toEqual([]); // a draft

  const { product } = await s.ok(`query($id: ID!) { product(id: $id) { name status variants { sku } } }`, { id: legacyId(1) }, {});
  expect(product).toEqual({ name: 'Studio Headphones', status: 'ACTIVE', variants: [{ sku: 'HP-1' }] });
});
