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
});
