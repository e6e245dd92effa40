import { asAdmin, querySubgraph, startCatalogHarness, storefrontQuery, type CatalogHarness } from './harness';
import { seedBrand, seedCategory, seedProduct, seedReview } from './seed';

let h: CatalogHarness;
let tree: { clothing: { id: string; slug: string }; men: { id: string; slug: string }; shirts: { id: string; slug: string }; home: { id: string; slug: string } };

beforeAll(async () => {
  h = await startCatalogHarness();
  const clothing = await seedCategory(h.db, 'Clothing');
  const men = await seedCategory(h.db, 'Men', clothing.id);
  const shirts = await seedCategory(h.db, 'Shirts', men.id);
  const home = await seedCategory(h.db, 'Home');
  tree = { clothing, men, shirts, home };
});
afterAll(() => h?.stop());

const PRODUCT = `query($slug: String!) { product(slug: $slug) {
  id name slug status brand { name } category { name breadcrumbs { name slug } }
  images { url altText } priceRange { min { amount currency } max { amount currency } }
  variants { id sku price { amount currency } compareAtPrice { amount } attributes { name value } }
  rating { average count } reviews(first: 2) { edges { node { rating title verifiedPurchase createdAt } } pageInfo { hasNextPage endCursor } }
  crossSells { slug } } }`;

