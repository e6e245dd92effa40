import { randomUUID } from 'node:crypto';
import { asAdmin, asCustomer, startCatalogHarness, type CatalogHarness } from './harness';
import { seedCategory } from './seed';

let h: CatalogHarness;
let categoryId: string;

beforeAll(async () => {
  h = await startCatalogHarness();
  categoryId = (await seedCategory(h.db, 'Events')).id;
});
afterAll(() => h?.stop());

const CREATE = `mutation($input: CreateProductInput!) { createProduct(input: $input) { id version variants { id sku } } }`;
const ADD_VARIANT = `mutation($p: ID!, $v: Int!, $input: VariantInput!) { addVariant(productId: $p, expectedVersion: $v, input: $input) { id } }`;
const UPDATE_VARIANT = `mutation($id: ID!, $v: Int!, $input: UpdateVariantInput!) { updateVariant(id: $id, expectedVersion: $v, input: $input) { id } }`;
const ARCHIVE_VARIANT = `mutation($id: ID!, $v: Int!) { archiveVariant(id: $id, expectedVersion: $v) { id } }`;
const ARCHIVE_PRODUCT = `mutation($id: ID!, $v: Int!) { archiveProduct(id: $id, expectedVersion: $v) { id } }`;
const WRITE_REVIEW = `mutation($input: WriteReviewInput!) { writeReview(input: $input) { id } }`;
const APPROVE = `mutation($id: ID!) { approveReview(id: $id) { id } }`;

const eventsOf = (aggregateId: string) =>
  h.db.domainEvent.findMany({ where: { aggregateId }, orderBy: { sequence: 'asc' } });
const summary = (events: { eventType: string; version: bigint; eventData: unknown }[]) =>
  events.map((e) => ({ type: e.eventType, version: Number(e.version), data: e.eventData }));

async function createProduct(variants = 2) {
  const tag = randomUUID().slice(0, 8);
  const input = {
    name: `Events Shirt ${tag}`, sku: `EV-${tag}`, categoryId, status: 'ACTIVE',
    variants: Array.from({ length: variants }, (_, i) => ({ sku: `EV-${tag}-${i}`, price: '19.90' })),
  };
  const { data, errors } = await h.gateway.query(CREATE, { input }, asAdmin);
  expect(errors).toBeUndefined();
  return data.createProduct as { id: string; version: number; variants: { id: string; sku: string }[] };
}

