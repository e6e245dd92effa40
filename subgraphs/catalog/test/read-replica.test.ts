import { randomUUID } from 'node:crypto';
import { createLogger, withReadReplica, type RunningService } from '@shop/platform';
import { createTestDatabase, StatementCounter, type TestDatabase } from '@shop/platform/testing';
import { startTestGateway, type TestGateway } from '@shop/gateway/testing';
import { inTransaction } from '../src/db';
import { createCatalogDb, startCatalogSubgraph, typeDefs, type CatalogDb } from '../src/index';
import { asAdmin, issuer } from './harness';

// Two real databases with the catalog's migrations: a primary and a "replica". Nothing replicates between them
// here, so each holds its own version of one product: which name a request answers with shows which database it
// read. What this proves is the routing (queries' reads → replica; mutations, transactions, the outbox → primary),
// not PostgreSQL's streaming replication.
let primary: TestDatabase;
let replica: TestDatabase;
let primaryDb: CatalogDb;
let replicaDb: CatalogDb;
let catalog: RunningService;
let gateway: TestGateway;
const onPrimary = new StatementCounter();
const onReplica = new StatementCounter();
let categoryId: string;
let productId: string;

/** The same category and product in both databases, as replication would leave them, but named apart. */
async function seedBoth() {
  categoryId = randomUUID();
  productId = randomUUID();
  for (const [db, where] of [[primaryDb, 'primary'], [replicaDb, 'replica']] as const) {
    await db.category.create({ data: { id: categoryId, name: 'Shirts', slug: 'shirts' } });
    await db.product.create({
      data: {
        id: productId, name: `Linen Shirt (${where})`, slug: 'linen-shirt', sku: 'LS-1', categoryId, status: 'active',
        variants: { create: [{ sku: 'LS-1-M', name: 'M', price: '49.90', isDefault: true }] },
      },
    });
  }
}

beforeAll(async () => {
  [primary, replica] = await Promise.all([createTestDatabase('catalog'), createTestDatabase('catalog')]);
  primaryDb = createCatalogDb({ connectionString: primary.url, poolSize: 1 });
  replicaDb = createCatalogDb({ connectionString: replica.url, poolSize: 1 });
  await seedBoth();
  catalog = await startCatalogSubgraph({
    databaseUrl: primary.url,
    replicaUrl: replica.url,
    port: 0,
    host: '127.0.0.1',
    log: createLogger('catalog', process.env.LOG_LEVEL ?? 'silent'),
    production: false,
    identity: issuer.identity,
    onStatement: onPrimary.record,
    onReplicaStatement: onReplica.record,
  });
  gateway = await startTestGateway([{ name: 'catalog', url: catalog.url, typeDefs }], issuer.identity);
});

afterAll(async () => {
  await gateway?.stop();
  await catalog?.stop();
  await primaryDb?.$disconnect();
  await replicaDb?.$disconnect();
  await primary?.drop();
  await replica?.drop();
});

beforeEach(() => {
  onPrimary.reset();
  onReplica.reset();
});

const PRODUCT = `query($id: ID!) { product(id: $id) { id name variants { sku price { amount } } } }`;
const CREATE = `mutation($input: CreateProductInput!) { createProduct(input: $input) { id name status variants { sku } } }`;

describe('catalog reads on a read replica', () => {
  it('answers a storefront query from the replica, without a statement on the primary', async () => {
    const { data, errors } = await gateway.query(PRODUCT, { id: productId });
    expect(errors).toBeUndefined();
    expect(data.product).toEqual({ id: productId, name: 'Linen Shirt (replica)', variants: [{ sku: 'LS-1-M', price: { amount: '49.90' } }] });
    expect(onReplica.count).toBeGreaterThan(0);
    expect(onPrimary.count).toBe(0);
  });

  it('writes a created product to the primary only, answers the mutation from the primary, and never touches the replica', async () => {
    const tag = randomUUID().slice(0, 8);
    const input = { name: `Wool Scarf ${tag}`, sku: `WS-${tag}`, categoryId, status: 'ACTIVE', variants: [{ sku: `WS-${tag}-1`, price: '29.00', isDefault: true }] };
    const { data, errors } = await gateway.query(CREATE, { input }, asAdmin);
    expect(errors).toBeUndefined();
    // Read-your-writes: the mutation's own response sees the row it just wrote.
    expect(data.createProduct).toEqual({ id: expect.any(String), name: input.name, status: 'ACTIVE', variants: [{ sku: `WS-${tag}-1` }] });
    expect(onReplica.count).toBe(0);
    expect(onPrimary.all.some((sql) => /INSERT INTO "public"\."products"/.test(sql))).toBe(true);

    const id = data.createProduct.id;
    expect(await primaryDb.product.count({ where: { id } })).toBe(1);
    expect(await replicaDb.product.count({ where: { id } })).toBe(0);
    // The event is in the primary's outbox, which the relay reads; the replica's stays empty.
    expect(await primaryDb.domainEvent.count({ where: { aggregateId: id } })).toBeGreaterThan(0);
    expect(await replicaDb.domainEvent.count()).toBe(0);

    // A later query reads the replica, which (nothing replicating here) has not got the product: replication lag
    // is what a shopper may see for a moment; staff's edit screens read through their mutations' answers.
    const later = await gateway.query(PRODUCT, { id }, asAdmin);
    expect(later.errors).toBeUndefined();
    expect(later.data.product).toBeNull();
  });

  it('sends model reads outside a transaction to the replica, and writes, raw SQL and whatever runs in a transaction to the primary', async () => {
    const routed = withReadReplica(primaryDb, replicaDb);
    expect((await routed.product.findUniqueOrThrow({ where: { id: productId } })).name).toBe('Linen Shirt (replica)');
    expect(await routed.product.count({ where: { id: productId } })).toBe(1);

    const inside = await inTransaction(routed, async (tx) => {
      const row = await tx.product.findUniqueOrThrow({ where: { id: productId } });
      await tx.product.update({ where: { id: productId }, data: { shortDescription: 'checked' } });
      return row.name;
    });
    expect(inside).toBe('Linen Shirt (primary)');

    await routed.product.update({ where: { id: productId }, data: { description: 'written through the routed client' } });
    expect((await primaryDb.product.findUniqueOrThrow({ where: { id: productId } })).description).toBe('written through the routed client');
    expect((await replicaDb.product.findUniqueOrThrow({ where: { id: productId } })).description).toBeNull();

    const [{ name }] = await routed.$queryRaw<{ name: string }[]>`SELECT name FROM products WHERE id = ${productId}::uuid`;
    expect(name).toBe('Linen Shirt (primary)');
  });
});
