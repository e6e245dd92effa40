import { asCustomer } from './shop-harness';
import { ACTIVE_PRODUCTS, SEARCH, seedCorpus } from './search-fixtures';
import { startSearchShop, until, type SearchShop } from './search-harness';

/**
 * Search through the real gateway on PostgreSQL: a catalog made by staff through the gateway reaches the search
 * index by the catalog's and inventory's events; shoppers search it with relevance, filters, sorts, facets,
 * paging, suggestions and did-you-mean, and ask any Product field of a hit through federation.
 */
let s: SearchShop;
let ids: Awaited<ReturnType<typeof seedCorpus>>;

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

describe('relevance through the gateway', () => {
  it('finds by name first, then by description, and the hit carries catalog fields through federation', async () => {
    const result = await searchFor({ query: 'trail runner' });
    expect(names(result)).toEqual(['Trail Runner', 'Hiking Boot']);
    expect(result.edges[0].node.priceRange).toEqual({ min: { amount: '120.00' } });
    expect(result.edges[0].highlights).toEqual(expect.arrayContaining([{ field: 'name', snippets: ['<em>Trail</em> <em>Runner</em>'] }]));
  });

  it('"hedphones" finds the headphones and says what was meant; drafts never appear', async () => {
    const result = await searchFor({ query: 'hedphones' });
    expect(names(result).sort()).toEqual(['Studio Headphones', 'Wireless Headphones']);
    expect(result.didYouMean).toBe('headphones');
  });

  it('"wireless headphones" ranks the product with both words first', async () => {
    const result = await searchFor({ query: 'wireless headphones' });
    expect(names(result)[0]).toBe('Wireless Headphones');
    expect(names(result)).toEqual(expect.arrayContaining(['Studio Headphones', 'Wireless Mouse']));
  });

  it('the synonym "tee" finds the t-shirt', async () => {
    expect(names(await searchFor({ query: 'tee' }))).toEqual(['Classic Cotton T-Shirt']);
  });
});

