import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@shop/platform/db/paths';
import { asCustomer, asGuest, newCustomerId, startCartHarness, type CartHarness } from './harness';
import { add } from './operations';

/** The storefront's queries, exactly as written: ../shared/queries where present, else the committed copy. */
function storefrontQuery(file: string): string {
  const shared = path.join(repoRoot(), '..', 'shared', 'queries', file);
  return readFileSync(existsSync(shared) ? shared : path.join(repoRoot(), 'queries', file), 'utf8');
}
const PRODUCT_PAGE = storefrontQuery('product-page.graphql');
const CATEGORY_PAGE = storefrontQuery('category-page.graphql');

let h: CartHarness;
beforeAll(async () => {
  // As in production: a shown cart uses what the catalog said about its variants in the last few seconds.
  h = await startCartHarness({ priceCacheMs: 60_000 });
});
afterAll(() => h?.stop());

/** A product page's worth of catalog data (brand, nested category, images, a review, a cross-sell) and stock. */
async function seedProductPage(variantCount: number) {
  const tag = randomUUID().slice(0, 8);
  const db = h.catalogDb;
  const parent = await db.category.create({ data: { name: `Audio ${tag}`, slug: `audio-${tag}` } });
  const category = await db.category.create({ data: { name: `Headphones ${tag}`, slug: `headphones-${tag}`, parentId: parent.id } });
  const brand = await db.brand.create({ data: { name: `Brand ${tag}`, slug: `brand-${tag}` } });
  const product = await db.product.create({
    data: {
      name: `Headphones ${tag}`, slug: `headphones-${tag}`, sku: `H-${tag}`, description: 'Closed-back.', categoryId: category.id, brandId: brand.id, status: 'active',
      variants: {
        create: Array.from({ length: variantCount }, (_, i) => ({
          sku: `H-${tag}-${String(i).padStart(2, '0')}`, name: `Colour ${i}`, price: (20 + i).toFixed(2), comparePrice: '99.00', isDefault: i === 0,
          attributes: { colour: `c${i}` },
        })),
      },
      images: { create: [{ url: `https://img.example/${tag}.jpg`, altText: 'Front', isPrimary: true }] },
      reviews: { create: [{ customerId: randomUUID(), rating: 4, title: 'Good', content: 'Comfortable.', isApproved: true, isVerifiedPurchase: true }] },
    },
    include: { variants: { orderBy: { sku: 'asc' } } },
  });
  const other = await db.product.create({ data: { name: `Case ${tag}`, slug: `case-${tag}`, sku: `C-${tag}`, categoryId: parent.id, status: 'active', variants: { create: [{ sku: `C-${tag}-0`, price: '5.00' }] } } });
  await db.productRelation.create({ data: { productId: product.id, relatedProductId: other.id, relationType: 'cross_sell' } });
  await h.inventoryDb.inventoryItem.createMany({
    data: product.variants.map((v, i) => ({ productVariantId: v.id, productId: product.id, sku: v.sku, quantityAvailable: i === 1 ? 0 : 10 })),
  });
  return { product, variants: product.variants, category: parent, other };
}

async function productPage(slug: string, headers: Record<string, string>) {
  const result = await h.query(PRODUCT_PAGE, { slug }, headers);
  expect(result.errors).toBeUndefined();
  return result.data;
}

const cartQuantities = (page: any) => page.product.variants.map((v: any) => v.cartQuantity);

