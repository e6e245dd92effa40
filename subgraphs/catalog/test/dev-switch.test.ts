import { randomUUID } from 'node:crypto';
import { startCatalogHarness, type CatalogHarness } from './harness';
import { seedCategory } from './seed';

let h: CatalogHarness;

beforeAll(async () => {
  h = await startCatalogHarness({ devIdentityHeaders: false });
});
afterAll(() => h?.stop());

describe('the development identity switch', () => {
  it('is off by default: identity headers are ignored and admin mutations stay closed', async () => {
    const category = await seedCategory(h.db, 'Closed');
    const r = await h.gateway.query(
      `mutation($c: ID!) { createProduct(input: { name: "Nope", sku: "NOPE-1", categoryId: $c }) { id } }`,
      { c: category.id },
      { 'x-dev-customer-id': randomUUID(), 'x-dev-roles': 'admin' },
    );
    expect(r.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await h.db.product.count()).toBe(0);
  });
});
