import { asAdmin } from './harness';
import { reserve } from './operations';
import { newOrderId } from './seed';
import { seedCatalogPage, startShopHarness, storefrontQuery, type ShopHarness } from './supergraph';

let shop: ShopHarness;

beforeAll(async () => {
  shop = await startShopHarness();
});
afterAll(() => shop?.stop());

const ENSURE = `mutation ($input: EnsureInventoryItemInput!) { ensureInventoryItem(input: $input) { id } }`;
const RESTOCK = `mutation ($input: RestockInput!) { restockInventory(input: $input) { id } }`;

/** Stock for each variant, through inventory's own API, the way the catalog's events will create it. */
async function stockVariants(products: { id: string; variants: { id: string; sku: string }[] }[], quantityOf: (productIndex: number, variantIndex: number) => number) {
  for (const [p, product] of products.entries()) {
    for (const [v, variant] of product.variants.entries()) {
      const input = { variantId: variant.id, productId: product.id, sku: variant.sku };
      const ensured = await shop.inventory.query(ENSURE, { input }, asAdmin());
      expect(ensured.errors).toBeUndefined();
      const quantity = quantityOf(p, v);
      if (quantity > 0) await shop.inventory.query(RESTOCK, { input: { variantId: variant.id, quantity } }, asAdmin());
    }
  }
}

describe('stock on the storefront, through the gateway', () => {
  async function categoryPage(size: number) {
    const { category, products } = await seedCatalogPage(shop.catalogDb, size);
    // Every third product sold out; the others have 1 + index units on their first variant only.
    await stockVariants(products, (p, v) => (p % 3 === 0 || v === 1 ? 0 : 1 + p));
    const { text, stripped } = await storefrontQuery(shop.gateway, 'category-page.graphql');
    shop.inventory.statements.reset();
    const { data, errors } = await shop.gateway.query(text, { category: category.slug, first: size });
    expect(errors).toBeUndefined();
    return { data, products, stripped, statements: shop.inventory.statements.count };
  }

  it('answers the category page query as written, with availability from inventory', async () => {
    const { data, products, stripped } = await categoryPage(10);
    expect(stripped).toEqual([]);
    const inStock = new Map(data.products.edges.map((e: any) => [e.node.id, e.node.availability.inStock]));
    products.forEach((product, p) => expect(inStock.get(product.id)).toBe(p % 3 !== 0));
  });

  it('costs inventory the same number of SQL statements for 10 and for 50 products', async () => {
    const ten = await categoryPage(10);
    const fifty = await categoryPage(50);
    expect(fifty.data.products.edges).toHaveLength(50);
    expect(fifty.statements).toBe(ten.statements);
    expect(ten.statements).toBe(1);
  });

  it('answers the product page with variant and product availability, reservations included', async () => {
    const { products } = await seedCatalogPage(shop.catalogDb, 1);
    await stockVariants(products, (_, v) => (v === 0 ? 12 : 0));
    const [product] = products;
    await reserve(shop.inventory, newOrderId(), [{ variantId: product.variants[0].id, quantity: 5 }]);
    const { text, stripped } = await storefrontQuery(shop.gateway, 'product-page.graphql');
    expect(stripped.sort()).toEqual(['ProductVariant.cartQuantity', 'Query.cart']);

    shop.inventory.statements.reset();
    const { data, errors } = await shop.gateway.query(text, { slug: product.slug });

    expect(errors).toBeUndefined();
    const availability = new Map(data.product.variants.map((v: any) => [v.id, v.availability]));
    expect(availability.get(product.variants[0].id)).toEqual({ inStock: true, quantityAvailable: 7 });
    expect(availability.get(product.variants[1].id)).toEqual({ inStock: false, quantityAvailable: 0 });
    expect(data.product.availability).toEqual({ inStock: true, totalAvailable: 7 });
    expect(shop.inventory.statements.count).toBeLessThanOrEqual(2);
  });

  it('lets staff see an inventory item with its catalog variant and product, joined by the gateway', async () => {
    const { products } = await seedCatalogPage(shop.catalogDb, 1);
    await stockVariants(products, () => 3);
    const variant = products[0].variants[0];
    const { data, errors } = await shop.gateway.query(
      `query ($v: ID!) { inventoryItem(variantId: $v) { quantityAvailable variant { sku price { amount } } product { name availability { totalAvailable } } } }`,
      { v: variant.id },
      asAdmin(),
    );
    expect(errors).toBeUndefined();
    expect(data.inventoryItem).toEqual({
      quantityAvailable: 3,
      variant: { sku: variant.sku, price: { amount: '9.90' } },
      product: { name: products[0].name, availability: { totalAvailable: 6 } },
    });
  });

  it('passes OUT_OF_STOCK and its short lines through the gateway to the caller', async () => {
    const { products } = await seedCatalogPage(shop.catalogDb, 1);
    await stockVariants(products, (_, v) => (v === 0 ? 1 : 0));
    const variantId = products[0].variants[0].id;
    const { errors } = await shop.gateway.query(
      `mutation ($input: ReserveStockInput!) { reserveStock(input: $input) { orderId } }`,
      { input: { orderId: newOrderId(), lines: [{ variantId, quantity: 2 }] } },
      asAdmin(),
    );
    expect(errors?.[0].extensions).toMatchObject({ code: 'OUT_OF_STOCK', lines: [{ variantId, requested: 2, available: 1 }] });
  });
});