describe('the product page query, through the gateway exactly as written', () => {
  it.each([
    ['a guest', () => ({})],
    ['a signed-in customer', () => asCustomer(newCustomerId())],
  ])('answers %s with catalog, inventory and cart fields, and shows what adding to the cart changed', async (_who, headersOf) => {
    const { product, variants, other } = await seedProductPage(3);
    let headers: Record<string, string> = headersOf();
    const before = await productPage(product.slug, headers);
    expect(before.product).toMatchObject({
      id: product.id, name: product.name, description: 'Closed-back.', brand: { name: expect.stringMatching(/^Brand /) },
      category: { name: expect.stringMatching(/^Headphones /), breadcrumbs: [{ name: expect.stringMatching(/^Audio /) }, { name: expect.stringMatching(/^Headphones /) }] },
      images: [{ url: expect.stringMatching(/^https:/), altText: 'Front' }],
      priceRange: { min: { amount: '20.00', currency: 'USD' }, max: { amount: '22.00', currency: 'USD' } },
      availability: { inStock: true, totalAvailable: 20 },
      rating: { average: 4, count: 1 },
      reviews: { edges: [{ node: { rating: 4, title: 'Good', content: 'Comfortable.', verifiedPurchase: true } }], pageInfo: { hasNextPage: false } },
      crossSells: [{ id: other.id, name: other.name, slug: other.slug }],
    });
    expect(before.product.variants[1]).toEqual({
      id: variants[1].id, sku: variants[1].sku, name: 'Colour 1', price: { amount: '21.00', currency: 'USD' }, compareAtPrice: { amount: '99.00', currency: 'USD' },
      attributes: [{ name: 'colour', value: 'c1' }], availability: { inStock: false, quantityAvailable: 0 }, cartQuantity: 0,
    });
    expect(cartQuantities(before)).toEqual([0, 0, 0]);
    expect(before.cart).toBeNull();

    const added = await add(h, variants[2].id, 2, headers);
    if (added.sessionToken) headers = { ...headers, ...asGuest(added.sessionToken) };
    await add(h, variants[0].id, 1, headers);
    const after = await productPage(product.slug, headers);
    expect(cartQuantities(after)).toEqual([1, 0, 2]);
    expect(after.cart).toEqual({ id: added.id, itemCount: 3, subtotal: { amount: '64.00', currency: 'USD' } });
  });

  it('costs the same subgraph fetches and SQL statements for a product with 3 and with 30 variants', async () => {
    const costOf = async (variantCount: number, who: 'guest' | 'customer') => {
      const { product, variants } = await seedProductPage(variantCount);
      let headers = who === 'customer' ? asCustomer(newCustomerId()) : {};
      const cart = await add(h, variants[0].id, 1, headers);
      if (cart.sessionToken) headers = asGuest(cart.sessionToken);
      await add(h, variants[variantCount - 1].id, 2, headers);
      await productPage(product.slug, headers); // warm: query plan, and the customer's Redis copy
      h.resetCounts();
      const page = await productPage(product.slug, headers);
      expect(page.product.variants).toHaveLength(variantCount);
      expect(page.cart.itemCount).toBe(3);
      return {
        fetches: { catalog: h.fetches.catalog!.count, inventory: h.fetches.inventory!.count, cart: h.fetches.cart!.count },
        statements: { catalog: h.statements.catalog.count, inventory: h.statements.inventory.count, cart: h.statements.cart.count },
      };
    };
    for (const who of ['guest', 'customer'] as const) {
      const three = await costOf(3, who);
      const thirty = await costOf(30, who);
      expect({ who, ...thirty }).toEqual({ who, ...three });
      // Gateway: the product (cross-sells included) from the catalog; product and variant stock from inventory (one
      // fetch per level of the plan); the cart, and cartQuantity for all variants, from the cart. The cart's lines
      // were priced moments ago (its variant cache), so the cart does not ask the catalog again.
      expect(three.fetches).toEqual({ catalog: 1, inventory: 2, cart: 2 });
      expect(three.statements.cart).toBe(0);
    }
  });
});

describe('the category page query, through the gateway exactly as written', () => {
  it('answers with catalog and inventory fields', async () => {
    const { category, product } = await seedProductPage(3);
    const result = await h.query(CATEGORY_PAGE, { category: category.slug, first: 50 });
    expect(result.errors).toBeUndefined();
    expect(result.data.products.totalCount).toBe(2);
    const node = result.data.products.edges.find((e: any) => e.node.id === product.id).node;
    expect(node).toMatchObject({
      name: product.name, slug: product.slug, brand: { name: expect.any(String) }, priceRange: { min: { amount: '20.00', currency: 'USD' } },
      rating: { average: 4, count: 1 }, availability: { inStock: true }, images: [{ url: expect.any(String), altText: 'Front' }],
    });
    expect(result.data.products.pageInfo).toMatchObject({ hasNextPage: false });
  });
});
