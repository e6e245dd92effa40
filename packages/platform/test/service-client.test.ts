import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, generateKeyPair } from 'jose';
import {
  createServiceClient, formatErrorFor, createLogger, ServiceUnavailableError, ShopError, signedServiceTokens, type ServiceClient,
} from '../src/index';

interface Seen {
  headers: http.IncomingHttpHeaders;
  body: { query: string; variables: Record<string, unknown> };
  socket: unknown;
}

/** A tiny GraphQL service: answers whatever the test sets in `answer`, remembers what it was sent. */
async function tinyService() {
  const seen: Seen[] = [];
  const sockets = new Set<unknown>();
  let answer: (res: http.ServerResponse) => void = (res) => json(res, 200, { data: { ok: true } });
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      sockets.add(req.socket);
      seen.push({ headers: req.headers, body: JSON.parse(raw) as Seen['body'], socket: req.socket });
      answer(res);
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    seen,
    connections: () => sockets.size,
    answers(next: (res: http.ServerResponse) => void) {
      answer = next;
    },
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const refusal = (code: string, message: string, extra: Record<string, unknown> = {}) => (res: http.ServerResponse) =>
  json(res, 200, { data: null, errors: [{ message, path: ['reserveStock'], extensions: { code, ...extra, stacktrace: ['at secret.ts:1'] } }] });

async function failureOf(work: Promise<unknown>): Promise<unknown> {
  return work.then(() => { throw new Error('the call succeeded'); }, (error: unknown) => error);
}

describe('the service client', () => {
  let service: Awaited<ReturnType<typeof tinyService>>;
  let client: ServiceClient;

  beforeEach(async () => {
    service = await tinyService();
    client = createServiceClient({ credentials: { token: async () => 'service-token-1' }, requestId: () => 'req-from-scope' });
  });

  afterEach(async () => {
    await client.close();
    await service.stop();
  });

  it('returns the data of an answer and sends the query with its variables', async () => {
    service.answers((res) => json(res, 200, { data: { reserveStock: { orderId: 'o-1' } } }));
    const data = await client.call<{ reserveStock: { orderId: string } }>(service.url, 'mutation($id: ID!) { reserveStock(orderId: $id) { orderId } }', { id: 'o-1' });
    expect(data).toEqual({ reserveStock: { orderId: 'o-1' } });
    expect(service.seen[0].body).toEqual({ query: 'mutation($id: ID!) { reserveStock(orderId: $id) { orderId } }', variables: { id: 'o-1' } });
  });

  it.each([
    ['OUT_OF_STOCK', { reason: 'INSUFFICIENT_STOCK', lines: [{ variantId: 'v-1', requested: 3, available: 1 }], available: 1 }],
    ['PAYMENT_DECLINED', { reason: 'CARD_DECLINED' }],
    ['CONFLICT', { reason: 'CART_CHECKOUT_IN_PROGRESS' }],
    ['BAD_USER_INPUT', { fields: [{ field: 'amount', message: 'Must be positive.' }] }],
    ['NOT_FOUND', {}],
    ['FORBIDDEN', {}],
    ['RATE_LIMITED', { retryAfterSeconds: 30 }],
  ])('passes the callee refusal %s on as a ShopError with the same code, message and details', async (code, details) => {
    service.answers(refusal(code, 'Refused for a reason a shopper can read.', details));
    const error = await failureOf(client.call(service.url, '{ x }'));
    expect(error).toBeInstanceOf(ShopError);
    expect((error as ShopError).message).toBe('Refused for a reason a shopper can read.');
    expect((error as ShopError).extensions).toEqual({ code, ...details });
  });

  it.each([
    ['INTERNAL_SERVER_ERROR', 200],
    ['GRAPHQL_VALIDATION_FAILED', 400],
    ['QUERY_TOO_COMPLEX', 400],
    ['UNAUTHENTICATED', 200],
  ])('treats the callee answering %s as a failed call, not as a refusal to pass on', async (code, status) => {
    service.answers((res) => json(res, status, { errors: [{ message: 'Something went wrong on our side.', extensions: { code, requestId: 'r' } }] }));
    const error = await failureOf(client.call(service.url, '{ x }'));
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).not.toBeInstanceOf(ShopError);
    expect(error).toMatchObject({ failure: 'FAILED', details: { calleeCode: code, status } });
  });

  it.each([
    ['an HTML error page', 502, '<html>Bad gateway</html>'],
    ['an empty body', 503, ''],
    ['JSON without data', 200, '{}'],
  ])('treats %s as a failed call', async (_what, status, body) => {
    service.answers((res) => {
      res.writeHead(status);
      res.end(body);
    });
    const error = await failureOf(client.call(service.url, '{ x }'));
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toMatchObject({ failure: 'FAILED', details: { status } });
  });

  it('gives up on a callee that does not answer within the time limit: TIMEOUT, whether or not it did the work', async () => {
    service.answers(() => undefined); // never answers
    const error = await failureOf(client.call(service.url, '{ x }', {}, { timeoutMs: 100 }));
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toMatchObject({ failure: 'TIMEOUT', details: { timeoutMs: 100 } });
  });

  it('gives up on a body that stops half way within the time limit', async () => {
    service.answers((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":');
    });
    const error = await failureOf(client.endpoint(service.url, { timeoutMs: 100 })('{ x }'));
    expect(error).toMatchObject({ failure: 'TIMEOUT' });
  });

  it('reports a service nobody listens on as UNREACHABLE', async () => {
    const gone = service.url;
    await service.stop();
    const error = await failureOf(client.call(gone, '{ x }'));
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toMatchObject({ failure: 'UNREACHABLE', service: new URL(gone).host });
    service = await tinyService(); // for afterEach
  });

  it('presents the service token and forwards the current request id', async () => {
    await client.call(service.url, '{ x }');
    expect(service.seen[0].headers.authorization).toBe('Bearer service-token-1');
    expect(service.seen[0].headers['x-request-id']).toBe('req-from-scope');
  });

  it('forwards a request id given for one call instead of the current one', async () => {
    await client.call(service.url, '{ x }', {}, { requestId: 'req-given' });
    expect(service.seen[0].headers['x-request-id']).toBe('req-given');
  });

  it('sends neither a token nor a request id when it has none (public fields, outside any request)', async () => {
    const anonymous = createServiceClient({ requestId: () => undefined });
    try {
      await anonymous.call(service.url, '{ x }');
      expect(service.seen[0].headers.authorization).toBeUndefined();
      expect(service.seen[0].headers['x-request-id']).toBeUndefined();
    } finally {
      await anonymous.close();
    }
  });

  it('presents a token signed by the built-in issuer with the service role', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const signed = createServiceClient({
      credentials: signedServiceTokens({ privateKey: privateKey as never, kid: 'k1', issuer: 'https://issuer.test', audience: 'shop-api', service: 'order' }),
    });
    try {
      await signed.call(service.url, '{ x }');
      await signed.call(service.url, '{ x }');
      const tokens = service.seen.map((s) => String(s.headers.authorization).replace('Bearer ', ''));
      expect(tokens[0]).toBe(tokens[1]); // reused until shortly before it expires
      expect(decodeJwt(tokens[0])).toMatchObject({ roles: ['service'], azp: 'order', iss: 'https://issuer.test', aud: 'shop-api' });
    } finally {
      await signed.close();
    }
  });

  it('keeps its connections alive between calls', async () => {
    for (let i = 0; i < 20; i++) await client.call(service.url, '{ x }');
    expect(service.seen).toHaveLength(20);
    // undici frees a socket a tick after its answer was read, so back-to-back calls may alternate between two.
    expect(service.connections()).toBeLessThanOrEqual(2);
  });

  it('resolves an endpoint URL at call time', async () => {
    let url = 'http://127.0.0.1:1/not-yet';
    const endpoint = client.endpoint(() => url);
    url = service.url;
    await expect(endpoint('{ x }')).resolves.toEqual({ ok: true });
  });

  it('never lets a failed call reach a client: the subgraph shows INTERNAL_SERVER_ERROR with the request id only', async () => {
    service.answers(() => undefined);
    const error = await failureOf(client.call(service.url, '{ x }', {}, { timeoutMs: 50 }));
    const log = createLogger('test', 'silent');
    const format = formatErrorFor({ log: () => log, requestId: () => 'req-9', debug: false });
    const shown = format({ message: (error as Error).message, path: ['cart'], extensions: {} }, error);
    expect(shown).toEqual({ message: 'Something went wrong on our side.', path: ['cart'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-9' } });
  });
});
