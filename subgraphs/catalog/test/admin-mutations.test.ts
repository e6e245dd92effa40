import { randomUUID } from 'node:crypto';
import { asAdmin, asCustomer, issuer, SECOND_ADMIN_ID, startCatalogHarness, type CatalogHarness } from './harness';
import { seedCategory, seedProduct } from './seed';

let h: CatalogHarness;
let categoryId: string;

beforeAll(async () => {
  h = await startCatalogHarness();
  categoryId = (await seedCategory(h.db, 'Admin')).id;
});
afterAll(() => h?.stop());

const CREATE = `mutation($input: CreateProductInput!) { createProduct(input: $input) {
  id slug status version variants { sku price { amount } compareAtPrice { amount } costPrice { amount } attributes { name value } isDefault } } }`;

const newProduct = (overrides: Record<string, unknown> = {}) => {
  const tag = randomUUID().slice(0, 8);
  return {
    name: `Linen Shirt ${tag}`,
    sku: `LS-${tag}`,
    categoryId,
    status: 'ACTIVE',
    weight: '0.250',
    variants: [
      { sku: `LS-${tag}-M`, price: '49.90', compareAtPrice: '59.90', costPrice: '20.00', attributes: [{ name: 'size', value: 'M' }], isDefault: true },
      { sku: `LS-${tag}-L`, price: '49.90', attributes: [{ name: 'size', value: 'L' }] },
    ],
    ...overrides,
  };
};