describe('filters and sorts through the gateway', () => {
  it('filters by category (with descendants, by id or slug), brand, price, stock and attribute', async () => {
    expect((await searchFor({ filter: { categoryId: ids.categories.Electronics } })).totalCount).toBe(3);
    expect((await searchFor({ filter: { categorySlug: 'clothing' } })).totalCount).toBe(3);
    expect(names(await searchFor({ filter: { brandIds: [ids.brands.Sonic] } }))).toEqual(['Wireless Headphones']);
    expect(names(await searchFor({ filter: { minPrice: '25', maxPrice: '120.00' }, sort: 'PRICE_ASC' }))).toEqual(['Wireless Mouse', 'Wireless Headphones', 'Trail Runner']);
    expect(names(await searchFor({ query: 'headphones', filter: { inStock: true } }))).toEqual(['Wireless Headphones']);
    expect(names(await searchFor({ query: 'headphones', filter: { inStock: false } }))).toEqual(['Studio Headphones']);
    expect(names(await searchFor({ filter: { attributes: [{ name: 'color', values: ['white'] }, { name: 'size', values: ['M'] }] } }))).toEqual(['Classic Cotton T-Shirt']);
  });

  it('sorts by price both ways and newest first', async () => {
    const byPrice = ['Classic Cotton T-Shirt', 'Wireless Mouse', 'Wireless Headphones', 'Trail Runner', 'Studio Headphones', 'Hiking Boot'];
    expect(names(await searchFor({ sort: 'PRICE_ASC' }))).toEqual(byPrice);
    expect(names(await searchFor({ sort: 'PRICE_DESC' }))).toEqual([...byPrice].reverse());
    expect(names(await searchFor({ sort: 'NEWEST' }))[0]).toBe('Hiking Boot');
    expect((await searchFor({ sort: 'RATING' })).totalCount).toBe(ACTIVE_PRODUCTS);
  });

  it('pages with cursors bound to the search they came from', async () => {
    const first = await searchFor({ sort: 'PRICE_ASC', first: 4 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await searchFor({ sort: 'PRICE_ASC', first: 4, after: first.pageInfo.endCursor });
    expect([...names(first), ...names(second)]).toEqual(names(await searchFor({ sort: 'PRICE_ASC' })));
    expect(second.pageInfo.hasNextPage).toBe(false);
    const misused = await s.shop.gateway.query(SEARCH, { sort: 'PRICE_DESC', first: 4, after: first.pageInfo.endCursor }, {});
    expect(misused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('facets through the gateway', () => {
  it('count every hit without selections, categories as a tree', async () => {
    const { facets } = await searchFor({});
    const electronics = facets.categories.find((c: { name: string }) => c.name === 'Electronics');
    expect(electronics).toMatchObject({ count: 3, children: [{ name: 'Audio', count: 2 }] });
    expect(facets.brands.map((b: { name: string; count: number }) => `${b.name}:${b.count}`).sort()).toEqual(['Acme:4', 'Sonic:1', 'Threadly:1']);
    expect(facets.prices[0]).toEqual({ min: null, max: '25.00', count: 1 });
    expect(facets.inStock).toBe(ACTIVE_PRODUCTS - 1);
  });

  it("ignore their own selection (multi-select) and apply the others'", async () => {
    const { facets, totalCount } = await searchFor({ filter: { brandIds: [ids.brands.Acme], attributes: [{ name: 'color', values: ['black'] }] } });
    expect(totalCount).toBe(1);
    expect(facets.brands.map((b: { name: string; count: number }) => `${b.name}:${b.count}`).sort()).toEqual(['Acme:1', 'Sonic:1']);
    const color = facets.attributes.find((a: { name: string }) => a.name === 'color');
    expect(color.values.map((v: { value: string; count: number }) => `${v.value}:${v.count}`).sort()).toEqual(['black:1', 'white:1']);
  });
});

describe('suggestions through the gateway', () => {
  it('complete products, categories and brands, typo-tolerant', async () => {
    const SUGGEST = `query($p: String!) { searchSuggestions(prefix: $p, first: 5) { kind id text } }`;
    const head = (await s.ok(SUGGEST, { p: 'head' }, {})).searchSuggestions;
    expect(head.map((x: { text: string }) => x.text).sort()).toEqual(['Studio Headphones', 'Wireless Headphones']);
    expect((await s.ok(SUGGEST, { p: 'Cloth' }, {})).searchSuggestions).toEqual([{ kind: 'CATEGORY', id: ids.categories.Clothing, text: 'Clothing' }]);
    expect((await s.ok(SUGGEST, { p: 'acm' }, {})).searchSuggestions).toEqual([{ kind: 'BRAND', id: ids.brands.Acme, text: 'Acme' }]);
    expect((await s.ok(SUGGEST, { p: 'wireles mou' }, {})).searchSuggestions.map((x: { text: string }) => x.text)).toContain('Wireless Mouse');
  });
});

describe('bad input is refused with a code, never an internal error', () => {
  const codeOf = async (variables: Record<string, unknown>, query = SEARCH, headers: Record<string, string> = {}) => {
    const { errors } = await s.shop.gateway.query(query, variables, headers);
    return errors?.map((e: { extensions?: { code?: string } }) => e.extensions?.code);
  };

  it.each([
    ['an empty query', { query: '' }],
    ['a blank query', { query: '   ' }],
    ['a 10,000-character query', { query: 'a'.repeat(10_000) }],
    ['only query syntax characters', { query: "& | ! ( ) : * \\ '" }],
    ['a NUL byte', { query: 'head\u0000phones' }],
    ['an unknown attribute', { filter: { attributes: [{ name: 'flavour', values: ['mint'] }] } }],
    ['a negative price', { filter: { minPrice: '-1' } }],
    ['a price that is not a number', { filter: { maxPrice: '1e3' } }],
    ['a minimum above the maximum', { filter: { minPrice: '50', maxPrice: '10' } }],
    ['a brand id that is not an id', { filter: { brandIds: ['acme'] } }],
    ['an unknown category slug', { filter: { categorySlug: 'no-such-category' } }],
    ['an unknown sort', { sort: 'CHEAPEST' }],
    ['a page that is too large', { first: 101 }],
    ['a cursor that was never issued', { after: 'bm90LWEtY3Vyc29y' }],
  ])('%s → BAD_USER_INPUT', async (_what, variables) => {
    expect(await codeOf(variables)).toEqual(['BAD_USER_INPUT']);
  });

  it('an unknown sort written into the query itself is refused before anything runs', async () => {
    const { errors } = await s.shop.gateway.query(`{ search(sort: CHEAPEST) { totalCount } }`, {}, {});
    expect(errors?.map((e: { extensions?: { code?: string } }) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('query syntax characters around words are ignored', async () => {
    expect(names(await searchFor({ query: "headphones & | ! ( ) : * \\ '" }))).toEqual(expect.arrayContaining(['Wireless Headphones']));
  });

  it('only staff may rebuild the index', async () => {
    const REBUILD = `mutation { rebuildSearchIndex { indexed } }`;
    expect(await codeOf({}, REBUILD, asCustomer('00000000-0000-4000-8000-0000000000c1'))).toEqual(['FORBIDDEN']);
    expect(await codeOf({}, REBUILD)).toEqual(['UNAUTHENTICATED']);
  });
});
