import { randomUUID } from 'node:crypto';
import { ADMIN_ID, asAdmin, issuer, startCatalogHarness, type CatalogHarness } from './harness';
import { seedCategory } from './seed';

let h: CatalogHarness;
let categoryId: string;

beforeAll(async () => {
  h = await startCatalogHarness();
  categoryId = (await seedCategory(h.db, 'Identity')).id;
});
afterAll(() => h?.stop());

const CREATE = `mutation($c: ID!, $sku: String!) { createProduct(input: { name: $sku, sku: $sku, categoryId: $c }) { id } }`;
const create = (headers?: Record<string, string>) => h.gateway.query(CREATE, { c: categoryId, sku: `ID-${randomUUID().slice(0, 8)}` }, headers);
const codeOf = (r: { errors?: any[] }) => r.errors?.[0]?.extensions?.code;

describe('who may change the catalog', () => {
  it('lets staff with a valid token create a product', async () => {
    const r = await create(asAdmin);
    expect(r.errors).toBeUndefined();
    expect(r.data.createProduct.id).toBeDefined();
  });

  it('accepts a Keycloak-shaped token whose realm roles include admin', async () => {
    const r = await create({ authorization: `Bearer ${issuer.tokenFor(ADMIN_ID, ['admin'], { keycloak: true })}` });
    expect(r.errors).toBeUndefined();
  });

  it('ignores the old development identity headers: without a token the caller is anonymous', async () => {
    const before = await h.db.product.count();
    const r = await create({ 'x-dev-customer-id': ADMIN_ID, 'x-dev-roles': 'admin' });
    expect(codeOf(r)).toBe('UNAUTHENTICATED');
    expect(await h.db.product.count()).toBe(before);
  });

  it('refuses a customer token with FORBIDDEN', async () => {
    expect(codeOf(await create(issuer.as(randomUUID(), ['customer'])))).toBe('FORBIDDEN');
  });

  it('refuses forged, expired and malformed tokens with UNAUTHENTICATED, even for public queries', async () => {
    const before = await h.db.product.count();
    for (const authorization of [
      `Bearer ${issuer.forged(ADMIN_ID, ['admin'])}`,
      `Bearer ${issuer.tokenFor(ADMIN_ID, ['admin'], { expiresIn: -60 })}`,
      'Bearer not-a-token',
      'Basic YWRtaW46YWRtaW4=',
    ]) {
      expect(codeOf(await create({ authorization }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await h.gateway.query('{ brands { id } }', {}, { authorization }))).toBe('UNAUTHENTICATED');
    }
    expect(await h.db.product.count()).toBe(before);
  });

  it('stops a suspended account at its next request', async () => {
    const staff = randomUUID();
    const headers = issuer.as(staff, ['admin']);
    expect((await create(headers)).errors).toBeUndefined();
    await issuer.suspended.suspend(staff);
    expect(codeOf(await create(headers))).toBe('UNAUTHENTICATED');
    await issuer.suspended.reinstate(staff);
    expect((await create(headers)).errors).toBeUndefined();
  });
});
