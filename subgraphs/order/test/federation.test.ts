import { randomUUID } from 'node:crypto';
import { createLogger, type RunningService } from '@shop/platform';
import { createTestDatabase, type TestDatabase } from '@shop/platform/testing';
import { startCatalogSubgraph, typeDefs as catalogTypeDefs } from '@shop/catalog';
import { startCustomerSubgraph, typeDefs as customerTypeDefs } from '@shop/customer';
import { ADMIN_ID, asAdmin, asCustomer, codeOf, issuer, line, seedOrder, startOrderHarness, type OrderHarness } from './harness';

/**
 * The order subgraph composed with the real customer and catalog subgraphs behind the real gateway:
 * Customer.orders and OrderItem.variant cross subgraph boundaries, so they are tested where they are planned.
 */
let h: OrderHarness;
let databases: TestDatabase[];
let services: RunningService[];

beforeAll(async () => {
  databases = await Promise.all([createTestDatabase('customer'), createTestDatabase('catalog')]);
  const log = createLogger('test', process.env.LOG_LEVEL ?? 'silent');
  const common = { port: 0, host: '127.0.0.1', log, production: false, identity: issuer.identity };
  services = [
    await startCustomerSubgraph({ ...common, databaseUrl: databases[0].url, suspended: issuer.suspended }),
    await startCatalogSubgraph({ ...common, databaseUrl: databases[1].url }),
  ];
  h = await startOrderHarness({
    others: [
      { name: 'customer', url: services[0].url, typeDefs: customerTypeDefs },
      { name: 'catalog', url: services[1].url, typeDefs: catalogTypeDefs },
    ],
  });
});
afterAll(async () => {
  await h?.stop();
  for (const service of services ?? []) await service.stop();
  for (const database of databases ?? []) await database.drop();
});

/** A customer as Keycloak would sign them in: their profile is made from the token at their first `me`. */
function keycloakCustomer() {
  const id = randomUUID();
  const email = `shopper-${id.slice(0, 8)}@example.com`;
  const headers = issuer.as(id, ['customer'], { keycloak: true, claims: { email, given_name: 'Grace', family_name: 'Hopper' } });
  return { id, email, headers };
}

/** POSTs straight to a subgraph, the way the gateway asks for entities. */
async function entities(url: string, representations: object[], selection: string, headers: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, variables: { r: representations } }),
  });
  return (await response.json()) as { data?: { _entities: unknown[] }; errors?: { extensions?: { code?: string } }[] };
}

describe('Customer.orders', () => {
  it('shows a customer their own orders on `me`, newest first, next to their profile', async () => {
    const shopper = keycloakCustomer();
    const first = await seedOrder(h, shopper.id);
    const second = await seedOrder(h, shopper.id);
    const r = await h.gateway.query(`{ me { email orders(first: 10) { totalCount edges { node { number status } } } } }`, {}, shopper.headers);
    expect(r.errors).toBeUndefined();
    expect(r.data.me.email).toBe(shopper.email);
    expect(r.data.me.orders.totalCount).toBe(2);
    expect(r.data.me.orders.edges.map((e: { node: { number: string } }) => e.node.number)).toEqual([second.orderNumber, first.orderNumber]);
  });

  it("shows staff any customer's orders, and an order's customer profile", async () => {
    const shopper = keycloakCustomer();
    await h.gateway.query(`{ me { id } }`, {}, shopper.headers);
    const order = await seedOrder(h, shopper.id);
    const r = await h.gateway.query(`query($id: ID!) { customer(id: $id) { email orders { edges { node { number } } } } }`, { id: shopper.id }, asAdmin);
    expect(r.data.customer).toEqual({ email: shopper.email, orders: { edges: [{ node: { number: order.orderNumber } }] } });
    const back = await h.gateway.query(`query($n: String!) { order(number: $n) { customer { email firstName } } }`, { n: order.orderNumber }, asAdmin);
    expect(back.data.order.customer).toEqual({ email: shopper.email, firstName: 'Grace' });
  });

  it("refuses another customer's orders when asked for the entity directly", async () => {
    const owner = randomUUID();
    await seedOrder(h, owner);
    const stranger = await entities(h.order.url, [{ __typename: 'Customer', id: owner }], '... on Customer { orders { totalCount } }', asCustomer(randomUUID()));
    expect(codeOf(stranger)).toBe('FORBIDDEN');
    const self = await entities(h.order.url, [{ __typename: 'Customer', id: owner }], '... on Customer { orders { totalCount } }', asCustomer(owner));
    expect(self.data!._entities).toEqual([{ orders: { totalCount: 1 } }]);
  });
});

describe('Order as an entity', () => {
  it('resolves for its customer and staff, and is null for anyone else', async () => {
    const owner = randomUUID();
    const order = await seedOrder(h, owner);
    const ask = (headers: Record<string, string>) => entities(h.order.url, [{ __typename: 'Order', id: order.id }], '... on Order { number }', headers);
    expect((await ask(asCustomer(owner))).data!._entities).toEqual([{ number: order.orderNumber }]);
    expect((await ask(issuer.as(ADMIN_ID, ['admin']))).data!._entities).toEqual([{ number: order.orderNumber }]);
    expect((await ask(asCustomer(randomUUID()))).data!._entities).toEqual([null]);
  });
});

describe('OrderItem.variant', () => {
  it('resolves the catalog variant the item was ordered as, beside the snapshot taken at order time', async () => {
    const category = await h.gateway.query(`mutation { createCategory(input: { name: "Shirts" }) { id } }`, {}, asAdmin);
    const created = await h.gateway.query(
      `mutation($input: CreateProductInput!) { createProduct(input: $input) { id variants { id sku } } }`,
      {
        input: {
          name: 'Oxford shirt', sku: `OX-${randomUUID().slice(0, 6)}`, categoryId: category.data.createCategory.id, status: 'ACTIVE',
          variants: [{ sku: `OX-M-${randomUUID().slice(0, 6)}`, name: 'M', price: '49.00', isDefault: true }],
        },
      },
      asAdmin,
    );
    expect(created.errors).toBeUndefined();
    const product = created.data.createProduct;
    const variant = product.variants[0];
    const customerId = randomUUID();
    const order = await seedOrder(h, customerId, {
      lines: [line({ variantId: variant.id, productId: product.id, sku: variant.sku, productName: 'Oxford shirt', variantName: 'M', unitPrice: '45.00' })],
    });
    const r = await h.gateway.query(
      `query($n: String!) { order(number: $n) { items { sku unitPrice { amount } variant { id sku price { amount } product { name } } } } }`,
      { n: order.orderNumber },
      asCustomer(customerId),
    );
    expect(r.errors).toBeUndefined();
    // What was paid stays 45.00 even though the catalog now asks 49.00.
    expect(r.data.order.items).toEqual([
      { sku: variant.sku, unitPrice: { amount: '45.00' }, variant: { id: variant.id, sku: variant.sku, price: { amount: '49.00' }, product: { name: 'Oxford shirt' } } },
    ]);
  });

  it('is null when the catalog no longer knows the variant, while the snapshot remains', async () => {
    const customerId = randomUUID();
    const order = await seedOrder(h, customerId, { lines: [line({ productName: 'Discontinued mug' })] });
    const r = await h.gateway.query(`query($n: String!) { order(number: $n) { items { productName variant { sku } } } }`, { n: order.orderNumber }, asCustomer(customerId));
    expect(r.data.order.items).toEqual([{ productName: 'Discontinued mug', variant: null }]);
  });
});
