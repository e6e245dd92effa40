import { fetch } from 'undici';
import { createTestIssuer } from '@shop/platform/testing';
import { startGateway } from '../src/gateway';
import { composeSupergraph } from '../src/composition';
import { startTestGateway, type TestGateway } from '../src/testing';
import { recordingLogger, silentLog, startTestSubgraphs } from './fixtures';

const SEEN = 'authorization requestId clientAddress cartSession';
const issuer = createTestIssuer();
const CUSTOMER = '7d3c1f3e-5a9b-4c1e-9f00-0a1b2c3d4e5f';
const PRODUCT_QUERY = `query Product($id: ID!) {
  product(id: $id) { name reviews { body } seenByProducts { ${SEEN} } seenByReviews { ${SEEN} } }
}`;

let subgraphs: Awaited<ReturnType<typeof startTestSubgraphs>>;
let gateway: TestGateway;

beforeAll(async () => {
  subgraphs = await startTestSubgraphs();
  gateway = await startTestGateway(subgraphs.subgraphs, issuer.identity, silentLog);
});

afterAll(async () => {
  await gateway?.stop();
  await subgraphs?.stop();
});

async function post(headers: Record<string, string>) {
  return fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: PRODUCT_QUERY, variables: { id: 'p1' } }),
  });
}

test('resolves a query across two subgraphs through entity references', async () => {
  const { data, errors, status } = await gateway.query(PRODUCT_QUERY, { id: 'p1' });
  expect(errors).toBeUndefined();
  expect(status).toBe(200);
  expect(data.product).toMatchObject({ name: 'Product p1', reviews: [{ body: 'Great p1' }] });
});

test('forwards the verified Authorization header, the request id and the client address to every subgraph', async () => {
  const authorization = `Bearer ${issuer.tokenFor(CUSTOMER, ['customer'])}`;
  const response = await post({ authorization, 'x-request-id': 'req-123', 'x-client-address': '203.0.113.9' });
  const { data } = (await response.json()) as { data: { product: Record<string, unknown> } };
  // The client address is the socket's, whatever the caller claims.
  const expected = { authorization, requestId: 'req-123', clientAddress: '127.0.0.1', cartSession: null };
  expect(data.product.seenByProducts).toEqual(expected);
  expect(data.product.seenByReviews).toEqual(expected);
  expect(response.headers.get('x-request-id')).toBe('req-123');
});

test("forwards a guest's cart session (x-cart-session) to every subgraph, for the cart to read", async () => {
  const session = 'Zm9yd2FyZGVkLWNhcnQtc2Vzc2lvbi1pZC0xMjM0NTY3';
  const response = await post({ 'x-cart-session': session });
  const { data } = (await response.json()) as { data: { product: Record<string, { cartSession: string }> } };
  expect(data.product.seenByProducts.cartSession).toBe(session);
  expect(data.product.seenByReviews.cartSession).toBe(session);
});

test('refuses a forged or expired token with UNAUTHENTICATED before asking any subgraph', async () => {
  for (const token of [issuer.forged(CUSTOMER, ['admin']), issuer.tokenFor(CUSTOMER, ['customer'], { expiresIn: -5 })]) {
    const response = await post({ authorization: `Bearer ${token}` });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.data).toBeUndefined();
  }
});

test('generates a request id when the caller sends none, echoes it and forwards it', async () => {
  const response = await post({});
  const { data } = (await response.json()) as { data: { product: { seenByProducts: { requestId: string; authorization: null } } } };
  const requestId = response.headers.get('x-request-id');
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(data.product.seenByProducts).toMatchObject({ requestId, authorization: null });
});

test('answers /health and /ready', async () => {
  const base = gateway.url.replace(/\/graphql$/, '');
  const health = await fetch(`${base}/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });
  expect((await fetch(`${base}/ready`)).status).toBe(200);
});

test('lets the storefront\'s origin read answers (CORS), on the POST and its preflight alike, and no other origin', async () => {
  const shop = 'https://shop.example';
  const withCors = await startGateway({
    port: 0, host: '127.0.0.1', supergraphSdl: composeSupergraph(subgraphs.subgraphs), log: silentLog, production: true, identity: issuer.identity,
    corsOrigins: [shop],
  });
  try {
    const ask = (origin: string) =>
      fetch(withCors.url, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ query: '{ product(id: "p3") { name } }' }) });
    const allowed = await ask(shop);
    expect(await allowed.json()).toEqual({ data: { product: { name: 'Product p3' } } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(shop);
    expect(allowed.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(allowed.headers.get('x-request-id')).toBeTruthy();
    const foreign = await ask('https://elsewhere.example');
    expect(foreign.status).toBe(200);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    const preflight = await fetch(withCors.url, {
      method: 'OPTIONS', headers: { origin: shop, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(shop);
    expect(preflight.headers.get('access-control-max-age')).toBe('600');
  } finally {
    await withCors.stop();
  }
});

test('routes to subgraphUrls overrides instead of the composed routing URLs', async () => {
  const unreachable = subgraphs.subgraphs.map((s) => ({ ...s, url: 'http://127.0.0.1:9/graphql' }));
  const overridden = await startGateway({
    port: 0,
    host: '127.0.0.1',
    supergraphSdl: composeSupergraph(unreachable),
    subgraphUrls: Object.fromEntries(subgraphs.subgraphs.map((s) => [s.name, s.url])),
    log: silentLog,
    production: true,
    identity: issuer.identity,
  });
  try {
    const response = await fetch(overridden.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ product(id: "p2") { name reviews { body } } }' }),
    });
    expect(await response.json()).toEqual({ data: { product: { name: 'Product p2', reviews: [{ body: 'Great p2' }] } } });
  } finally {
    await overridden.stop();
  }
});

test('logs unexpected subgraph errors with the request id and shows the client only that id', async () => {
  const { log, errors } = recordingLogger();
  const logged = await startTestGateway(subgraphs.subgraphs, issuer.identity, log);
  try {
    const result = await logged.query('{ boom }', undefined, { 'x-request-id': 'req-boom' });
    expect(result.errors?.[0]).toMatchObject({ message: 'Something went wrong on our side.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-boom' } });
    expect(JSON.stringify(result.errors)).not.toMatch(/kaboom|stacktrace/);
    expect(errors).toContainEqual(expect.objectContaining({ requestId: 'req-boom', msg: 'unexpected error' }));
  } finally {
    await logged.stop();
  }
});

test('serves the Apollo Sandbox landing page outside production', async () => {
  const page = await fetch(gateway.url, { headers: { accept: 'text/html' } });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('embeddable-sandbox');
});

test('stop() lets in-flight requests finish and then refuses connections', async () => {
  const draining = await startTestGateway(subgraphs.subgraphs, issuer.identity, silentLog);
  const inFlight = draining.query('{ slow }');
  await new Promise((resolve) => setTimeout(resolve, 50));
  await draining.stop();
  expect(await inFlight).toMatchObject({ status: 200, data: { slow: 'done' } });
  await expect(fetch(draining.url.replace(/graphql$/, 'health'))).rejects.toThrow('fetch failed');
});
