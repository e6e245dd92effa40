import { asCustomer } from './shop-harness';
import { ACTIVE_PRODUCTS, SEARCH, seedCorpus } from './search-fixtures';
import { startSearchShop, until, type SearchShop } from './search-harness';

/**
 * The index follows the catalog and inventory through their events, through the real gateway: a change staff
 * make is searchable within 2 s of the mutation's answer (its commit); archived and draft products never appear;
 * stock, prices and reviews move filters and facets; a full rebuild swaps in while shoppers keep searching.
 */
let s: SearchShop;
let ids: Awaited<ReturnType<typeof seedCorpus>>;
const FRESHNESS_MS = 2_000;

beforeAll(async () => {
  s = await startSearchShop();
  ids = await seedCorpus(s);
  await until(() => searchFor({}), (r) => r.totalCount === ACTIVE_PRODUCTS && r.facets.inStock === ACTIVE_PRODUCTS - 1, 'the corpus to be searchable');
}, 60_000);
afterAll(() => s?.stop());

async function searchFor(variables: Record<string, unknown>) {
  return (await s.ok(SEARCH, variables, {})).search;
}
const names = (result: { edges: Array<{ node: { name: string } }> }) => result.edges.map((e) => e.node.name);
const versionOf = async (productId: string): Promise<number> => (await s.ok(`query($id: ID!) { product(id: $id) { version } }`, { id: productId })).product.version;

/** How long after `change` answered the search first showed its effect (polling every 20 ms). */
async function timeToSearchable(change: () => Promise<unknown>, visible: () => Promise<boolean>, what: string): Promise<number> {
  await change();
  const committed = Date.now();
  await until(visible, (v) => v, what, 10_000);
  return Date.now() - committed;
}

describe('freshness', () => {
  it('a renamed product is found by its new name within 2 s', async () => {
    const { id } = ids.products['Wireless Mouse'];
    const took = await timeToSearchable(
      async () => s.ok(`mutation($id: ID!, $v: Int!) { updateProduct(id: $id, expectedVersion: $v, input: { name: "Wireless Trackball" }) { id } }`, { id, v: await versionOf(id) }),
      async () => names(await searchFor({ query: 'trackball' })).includes('Wireless Trackball'),
      'the new name',
    );
    expect(took).toBeLessThanOrEqual(FRESHNESS_MS);
    expect(names(await searchFor({ query: 'mouse' }))).toEqual(['Wireless Trackball']); // its description still says mouse
  });

  it('a new price moves the product between price filters within 2 s', async () => {
    const { id, variantId } = ids.products['Trail Runner'];
    const took = await timeToSearchable(
      async () => s.ok(`mutation($id: ID!, $v: Int!) { updateVariant(id: $id, expectedVersion: $v, input: { price: "89.00" }) { id } }`, { id: variantId, v: await versionOf(id) }),
      async () => names(await searchFor({ filter: { maxPrice: '90' } })).includes('Trail Runner'),
      'the new price',
    );
    expect(took).toBeLessThanOrEqual(FRESHNESS_MS);
  });

  it('restocking makes an out-of-stock product pass the in-stock filter within 2 s', async () => {
    const { variantId } = ids.products['Studio Headphones'];
    expect(names(await searchFor({ query: 'headphones', filter: { inStock: true } }))).not.toContain('Studio Headphones');
    const took = await timeToSearchable(
      () => s.ok(`mutation($input: RestockInput!) { restockInventory(input: $input) { id } }`, { input: { variantId, quantity: 4 } }),
      async () => names(await searchFor({ query: 'headphones', filter: { inStock: true } })).includes('Studio Headphones'),
      'the restocked product',
    );
    expect(took).toBeLessThanOrEqual(FRESHNESS_MS);
  });

  it('an archived product disappears and a draft appears only once published, each within 2 s', async () => {
    const boot = ids.products['Hiking Boot'].id;
    const archived = await timeToSearchable(
      async () => s.ok(`mutation($id: ID!, $v: Int!) { archiveProduct(id: $id, expectedVersion: $v) { id } }`, { id: boot, v: await versionOf(boot) }),
      async () => (await searchFor({ query: 'boot' })).totalCount === 0,
      'the archived product to go',
    );
    expect(archived).toBeLessThanOrEqual(FRESHNESS_MS);
    expect(names(await searchFor({ query: 'trail runner' }))).toEqual(['Trail Runner']);

    const secret = ids.products['Secret Headphones'].id;
    expect(names(await searchFor({ query: 'secret' }))).toEqual([]);
    const published = await timeToSearchable(
      async () => s.ok(`mutation($id: ID!, $v: Int!) { updateProduct(id: $id, expectedVersion: $v, input: { status: ACTIVE }) { id } }`, { id: secret, v: await versionOf(secret) }),
      async () => names(await searchFor({ query: 'secret' })).includes('Secret Headphones'),
      'the published draft',
    );
    expect(published).toBeLessThanOrEqual(FRESHNESS_MS);
  });

  it('an approved review sets the rating that filters and sorts use', async () => {
    const { id } = ids.products['Classic Cotton T-Shirt'];
    const written = await s.shop.gateway.query(
      `mutation($input: WriteReviewInput!) { writeReview(input: $input) { id } }`,
      { input: { productId: id, rating: 5, title: 'Great' } },
      asCustomer('00000000-0000-4000-8000-0000000000b1'),
    );
    expect(written.errors).toBeUndefined();
    await s.ok(`mutation($id: ID!) { approveReview(id: $id) { id } }`, { id: written.data.writeReview.id });
    await until(async () => names(await searchFor({ filter: { minRating: 4.5 } })), (n) => n.includes('Classic Cotton T-Shirt'), 'the rating', 5_000);
    expect(names(await searchFor({ sort: 'RATING' }))[0]).toBe('Classic Cotton T-Shirt');
  });
});

