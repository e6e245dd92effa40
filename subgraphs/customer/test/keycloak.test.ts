import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createIdentity, createLogger, inProcessSuspendedAccounts, type RunningService } from '@shop/platform';
import { createTestDatabase, createTestIssuer, type TestDatabase } from '@shop/platform/testing';
import { startTestGateway, type TestGateway } from '@shop/gateway/testing';
import { startCustomerSubgraph, typeDefs } from '../src/index';
import { codeOf } from './harness';

/**
 * Keycloak mode: no built-in issuer. Tokens are shaped like Keycloak's (realm_access.roles, given_name, …) and
 * the services fetch the signing keys over HTTP from a JWKS endpoint served here, as they would from
 * <issuer>/protocol/openid-connect/certs. What it does not prove: Keycloak's own login pages and PKCE flow.
 */
const issuer = createTestIssuer();
let jwksServer: http.Server;
let jwksRequests = 0;
let database: TestDatabase;
let customer: RunningService;
let gateway: TestGateway;

beforeAll(async () => {
  jwksServer = http.createServer((_req, res) => {
    jwksRequests++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(issuer.tokens.jwks));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/realms/shop/protocol/openid-connect/certs`;
  const suspended = inProcessSuspendedAccounts();
  const identity = createIdentity({ tokens: { issuer: issuer.tokens.issuer, audience: issuer.tokens.audience, jwksUrl }, suspended });
  database = await createTestDatabase('customer');
  customer = await startCustomerSubgraph({
    databaseUrl: database.url, port: 0, host: '127.0.0.1', log: createLogger('customer', 'silent'), production: false, identity, suspended,
  });
  gateway = await startTestGateway([{ name: 'customer', url: customer.url, typeDefs }], identity);
});
afterAll(async () => {
  await gateway?.stop();
  await customer?.stop();
  await database?.drop();
  jwksServer?.close();
});

const keycloakToken = (sub: string, roles: ('customer' | 'admin')[]) =>
  issuer.tokenFor(sub, roles, { keycloak: true, claims: { email: `kc-${sub.slice(0, 8)}@Example.com`, given_name: 'Kim', family_name: 'Cloak' } });

describe('signing in with Keycloak', () => {
  it('accepts a Keycloak token verified against the realm JWKS fetched over HTTP, and caches the keys', async () => {
    const id = '3f1c2b9a-8d7e-4c6b-9a5f-0e1d2c3b4a59';
    const headers = { authorization: `Bearer ${keycloakToken(id, ['customer'])}` };
    const first = await gateway.query('{ customers(first: 1) { totalCount } }', {}, headers);
    expect(codeOf(first)).toBe('FORBIDDEN'); // verified (not UNAUTHENTICATED), but not staff
    const asStaff = await gateway.query('{ customers(first: 1) { totalCount } }', {}, { authorization: `Bearer ${keycloakToken(id, ['admin'])}` });
    expect(asStaff.errors).toBeUndefined();
    expect(jwksRequests).toBeGreaterThanOrEqual(1);
    expect(jwksRequests).toBeLessThanOrEqual(2); // one per service (gateway, customer), not one per request
  });

  it("creates the customer's profile from the token at the first `me`, once", async () => {
    const id = '7b0e6f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
    const headers = { authorization: `Bearer ${keycloakToken(id, ['customer'])}` };
    const both = await Promise.all([1, 2].map(() => gateway.query('{ me { id email firstName lastName loyalty { pointsBalance } preferences { currency } } }', {}, headers)));
    for (const r of both) {
      expect(r.data.me).toEqual({ id, email: 'kc-7b0e6f3a@example.com', firstName: 'Kim', lastName: 'Cloak', loyalty: { pointsBalance: 0 }, preferences: { currency: 'USD' } });
    }
  });

  it('refuses a token signed by another key', async () => {
    const r = await gateway.query('{ me { id } }', {}, { authorization: `Bearer ${issuer.forged('3f1c2b9a-8d7e-4c6b-9a5f-0e1d2c3b4a59', ['customer'])}` });
    expect(codeOf(r)).toBe('UNAUTHENTICATED');
  });

  it('says the built-in sign-in is not offered', async () => {
    const r = await gateway.query(`mutation { login(email: "a@example.com", password: "whatever you like") { accessToken } }`);
    expect(codeOf(r)).toBe('FORBIDDEN');
    expect(r.errors![0].message).toMatch(/Keycloak/);
  });
});
