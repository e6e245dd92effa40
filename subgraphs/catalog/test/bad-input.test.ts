import { randomUUID } from 'node:crypto';
import { asAdmin, startCatalogHarness, type CatalogHarness } from './harness';
import { seedCategory, seedProduct } from './seed';

let h: CatalogHarness;
let categoryId: string;

beforeAll(async () => {
  h = await startCatalogHarness();
  categoryId = (await seedCategory(h.db, 'Bad input')).id;
});
afterAll(() => h?.stop());

const CREATE = `mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }`;
const valid = () => {
  const tag = randomUUID().slice(0, 8);
  return { name: `Valid ${tag}`, sku: `V-${tag}`, categoryId, variants: [{ sku: `V-${tag}-1`, price: '10.00' }] };
};
const variant = (overrides: Record<string, unknown>) => ({ sku: `V-${randomUUID().slice(0, 8)}`, price: '10.00', ...overrides });

async function rowCounts() {
  return { products: await h.db.product.count(), variants: await h.db.productVariant.count(), categories: await h.db.category.count() };
}

describe('bad input is refused with a clear code and writes nothing', () => {
  const cases: [string, () => Record<string, unknown>, string][] = [
    ['an invalid category UUID', () => ({ ...valid(), categoryId: 'abc' }), 'BAD_USER_INPUT'],
    ['a category that does not exist', () => ({ ...valid(), categoryId: randomUUID() }), 'BAD_USER_INPUT'],
    ['a negative price', () => ({ ...valid(), variants: [variant({ price: '-1.00' })] }), 'BAD_USER_INPUT'],
    ['a price that is not a decimal', () => ({ ...valid(), variants: [variant({ price: 'ten' })] }), 'BAD_USER_INPUT'],
    ['a price with three decimals', () => ({ ...valid(), variants: [variant({ price: '1.999' })] }), 'BAD_USER_INPUT'],
    ['a huge price', () => ({ ...valid(), variants: [variant({ price: '100000000.00' })] }), 'BAD_USER_INPUT'],
    ['a compare price below the price', () => ({ ...valid(), variants: [variant({ price: '20.00', compareAtPrice: '19.99' })] }), 'BAD_USER_INPUT'],
    ['a 10 000-character name', () => ({ ...valid(), name: 'x'.repeat(10_000) }), 'BAD_USER_INPUT'],
    ['an empty name', () => ({ ...valid(), name: '   ' }), 'BAD_USER_INPUT'],
    ['a slug with spaces', () => ({ ...valid(), slug: 'Not A Slug' }), 'BAD_USER_INPUT'],
    ['two default variants', () => ({ ...valid(), variants: [variant({ isDefault: true }), variant({ isDefault: true })] }), 'BAD_USER_INPUT'],
    ['an unknown status', () => ({ ...valid(), status: 'SOLD_OUT' }), 'BAD_USER_INPUT'],
    ['a negative weight', () => ({ ...valid(), weight: '-2' }), 'BAD_USER_INPUT'],
  ];

  it.each(cases)('refuses %s', async (_label, input, code) => {
    const before = await rowCounts();
    const r = await h.gateway.query(CREATE, { input: input() }, asAdmin);
    expect(r.errors?.[0].extensions.code).toBe(code);
    expect(r.errors?.[0].message).toEqual(expect.any(String));
    expect(await rowCounts()).toEqual(before);
  });

  it('answers CONFLICT to a duplicate SKU or slug, and to a variant SKU already used, writing nothing', async () => {
    const first = valid();
    await h.gateway.query(CREATE, { input: first }, asAdmin);
    const before = await rowCounts();
    const sameSku = await h.gateway.query(CREATE, { input: { ...valid(), sku: first.sku } }, asAdmin);
    expect(sameSku.errors?.[0].extensions.code).toBe('CONFLICT');
    expect(sameSku.errors?.[0].message).toMatch(/SKU/);
    const sameSlug = await h.gateway.query(CREATE, { input: { ...valid(), name: first.name } }, asAdmin);
    expect(sameSlug.errors?.[0].extensions.code).toBe('CONFLICT');
    const sameVariantSku = await h.gateway.query(CREATE, { input: { ...valid(), variants: [variant({ sku: first.variants[0].sku })] } }, asAdmin);
    expect(sameVariantSku.errors?.[0].extensions.code).toBe('CONFLICT');
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses malformed ids in every by-id mutation', async () => {
    const mutations = [
      `mutation { updateProduct(id: "1", expectedVersion: 1, input: { name: "x" }) { id } }`,
      `mutation { archiveProduct(id: "nope", expectedVersion: 1) { id } }`,
      `mutation { updateVariant(id: "nope", expectedVersion: 1, input: {}) { id } }`,
      `mutation { updateCategory(id: "nope", input: {}) { id } }`,
      `mutation { updateBrand(id: "nope", input: {}) { id } }`,
      `mutation { removeProductImage(id: "nope") }`,
      `mutation { approveReview(id: "nope") { id } }`,
    ];
    for (const m of mutations) {
      const r = await h.gateway.query(m, {}, asAdmin);
      expect([m, r.errors?.[0].extensions.code]).toEqual([m, 'BAD_USER_INPUT']);
    }
  });

  it('answers NOT_FOUND for well-formed ids that do not exist', async () => {
    const r = await h.gateway.query(`mutation($id: ID!) { archiveProduct(id: $id, expectedVersion: 1) { id } }`, { id: randomUUID() }, asAdmin);
    expect(r.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('refuses an update whose compare price would fall below the existing price', async () => {
    const product = await seedProduct(h.db, { categoryId, prices: ['30.00'] });
    const r = await h.gateway.query(
      `mutation($id: ID!) { updateVariant(id: $id, expectedVersion: 1, input: { compareAtPrice: "29.99" }) { id } }`,
      { id: product.variants[0].id },
      asAdmin,
    );
    expect(r.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await h.db.product.findUnique({ where: { id: product.id } }))?.version).toBe(1n);
  });

  it('refuses oversized and malformed brand and category input', async () => {
    const before = await rowCounts();
    const longCategory = await h.gateway.query(`mutation($n: String!) { createCategory(input: { name: $n }) { id } }`, { n: 'c'.repeat(201) }, asAdmin);
    expect(longCategory.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const badUrl = await h.gateway.query(`mutation { createBrand(input: { name: "Bad Url", logoUrl: "javascript:alert(1)" }) { id } }`, {}, asAdmin);
    expect(badUrl.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const unknownParent = await h.gateway.query(`mutation($p: ID) { createCategory(input: { name: "Orphan", parentId: $p }) { id } }`, { p: randomUUID() }, asAdmin);
    expect(unknownParent.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await rowCounts()).toEqual(before);
  });
});