describe('renamed categories and brands', () => {
  const facetNames = (facets: { categories: Array<{ name: string; children?: unknown[] }> }): string[] =>
    facets.categories.flatMap((c) => [c.name, ...facetNames({ categories: (c.children ?? []) as Array<{ name: string }> })]);

  it('finds the products of a renamed category and brand by the new names, in the facets too, within 2 s', async () => {
    const took = await timeToSearchable(
      async () => {
        await s.ok(`mutation($id: ID!) { updateCategory(id: $id, input: { name: "Hi-Fi" }) { id } }`, { id: ids.categories.Audio });
        await s.ok(`mutation($id: ID!) { updateBrand(id: $id, input: { name: "Sonora" }) { id } }`, { id: ids.brands.Sonic });
      },
      async () => {
        const { facets } = await searchFor({ query: 'headphones' });
        return facetNames(facets).includes('Hi-Fi') && facets.brands.some((b: { name: string }) => b.name === 'Sonora');
      },
      'the new names in the facets',
    );
    expect(took).toBeLessThanOrEqual(FRESHNESS_MS);
    const { facets } = await searchFor({ query: 'headphones' });
    expect(facetNames(facets)).not.toContain('Audio');
    expect(facets.brands.map((b: { name: string }) => b.name)).not.toContain('Sonic');
    expect((await searchFor({ query: 'sonora' })).totalCount).toBeGreaterThan(0);
  });
});

describe('full rebuild', () => {
  it('staff rebuild from the catalog while shoppers search: no search fails or comes back empty', async () => {
    const before = (await searchFor({})).totalCount;
    let searching = true;
    const problems: unknown[] = [];
    let searches = 0;
    const shopper = (async () => {
      while (searching) {
        const { data, errors } = await s.shop.gateway.query(SEARCH, { query: 'headphones' }, {});
        if (errors) problems.push(errors);
        else if (data.search.totalCount === 0) problems.push('no hits');
        searches += 1;
      }
    })();
    const rebuilt = await s.ok(`mutation { rebuildSearchIndex { indexed index backend fromCatalog } }`);
    const again = await s.ok(`mutation { rebuildSearchIndex(fromCatalog: false) { indexed } }`);
    searching = false;
    await shopper;
    expect(problems).toEqual([]);
    expect(searches).toBeGreaterThan(0);
    expect(rebuilt.rebuildSearchIndex).toEqual({ indexed: before, index: 'search_index', backend: 'postgres', fromCatalog: true });
    expect(again.rebuildSearchIndex.indexed).toBe(before);
    expect((await searchFor({})).totalCount).toBe(before);
    expect(names(await searchFor({ query: 'trackball' }))).toEqual(['Wireless Trackball']);
  });
});
