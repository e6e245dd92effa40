import { randomUUID } from 'node:crypto';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { createCatalogDb, startCatalogSubgraph, typeDefs as catalogTypeDefs, type CatalogDb } from '@shop/catalog';
import { createLogger, type RunningService } from '@shop/platform';
import { createTestDatabase, storefrontQuery as sharedStorefrontQuery, type TestDatabase } from '@shop/platform/testing';
import { startTestGateway, type TestGateway } from '@shop/gateway/testing';
import { typeDefs as inventoryTypeDefs } from '../src/index';
import { issuer, startInventoryHarness, type InventoryHarness } from './harness';

/** Catalog and inventory, each on its own database, composed behind the real gateway. */
export interface ShopHarness {
  inventory: InventoryHarness;
  catalogDb: CatalogDb;
  gateway: TestGateway;
  stop(): Promise<void>;
}

export async function startShopHarness(): Promise<ShopHarness> {
  const inventory = await startInventoryHarness();
  const catalogDatabase: TestDatabase = await createTestDatabase('catalog');
  const catalog: RunningService = await startCatalogSubgraph({
    databaseUrl: catalogDatabase.url, port: 0, host: '127.0.0.1', log: createLogger('catalog', 'silent'), production: false, identity: issuer.identity,
  });
  const gateway = await startTestGateway([
    { name: 'catalog', url: catalog.url, typeDefs: catalogTypeDefs },
    { name: 'inventory', url: inventory.inventory.url, typeDefs: inventoryTypeDefs },
  ], issuer.identity);
  const catalogDb = createCatalogDb({ connectionString: catalogDatabase.url });
  return {
    inventory,
    catalogDb,
    gateway,
    async stop() {
      await gateway.stop();
      await catalog.stop();
      await catalogDb.$disconnect();
      await catalogDatabase.drop();
      await inventory.stop();
    },
  };
}

/** A storefront query as written, less the fields the composed graph does not have (the cart's), asked of the gateway. */
export async function storefrontQuery(gateway: TestGateway, file: string): Promise<{ text: string; stripped: string[] }> {
  const { data } = await gateway.query<IntrospectionQuery>(getIntrospectionQuery());
  return sharedStorefrontQuery(file, buildClientSchema(data!));
}

/** A category with `count` active products of two variants each, in the catalog's own database. */
export async function seedCatalogPage(db: CatalogDb, count: number) {
  const tag = randomUUID().slice(0, 8);
  const category = await db.category.create({ data: { name: `Category ${tag}`, slug: `category-${tag}` } });
  const products = [];
  for (let i = 0; i < count; i++) {
    products.push(
      await db.product.create({
        data: {
          name: `Product ${tag} ${i}`, slug: `product-${tag}-${i}`, sku: `P-${tag}-${i}`, categoryId: category.id, status: 'active',
          variants: { create: [0, 1].map((v) => ({ sku: `P-${tag}-${i}-${v}`, price: '9.90', isDefault: v === 0 })) },
          images: { create: [{ url: `https://img.example/${tag}/${i}.jpg`, isPrimary: true }] },
        },
        include: { variants: { orderBy: { sku: 'asc' } } },
      }),
    );
  }
  return { category, products };
}