describe('the product page through the gateway', () => {
  it('answers a product by slug with its category breadcrumbs, prices as decimal strings, and approved reviews only', async () => {
    const brand = await seedBrand(h.db, 'Acme');
    const product = await seedProduct(h.db, { categoryId: tree.shirts.id, brandId: brand.id, prices: ['25.00', '19.90', '30.5'] });
    await seedReview(h.db, product.id, 5);
    await seedReview(h.db, product.id, 4);
    await seedReview(h.db, product.id, 3);
    await seedReview(h.db, product.id, 1, false);

    const { data, errors } = await h.gateway.query(PRODUCT, { slug: product.slug });
    expect(errors).toBeUndefined();
    const p = data.product;
    expect(p.brand.name).toBe(brand.name);
    expect(p.category.breadcrumbs.map((c: { name: string }) => c.name)).toEqual(['Clothing', 'Men', 'Shirts']);
    expect(p.priceRange).toEqual({ min: { amount: '19.90', currency: 'USD' }, max: { amount: '30.50', currency: 'USD' } });
    expect(p.variants[0].price).toEqual({ amount: '25.00', currency: 'USD' });
    expect(p.rating).toEqual({ average: 4, count: 3 });
    expect(p.reviews.edges).toHaveLength(2);
    expect(p.reviews.pageInfo.hasNextPage).toBe(true);

    const next = await h.gateway.query(
      `query($slug: String!, $after: String) { product(slug: $slug) { reviews(first: 5, after: $after) { edges { node { rating } } pageInfo { hasNextPage } } } }`,
      { slug: product.slug, after: p.reviews.pageInfo.endCursor },
    );
    expect(next.data.product.reviews.edges).toHaveLength(1);
    expect(next.data.product.reviews.pageInfo.hasNextPage).toBe(false);
  });

  it('hides draft and archived products from shoppers but shows them to staff', async () => {
    const draft = await seedProduct(h.db, { categoryId: tree.home.id, status: 'draft' });
    const q = `query($slug: String!) { product(slug: $slug) { status } }`;
    expect((await h.gateway.query(q, { slug: draft.slug })).data.product).toBeNull();
    expect((await h.gateway.query(q, { slug: draft.slug }, asAdmin)).data.product.status).toBe('DRAFT');
  });

  it('answers product by id, and refuses a malformed id or both id and slug with BAD_USER_INPUT', async () => {
    const product = await seedProduct(h.db, { categoryId: tree.home.id });
    const byId = await h.gateway.query(`query($id: ID) { product(id: $id) { slug } }`, { id: product.id });
    expect(byId.data.product.slug).toBe(product.slug);
    const malformed = await h.gateway.query(`{ product(id: "not-a-uuid") { slug } }`);
    expect(malformed.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const both = await h.gateway.query(`query($id: ID) { product(id: $id, slug: "x") { slug } }`, { id: product.id });
    expect(both.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('lists cross-sells that the shopper may see', async () => {
    const product = await seedProduct(h.db, { categoryId: tree.home.id });
    const other = await seedProduct(h.db, { categoryId: tree.home.id });
    const hidden = await seedProduct(h.db, { categoryId: tree.home.id, status: 'draft' });
    await h.db.productRelation.createMany({
      data: [
        { productId: product.id, relatedProductId: other.id, relationType: 'cross_sell' },
        { productId: product.id, relatedProductId: hidden.id, relationType: 'cross_sell', displayOrder: 1 },
      ],
    });
    const { data } = await h.gateway.query(PRODUCT, { slug: product.slug });
    expect(data.product.crossSells).toEqual([{ slug: other.slug }]);
  });
});

describe('the category page', () => {
  it('runs ../shared/queries/category-page.graphql as written (less fields of contexts not yet built)', async () => {
    const category = await seedCategory(h.db, 'Page', tree.clothing.id);
    for (let i = 0; i < 3; i++) await seedProduct(h.db, { categoryId: category.id, images: 2 });
    const { text, stripped } = storefrontQuery('category-page.graphql');
    expect(stripped).toEqual(['Product.availability']);
    const { data, errors } = await h.gateway.query(text, { category: category.slug, first: 2 });
    expect(errors).toBeUndefined();
    expect(data.products.totalCount).toBe(3);
    expect(data.products.edges).toHaveLength(2);
    expect(data.products.edges[0].node.images).toHaveLength(1);
    expect(data.products.pageInfo.hasNextPage).toBe(true);
    const rest = await h.gateway.query(text, { category: category.slug, first: 2, after: data.products.pageInfo.endCursor });
    expect(rest.data.products.edges).toHaveLength(1);
    expect(rest.data.products.totalCount).toBe(3);
    const ids = [...data.products.edges, ...rest.data.products.edges].map((e: { node: { id: string } }) => e.node.id);
    expect(new Set(ids).size).toBe(3);
  });

  it('includes products of every descendant category in a category filter', async () => {
    const top = await seedCategory(h.db, 'Top');
    const mid = await seedCategory(h.db, 'Mid', top.id);
    const leaf = await seedCategory(h.db, 'Leaf', mid.id);
    await seedProduct(h.db, { categoryId: top.id });
    await seedProduct(h.db, { categoryId: leaf.id });
    const q = `query($slug: String!) { products(filter: { categorySlug: $slug }) { totalCount } }`;
    expect((await h.gateway.query(q, { slug: top.slug })).data.products.totalCount).toBe(2);
    expect((await h.gateway.query(q, { slug: leaf.slug })).data.products.totalCount).toBe(1);
    expect((await h.gateway.query(q, { slug: 'no-such-category' })).data.products.totalCount).toBe(0);
  });

  it('filters by brand, price range and attribute values, and sorts by price, name and rating', async () => {
    const category = await seedCategory(h.db, 'Filters');
    const brand = await seedBrand(h.db, 'Filtered');
    const cheap = await seedProduct(h.db, { categoryId: category.id, name: 'B cheap', prices: ['5.00'], attributes: [{ color: 'red', size: 'M' }] });
    const mid = await seedProduct(h.db, { categoryId: category.id, brandId: brand.id, name: 'C mid', prices: ['50.00', '55.00'], attributes: [{ color: 'blue' }, { color: 'red' }] });
    const dear = await seedProduct(h.db, { categoryId: category.id, brandId: brand.id, name: 'A dear', prices: ['500.00'], attributes: [{ color: 'green' }] });
    await seedReview(h.db, mid.id, 5);
    await seedReview(h.db, dear.id, 2);

    const q = `query($f: ProductFilter, $s: ProductSort) { products(filter: $f, sort: $s) { totalCount edges { node { slug } } } }`;
    const slugs = async (f: object, s = 'NEWEST') => {
      const r = await h.gateway.query(q, { f: { categorySlug: category.slug, ...f }, s });
      expect(r.errors).toBeUndefined();
      return r.data.products.edges.map((e: { node: { slug: string } }) => e.node.slug);
    };
    expect(await slugs({ brandSlug: brand.slug }, 'PRICE_ASC')).toEqual([mid.slug, dear.slug]);
    expect(await slugs({ priceMin: '10', priceMax: '100' })).toEqual([mid.slug]);
    expect(await slugs({ attributes: [{ name: 'color', values: ['red'] }] }, 'PRICE_ASC')).toEqual([cheap.slug, mid.slug]);
    expect(await slugs({ attributes: [{ name: 'color', values: ['red'] }, { name: 'size', values: ['M'] }] })).toEqual([cheap.slug]);
    expect(await slugs({}, 'PRICE_DESC')).toEqual([dear.slug, mid.slug, cheap.slug]);
    expect(await slugs({}, 'NAME_ASC')).toEqual([dear.slug, cheap.slug, mid.slug]);
    expect(await slugs({}, 'RATING_DESC')).toEqual([mid.slug, dear.slug, cheap.slug]);
  });

  it('pages through a sort with ties without repeating or skipping a product', async () => {
    const category = await seedCategory(h.db, 'Ties');
    const created = [];
    for (let i = 0; i < 7; i++) created.push(await seedProduct(h.db, { categoryId: category.id, prices: ['10.00'] }));
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const r: { data?: any } = await h.gateway.query(
        `query($c: String!, $a: String) { products(filter: { categorySlug: $c }, sort: PRICE_ASC, first: 3, after: $a) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { c: category.slug, a: after },
      );
      seen.push(...r.data.products.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!r.data.products.pageInfo.hasNextPage) break;
      after = r.data.products.pageInfo.endCursor;
    }
    expect(seen.sort()).toEqual(created.map((p) => p.id).sort());
  });

  it('refuses page sizes over the maximum, forged cursors and bad price bounds with BAD_USER_INPUT', async () => {
    const cases = [
      `{ products(first: 101) { totalCount } }`,
      `{ products(first: -1) { totalCount } }`,
      `{ products(after: "bm90IGEgY3Vyc29y") { totalCount } }`,
      `{ products(filter: { priceMin: "-3" }) { totalCount } }`,
      `{ products(filter: { priceMax: "1e9" }) { totalCount } }`,
    ];
    for (const query of cases) {
      const r = await h.gateway.query(query);
      expect(r.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    }
    const forbiddenStatus = await h.gateway.query(`{ products(filter: { status: DRAFT }) { totalCount } }`);
    expect(forbiddenStatus.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const unknownSort = await h.gateway.query(`{ products(sort: CHEAPEST) { totalCount } }`);
    expect(unknownSort.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('the category tree and attributes', () => {
  it('returns roots with children, and a category by slug with its parent', async () => {
    const { data } = await h.gateway.query(`{ categories { slug children { slug children { slug } } } }`);
    const clothing = data.categories.find((c: { slug: string }) => c.slug === tree.clothing.slug);
    expect(clothing.children[0].slug).toBe(tree.men.slug);
    expect(clothing.children[0].children[0].slug).toBe(tree.shirts.slug);
    const shirts = await h.gateway.query(`query($s: String) { category(slug: $s) { parent { slug } breadcrumbs { slug } } }`, { s: tree.shirts.slug });
    expect(shirts.data.category.parent.slug).toBe(tree.men.slug);
    expect(shirts.data.category.breadcrumbs).toHaveLength(3);
  });

  it('lists filterable attribute definitions with their allowed values', async () => {
    await h.db.productAttribute.create({
      data: { name: 'fabric', displayName: 'Fabric', attributeType: 'select', isFilterable: true, values: { create: [{ value: 'wool', displayValue: 'Wool' }] } },
    });
    await h.db.productAttribute.create({ data: { name: 'care', displayName: 'Care', attributeType: 'text' } });
    const { data } = await h.gateway.query(`{ productAttributes(filterableOnly: true) { name type filterable values { value displayValue } } }`);
    expect(data.productAttributes).toEqual([{ name: 'fabric', type: 'SELECT', filterable: true, values: [{ value: 'wool', displayValue: 'Wool' }] }]);
  });
});

describe('federation entities', () => {
  it('resolves Product and ProductVariant references through _entities the way the gateway asks', async () => {
    const product = await seedProduct(h.db, { categoryId: tree.home.id, prices: ['12.00'] });
    const draft = await seedProduct(h.db, { categoryId: tree.home.id, status: 'draft' });
    const r = await querySubgraph(
      h.catalog.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { name } ... on ProductVariant { sku price { amount } } } }`,
      {
        r: [
          { __typename: 'Product', id: product.id },
          { __typename: 'ProductVariant', id: product.variants[0].id },
          { __typename: 'Product', id: draft.id },
        ],
      },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data._entities).toEqual([{ name: product.name }, { sku: product.variants[0].sku, price: { amount: '12.00' } }, null]);
  });
});