describe('staff product management', () => {
  it('creates a product with variants, deriving the slug from the name', async () => {
    const input = newProduct();
    const { data, errors } = await h.gateway.query(CREATE, { input }, asAdmin);
    expect(errors).toBeUndefined();
    const p = data.createProduct;
    expect(p.slug).toBe(input.name.toLowerCase().replace(/ /g, '-'));
    expect(p.status).toBe('ACTIVE');
    expect(p.version).toBe(1);
    expect(p.variants[0]).toEqual({
      sku: input.variants[0].sku,
      price: { amount: '49.90' },
      compareAtPrice: { amount: '59.90' },
      costPrice: { amount: '20.00' },
      attributes: [{ name: 'size', value: 'M' }],
      isDefault: true,
    });
  });

  it('refuses anonymous callers with UNAUTHENTICATED and customers with FORBIDDEN, writing nothing', async () => {
    const before = await h.db.product.count();
    const anonymous = await h.gateway.query(CREATE, { input: newProduct() });
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const customer = await h.gateway.query(CREATE, { input: newProduct() }, asCustomer(randomUUID()));
    expect(customer.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await h.db.product.count()).toBe(before);
  });

  it('hides cost prices from shoppers', async () => {
    const product = await seedProduct(h.db, { categoryId });
    const r = await h.gateway.query(`query($s: String) { product(slug: $s) { variants { costPrice { amount } } } }`, { s: product.slug });
    expect(r.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('updates with the version it read, and answers CONFLICT to a writer holding a stale version', async () => {
    const { data } = await h.gateway.query(CREATE, { input: newProduct() }, asAdmin);
    const id = data.createProduct.id;
    const UPDATE = `mutation($id: ID!, $v: Int!, $input: UpdateProductInput!) { updateProduct(id: $id, expectedVersion: $v, input: $input) { name version } }`;
    const first = await h.gateway.query(UPDATE, { id, v: 1, input: { name: 'Renamed' } }, asAdmin);
    expect(first.data.updateProduct).toEqual({ name: 'Renamed', version: 2 });
    const stale = await h.gateway.query(UPDATE, { id, v: 1, input: { name: 'Lost update' } }, asAdmin);
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect((await h.db.product.findUnique({ where: { id } }))?.name).toBe('Renamed');
  });

  it('lets exactly one of two concurrent writers with the same version win', async () => {
    const { data } = await h.gateway.query(CREATE, { input: newProduct() }, asAdmin);
    const UPDATE = `mutation($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, expectedVersion: 1, input: $input) { version } }`;
    const results = await Promise.all(
      ['One', 'Two', 'Three', 'Four'].map((name) => h.gateway.query(UPDATE, { id: data.createProduct.id, input: { name } }, asAdmin)),
    );
    expect(results.filter((r) => r.data?.updateProduct).length).toBe(1);
    expect(results.filter((r) => r.errors?.[0].extensions.code === 'CONFLICT').length).toBe(3);
  });

  it('archives a product so shoppers no longer see it', async () => {
    const { data } = await h.gateway.query(CREATE, { input: newProduct() }, asAdmin);
    const r = await h.gateway.query(`mutation($id: ID!) { archiveProduct(id: $id, expectedVersion: 1) { status version } }`, { id: data.createProduct.id }, asAdmin);
    expect(r.data.archiveProduct).toEqual({ status: 'ARCHIVED', version: 2 });
    const shopper = await h.gateway.query(`query($id: ID) { product(id: $id) { id } }`, { id: data.createProduct.id });
    expect(shopper.data.product).toBeNull();
  });

  it('adds, updates and archives variants through the product version, keeping one default', async () => {
    const { data } = await h.gateway.query(CREATE, { input: newProduct() }, asAdmin);
    const id = data.createProduct.id;
    const added = await h.gateway.query(
      `mutation($id: ID!, $input: VariantInput!) { addVariant(productId: $id, expectedVersion: 1, input: $input) { id isDefault } }`,
      { id, input: { sku: `XL-${randomUUID().slice(0, 8)}`, price: '52.00', isDefault: true } },
      asAdmin,
    );
    expect(added.errors).toBeUndefined();
    const defaults = await h.db.productVariant.count({ where: { productId: id, isDefault: true } });
    expect(defaults).toBe(1);
    const updated = await h.gateway.query(
      `mutation($v: ID!) { updateVariant(id: $v, expectedVersion: 2, input: { price: "45.00" }) { price { amount } } }`,
      { v: added.data.addVariant.id },
      asAdmin,
    );
    expect(updated.data.updateVariant.price.amount).toBe('45.00');
    const stale = await h.gateway.query(`mutation($v: ID!) { archiveVariant(id: $v, expectedVersion: 2) { isActive } }`, { v: added.data.addVariant.id }, asAdmin);
    expect(stale.errors?.[0].extensions.code).toBe('CONFLICT');
    const archived = await h.gateway.query(`mutation($v: ID!) { archiveVariant(id: $v, expectedVersion: 3) { isActive } }`, { v: added.data.addVariant.id }, asAdmin);
    expect(archived.data.archiveVariant.isActive).toBe(false);
  });
});

describe('staff catalog structure', () => {
  it('creates categories and brands, moves a category, and refuses to make a category its own ancestor', async () => {
    const root = await h.gateway.query(`mutation { createCategory(input: { name: "Garden Tools" }) { id slug } }`, {}, asAdmin);
    expect(root.data.createCategory.slug).toBe('garden-tools');
    const child = await h.gateway.query(`mutation($p: ID) { createCategory(input: { name: "Spades", parentId: $p }) { id } }`, { p: root.data.createCategory.id }, asAdmin);
    const grandchild = await h.gateway.query(`mutation($p: ID) { createCategory(input: { name: "Small Spades", parentId: $p }) { id } }`, { p: child.data.createCategory.id }, asAdmin);

    const MOVE = `mutation($id: ID!, $p: ID) { updateCategory(id: $id, input: { parentId: $p }) { parent { id } } }`;
    const cycle = await h.gateway.query(MOVE, { id: root.data.createCategory.id, p: grandchild.data.createCategory.id }, asAdmin);
    expect(cycle.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const self = await h.gateway.query(MOVE, { id: root.data.createCategory.id, p: root.data.createCategory.id }, asAdmin);
    expect(self.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await h.db.category.findUnique({ where: { id: root.data.createCategory.id } }))?.parentId).toBeNull();

    const moved = await h.gateway.query(MOVE, { id: grandchild.data.createCategory.id, p: root.data.createCategory.id }, asAdmin);
    expect(moved.data.updateCategory.parent.id).toBe(root.data.createCategory.id);

    const brand = await h.gateway.query(`mutation { createBrand(input: { name: "Spadeworks", websiteUrl: "https://spade.example" }) { slug isActive } }`, {}, asAdmin);
    expect(brand.data.createBrand).toEqual({ slug: 'spadeworks', isActive: true });
    const duplicate = await h.gateway.query(`mutation { createBrand(input: { name: "Spadeworks" }) { slug } }`, {}, asAdmin);
    expect(duplicate.errors?.[0].extensions.code).toBe('CONFLICT');
  });

  it('manages images, attributes and relations', async () => {
    const product = await seedProduct(h.db, { categoryId, images: 1 });
    const other = await seedProduct(h.db, { categoryId });
    const image = await h.gateway.query(
      `mutation($id: ID!) { addProductImage(productId: $id, input: { url: "https://img.example/new.jpg", isPrimary: true }) { id isPrimary } }`,
      { id: product.id },
      asAdmin,
    );
    expect(image.data.addProductImage.isPrimary).toBe(true);
    expect(await h.db.productImage.count({ where: { productId: product.id, isPrimary: true } })).toBe(1);
    const removed = await h.gateway.query(`mutation($id: ID!) { removeProductImage(id: $id) }`, { id: image.data.addProductImage.id }, asAdmin);
    expect(removed.data.removeProductImage).toBe(true);

    const attribute = await h.gateway.query(
      `mutation { createProductAttribute(input: { name: "pattern", displayName: "Pattern", type: SELECT, filterable: true, values: [{ value: "striped", displayValue: "Striped" }] }) { id values { value } } }`,
      {},
      asAdmin,
    );
    expect(attribute.data.createProductAttribute.values).toEqual([{ value: 'striped' }]);
    const value = await h.gateway.query(
      `mutation($a: ID!) { addProductAttributeValue(attributeId: $a, input: { value: "striped", displayValue: "Again" }) { id } }`,
      { a: attribute.data.createProductAttribute.id },
      asAdmin,
    );
    expect(value.errors?.[0].extensions.code).toBe('CONFLICT');

    const RELATE = `mutation($i: ProductRelationInput!) { setProductRelation(input: $i) { upSells { id } } }`;
    const input = { productId: product.id, relatedProductId: other.id, type: 'UP_SELL' };
    await h.gateway.query(RELATE, { i: input }, asAdmin);
    const twice = await h.gateway.query(RELATE, { i: input }, asAdmin);
    expect(twice.data.setProductRelation.upSells).toEqual([{ id: other.id }]);
    const selfRelation = await h.gateway.query(RELATE, { i: { ...input, relatedProductId: product.id } }, asAdmin);
    expect(selfRelation.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('reviews', () => {
  const WRITE = `mutation($i: WriteReviewInput!) { writeReview(input: $i) { id rating approved } }`;

  it('lets a customer review a product once, shows it only after approval, and hides rejected ones from the queue', async () => {
    const product = await seedProduct(h.db, { categoryId });
    const customer = asCustomer(randomUUID());
    const written = await h.gateway.query(WRITE, { i: { productId: product.id, rating: 4, title: 'Good' } }, customer);
    expect(written.data.writeReview).toMatchObject({ rating: 4, approved: false });
    const again = await h.gateway.query(WRITE, { i: { productId: product.id, rating: 5 } }, customer);
    expect(again.errors?.[0].extensions.code).toBe('CONFLICT');

    const RATING = `query($s: String) { product(slug: $s) { rating { average count } } }`;
    expect((await h.gateway.query(RATING, { s: product.slug })).data.product.rating).toEqual({ average: null, count: 0 });
    const pending = await h.gateway.query(`{ pendingReviews(first: 100) { edges { node { id } } } }`, {}, asAdmin);
    expect(pending.data.pendingReviews.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(written.data.writeReview.id);

    await h.gateway.query(`mutation($id: ID!) { approveReview(id: $id) { approved } }`, { id: written.data.writeReview.id }, asAdmin);
    expect((await h.gateway.query(RATING, { s: product.slug })).data.product.rating).toEqual({ average: 4, count: 1 });

    const second = await h.gateway.query(WRITE, { i: { productId: product.id, rating: 1 } }, asCustomer(randomUUID()));
    await h.gateway.query(`mutation($id: ID!) { rejectReview(id: $id) { approved } }`, { id: second.data.writeReview.id }, issuer.as(SECOND_ADMIN_ID, ['admin']));
    const queue = await h.gateway.query(`{ pendingReviews(first: 100) { edges { node { id } } } }`, {}, asAdmin);
    expect(queue.data.pendingReviews.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(second.data.writeReview.id);
  });

  it('refuses anonymous reviewers and ratings of 0 or 6, writing nothing', async () => {
    const product = await seedProduct(h.db, { categoryId });
    const anonymous = await h.gateway.query(WRITE, { i: { productId: product.id, rating: 3 } });
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    for (const rating of [0, 6, 2.5]) {
      const r = await h.gateway.query(WRITE, { i: { productId: product.id, rating } }, asCustomer(randomUUID()));
      expect(r.errors?.[0].extensions.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    }
    expect(await h.db.productReview.count({ where: { productId: product.id } })).toBe(0);
  });
});
