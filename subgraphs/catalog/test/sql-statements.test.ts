import { startCatalogHarness, storefrontQuery, type CatalogHarness } from './harness';
import { seedBrand, seedCategory, seedProduct, seedReview } from './seed';

let h: CatalogHarness;

beforeAll(async () => {
  h = await startCatalogHarness();
});
afterAll(() => h?.stop());

/** Statements the catalog runs for one category page, through the gateway. */
async function statementsForCategoryPage(size: number): Promise<number> {
  const parent = await seedCategory(h.db, `Page of ${size}`);
  const child = await seedCategory(h.db, 'Child', parent.id);
  const brands = [await seedBrand(h.db, 'One'), await seedBrand(h.db, 'Two')];
  for (let i = 0; i < size; i++) {
    const product = await seedProduct(h.db, { categoryId: i % 2 ? parent.id : child.id, brandId: brands[i % 2].id, prices: ['9.99', '19.99'], images: 2 });
    await seedReview(h.db, product.id, 1 + (i % 5));
  }
  const { text } = storefrontQuery('category-page.graphql');
  h.statements.reset();
  const { data, errors } = await h.gateway.query(text, { category: parent.slug, first: size });
  expect(errors).toBeUndefined();
  expect(data.products.edges).toHaveLength(size);
  return h.statements.count;
}

describe('N+1 guard', () => {
  it('runs the same number of SQL statements for a category page of 10 and of 50 products', async () => {
    const ten = await statementsForCategoryPage(10);
    const fifty = await statementsForCategoryPage(50);
    expect(fifty).toBe(ten);
    // categories, listing, products, brands, variants, ratings, images: a fixed handful.
    expect(ten).toBeLessThanOrEqual(8);
  });
});