describe('catalog integration events', () => {
  it('records ProductCreated and a VariantCreated per variant with the product, numbered in order on the product aggregate', async () => {
    const product = await createProduct(2);
    const events = summary(await eventsOf(product.id));
    expect(events.map((e) => [e.type, e.version])).toEqual([['ProductCreated', 1], ['VariantCreated', 2], ['VariantCreated', 3]]);
    expect(events[0].data).toMatchObject({ productId: product.id, productVersion: 1, status: 'active' });
    expect(events[1].data).toMatchObject({ productId: product.id, variantId: expect.any(String), price: '19.90', currency: 'USD', isActive: true, productStatus: 'active' });
    const rows = await eventsOf(product.id);
    expect(rows.every((r) => r.aggregateType === 'Product' && r.schemaVersion === 1)).toBe(true);
  });

  it('records nothing when the change is refused and rolled back (a duplicate SKU, a stale version)', async () => {
    const product = await createProduct(1);
    const before = (await eventsOf(product.id)).length;
    const duplicate = await h.gateway.query(ADD_VARIANT, { p: product.id, v: product.version, input: { sku: product.variants[0].sku, price: '5.00' } }, asAdmin);
    expect(duplicate.errors?.[0].extensions.code).toBe('CONFLICT');
    const stale = await h.gateway.query(ADD_VARIANT, { p: product.id, v: product.version + 5, input: { sku: `${product.variants[0].sku}-X`, price: '5.00' } }, asAdmin);
    expect(stale.errors?.[0].extensions.code).toBe('CONFLICT');
    expect(await eventsOf(product.id)).toHaveLength(before);
    const added = await h.gateway.query(ADD_VARIANT, { p: product.id, v: product.version, input: { sku: `${product.variants[0].sku}-Y`, price: '5.00' } }, asAdmin);
    expect(added.errors).toBeUndefined();
    const events = summary(await eventsOf(product.id));
    expect(events.at(-1)).toMatchObject({ type: 'VariantCreated', data: { variantId: added.data.addVariant.id, productVersion: 2, price: '5.00' } });
  });

  it('records VariantUpdated and VariantPriceChanged with the old and new price as decimal strings', async () => {
    const product = await createProduct(1);
    const variantId = product.variants[0].id;
    const { errors } = await h.gateway.query(UPDATE_VARIANT, { id: variantId, v: product.version, input: { price: '24.5' } }, asAdmin);
    expect(errors).toBeUndefined();
    const events = summary(await eventsOf(product.id)).slice(2);
    expect(events).toEqual([
      { type: 'VariantUpdated', version: 3, data: expect.objectContaining({ variantId, price: '24.50', productVersion: 2 }) },
      { type: 'VariantPriceChanged', version: 4, data: expect.objectContaining({ variantId, oldPrice: '19.90', newPrice: '24.50', currency: 'USD', productVersion: 2 }) },
    ]);
    // A change that leaves the price alone: no price event.
    await h.gateway.query(UPDATE_VARIANT, { id: variantId, v: 2, input: { name: 'Renamed' } }, asAdmin);
    expect(summary(await eventsOf(product.id)).slice(4).map((e) => e.type)).toEqual(['VariantUpdated']);
  });

  it('records VariantArchived when a variant is archived and ProductArchived when its product is', async () => {
    const product = await createProduct(1);
    const variantId = product.variants[0].id;
    expect((await h.gateway.query(ARCHIVE_VARIANT, { id: variantId, v: 1 }, asAdmin)).errors).toBeUndefined();
    expect((await h.gateway.query(ARCHIVE_PRODUCT, { id: product.id, v: 2 }, asAdmin)).errors).toBeUndefined();
    const events = summary(await eventsOf(product.id)).slice(2);
    expect(events).toEqual([
      { type: 'VariantArchived', version: 3, data: { productId: product.id, productVersion: 2, variantId, sku: product.variants[0].sku } },
      { type: 'ProductArchived', version: 4, data: { productId: product.id, productVersion: 3 } },
    ]);
  });

  it('records ReviewApproved once, with the product rating it makes', async () => {
    const product = await createProduct(1);
    const reviews: string[] = [];
    for (const rating of [5, 4]) {
      const { data, errors } = await h.gateway.query(WRITE_REVIEW, { input: { productId: product.id, rating, title: 'Fine' } }, asCustomer(randomUUID()));
      expect(errors).toBeUndefined();
      reviews.push(data.writeReview.id);
    }
    for (const id of [...reviews, reviews[0]]) expect((await h.gateway.query(APPROVE, { id }, asAdmin)).errors).toBeUndefined();
    const [first, second] = [await eventsOf(reviews[0]), await eventsOf(reviews[1])];
    expect(summary(first)).toEqual([
      { type: 'ReviewApproved', version: 1, data: { reviewId: reviews[0], productId: product.id, rating: 5, productRating: { average: '5.00', count: 1 } } },
    ]);
    expect(summary(second)[0].data).toMatchObject({ rating: 4, productRating: { average: '4.50', count: 2 } });
    expect(first[0].aggregateType).toBe('ProductReview');
  });

  it('records CategoryCreated and CategoryUpdated with the category\'s path, root first, after a rename or a move', async () => {
    const tag = randomUUID().slice(0, 8);
    const create = `mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id } }`;
    const root = (await h.gateway.query(create, { input: { name: `Home ${tag}`, slug: `home-${tag}` } }, asAdmin)).data.createCategory.id;
    const { data, errors } = await h.gateway.query(create, { input: { name: `Lamps ${tag}`, slug: `lamps-${tag}` } }, asAdmin);
    expect(errors).toBeUndefined();
    const lamps = data.createCategory.id;
    const moved = await h.gateway.query(`mutation($id: ID!, $input: UpdateCategoryInput!) { updateCategory(id: $id, input: $input) { id } }`, {
      id: lamps, input: { name: `Lighting ${tag}`, parentId: root },
    }, asAdmin);
    expect(moved.errors).toBeUndefined();
    const events = summary(await eventsOf(lamps));
    expect(events).toEqual([
      { type: 'CategoryCreated', version: 1, data: { categoryId: lamps, name: `Lamps ${tag}`, slug: `lamps-${tag}`, parentId: null, isActive: true, path: [{ id: lamps, name: `Lamps ${tag}`, slug: `lamps-${tag}` }] } },
      { type: 'CategoryUpdated', version: 2, data: expect.objectContaining({
        categoryId: lamps, name: `Lighting ${tag}`, parentId: root,
        path: [{ id: root, name: `Home ${tag}`, slug: `home-${tag}` }, { id: lamps, name: `Lighting ${tag}`, slug: `lamps-${tag}` }],
      }) },
    ]);
    expect((await eventsOf(lamps)).every((e) => e.aggregateType === 'Category')).toBe(true);
  });

  it('records BrandCreated and BrandUpdated, and nothing for a refused rename', async () => {
    const tag = randomUUID().slice(0, 8);
    const create = `mutation($input: CreateBrandInput!) { createBrand(input: $input) { id } }`;
    const brand = (await h.gateway.query(create, { input: { name: `Lumen ${tag}` } }, asAdmin)).data.createBrand.id;
    const taken = (await h.gateway.query(create, { input: { name: `Taken ${tag}` } }, asAdmin)).data.createBrand.id;
    const rename = `mutation($id: ID!, $input: UpdateBrandInput!) { updateBrand(id: $id, input: $input) { name } }`;
    expect((await h.gateway.query(rename, { id: brand, input: { name: `Taken ${tag}` } }, asAdmin)).errors?.[0].extensions.code).toBe('CONFLICT');
    expect((await h.gateway.query(rename, { id: brand, input: { name: `Lumen & Co ${tag}` } }, asAdmin)).errors).toBeUndefined();
    expect(summary(await eventsOf(brand))).toEqual([
      { type: 'BrandCreated', version: 1, data: { brandId: brand, name: `Lumen ${tag}`, slug: `lumen-${tag}`, isActive: true } },
      { type: 'BrandUpdated', version: 2, data: { brandId: brand, name: `Lumen & Co ${tag}`, slug: `lumen-${tag}`, isActive: true } },
    ]);
    expect(summary(await eventsOf(taken)).map((e) => e.type)).toEqual(['BrandCreated']);
  });

  it('numbers image and relation edits after the product\'s other events, 20 at once included, without a new product version', async () => {
    const [product, other] = [await createProduct(1), await createProduct(1)];
    const add = `mutation($p: ID!, $input: ProductImageInput!) { addProductImage(productId: $p, input: $input) { id } }`;
    const added = await Promise.all(Array.from({ length: 20 }, (_, i) => h.gateway.query(add, { p: product.id, input: { url: `https://cdn.example.com/${i}.jpg` } }, asAdmin)));
    expect(added.map((r) => r.errors)).toEqual(Array(20).fill(undefined));
    const removed = await h.gateway.query(`mutation($id: ID!) { removeProductImage(id: $id) }`, { id: added[0].data.addProductImage.id }, asAdmin);
    expect(removed.errors).toBeUndefined();
    const relation = { productId: product.id, relatedProductId: other.id, type: 'CROSS_SELL' };
    expect((await h.gateway.query(`mutation($input: ProductRelationInput!) { setProductRelation(input: $input) { id } }`, { input: relation }, asAdmin)).errors).toBeUndefined();
    expect((await h.gateway.query(`mutation($input: ProductRelationInput!) { removeProductRelation(input: $input) { id } }`, { input: relation }, asAdmin)).errors).toBeUndefined();

    const events = summary(await eventsOf(product.id));
    expect(events.map((e) => e.version)).toEqual(Array.from({ length: events.length }, (_, i) => i + 1));
    expect(events.filter((e) => e.type === 'ProductImagesChanged')).toHaveLength(21);
    expect(events.at(-3)).toEqual({ type: 'ProductImagesChanged', version: 23, data: { productId: product.id, imageId: added[0].data.addProductImage.id } });
    expect(events.slice(-2)).toEqual([
      { type: 'ProductRelationsChanged', version: 24, data: { productId: product.id, relatedProductId: other.id, relationType: 'cross_sell' } },
      { type: 'ProductRelationsChanged', version: 25, data: { productId: product.id, relatedProductId: other.id, relationType: 'cross_sell' } },
    ]);
    const { data } = await h.gateway.query(`query($id: ID!) { product(id: $id) { version } }`, { id: product.id }, asAdmin);
    expect(data.product.version).toBe(product.version);
  });

  it('refuses an image or relation for a product that does not exist, recording nothing', async () => {
    const ghost = randomUUID();
    const image = await h.gateway.query(`mutation($p: ID!, $input: ProductImageInput!) { addProductImage(productId: $p, input: $input) { id } }`, { p: ghost, input: { url: 'https://cdn.example.com/x.jpg' } }, asAdmin);
    expect(image.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const relation = await h.gateway.query(`mutation($input: ProductRelationInput!) { setProductRelation(input: $input) { id } }`, { input: { productId: ghost, relatedProductId: randomUUID(), type: 'RELATED' } }, asAdmin);
    expect(relation.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(await eventsOf(ghost)).toEqual([]);
  });
});
