import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { gql } from 'graphql-tag';
import { parse, type OperationDefinitionNode } from 'graphql';
import { ConfigError, graphqlSettingsFromEnv, type GraphqlSettings } from '../src/config';
import { costAnnotationsOf, DEFAULT_QUERY_LIMITS, estimateCost } from '../src/graphql/limits';
import { createLogger } from '../src/logger';
import { startSubgraph, type RunningService } from '../src/server';

type Untyped = any;

const typeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@listSize"])
  type Query {
    product(id: ID!): Product
    products(first: Int = 20): ProductConnection! @listSize(slicingArguments: ["first"], sizedFields: ["edges"], requireOneSlicingArgument: false)
    broken: String
    hello: String
  }
  type Mutation { touch(id: ID!): Product }
  type ProductConnection { edges: [ProductEdge!]! totalCount: Int! }
  type ProductEdge { node: Product! }
  type Product @key(fields: "id") {
    id: ID!
    name: String!
    crossSells: [Product!]! @listSize(assumedSize: 10)
    tags: [String!]!
  }
`;

let resolved = 0;
const product = (id: string) => ({ id, name: `Product ${id}` });
const resolvers = {
  Query: {
    product: (_: unknown, { id }: { id: string }) => (resolved++, product(id)),
    products: (_: unknown, { first }: { first: number }) => (resolved++, { edges: Array.from({ length: first }, (__, i) => ({ node: product(`p${i}`) })), totalCount: first }),
    broken: () => {
      throw new Error('insert into "orders" violates check constraint "orders_total_check" at /srv/app/dist/x.js:1');
    },
    hello: () => 'world',
  },
  Mutation: { touch: (_: unknown, { id }: { id: string }) => product(id) },
  Product: {
    __resolveReference: ({ id }: { id: string }) => (resolved++, product(id)),
    crossSells: ({ id }: { id: string }) => [product(`${id}a`), product(`${id}b`)],
    tags: () => ['a'],
  },
};

const settings = (overrides: Partial<GraphqlSettings> = {}): GraphqlSettings => ({ limits: DEFAULT_QUERY_LIMITS, debug: false, introspection: true, ...overrides });

async function probe(options: { production?: boolean; graphql?: GraphqlSettings } = {}): Promise<RunningService> {
  return startSubgraph({
    name: 'probe', typeDefs, resolvers: resolvers as never, port: 0, host: '127.0.0.1', log: createLogger('probe', 'silent'),
    production: options.production ?? false, context: () => ({}), graphql: options.graphql ?? settings(),
  });
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; type: string | null; body: Untyped }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Left as text: the assertions say JSON was expected.
  }
  return { status: response.status, type: response.headers.get('content-type'), body: parsed };
}

const nested = (field: string, levels: number, leaf = 'id'): string => (levels === 0 ? leaf : `${field} { ${nested(field, levels - 1, leaf)} }`);
const aliases = (n: number) => `{ product(id: "p") { ${Array.from({ length: n }, (_, i) => `a${i}: name`).join(' ')} } }`;

describe('query limits in a subgraph', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await probe();
  });
  afterAll(() => service?.stop());

  const refusal = async (query: string, variables?: Record<string, unknown>) => {
    resolved = 0;
    const answer = await post(service.url, { query, variables });
    expect(resolved).toBe(0);
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toHaveLength(1);
    return answer.body.errors[0];
  };

  it('refuses a 16-level crossSells chain before resolving anything, naming the limit and the depth it measured', async () => {
    const error = await refusal(`{ product(id: "p") { ${nested('crossSells', 16)} } }`);
    expect(error.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', measure: 'depth', limit: 12, measured: 18 });
    expect(error.message).toMatch(/18 levels deep; at most 12/);
  });

  it('refuses a chain within the depth limit whose lists multiply past the cost limit', async () => {
    const error = await refusal(`{ product(id: "p") { ${nested('crossSells', 5)} } }`);
    expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', measure: 'cost', limit: 10_000 });
    expect(error.extensions.measured).toBeGreaterThan(100_000);
  });

  it('sizes a connection by its first argument, from a variable too', async () => {
    const query = `query($n: Int) { products(first: $n) { edges { node { crossSells { crossSells { id } } } } } }`;
    expect((await post(service.url, { query, variables: { n: 5 } })).body.errors).toBeUndefined();
    const error = await refusal(query, { n: 100 });
    expect(error.extensions).toMatchObject({ measure: 'cost', measured: 1 + 100 * (1 + 1 + 10 * (1 + 10)) });
  });

  it('refuses 5,000 aliases, 200 root fields, 51 directives and a document past the token limit', async () => {
    expect((await refusal(aliases(5_000))).extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', measure: 'tokens', limit: 2_000 });
    expect((await refusal(aliases(31))).extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', measure: 'aliases', limit: 30, measured: 31 });
    expect((await refusal(`{ ${'hello '.repeat(200)}}`)).extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', measure: 'rootFields', limit: 20, measured: 200 });
    const products = `{ ${Array.from({ length: 200 }, (_, i) => `p${i}: product(id: "${i}") { id }`).join(' ')} }`;
    expect((await refusal(products)).extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', measure: 'tokens' });
    const directives = `{ product(id: "p") { ${'name @include(if: true) '.repeat(51)}} }`;
    expect((await refusal(directives)).extensions).toMatchObject({ measure: 'directives', limit: 50, measured: 51 });
  });

  it('answers the queries a client normally sends, and the introspection Apollo Sandbox sends', async () => {
    const ok = await post(service.url, { query: '{ products(first: 3) { edges { node { name crossSells { name } } } } hello }' });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.products.edges).toHaveLength(3);
    const introspection = await post(service.url, { query: '{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name } } } } } } } }' });
    expect(introspection.body.errors).toBeUndefined();
  });

  it("passes the gateway's _entities fetch for 100 representations and sizes it by them", async () => {
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { name crossSells { name } } } }`;
    const representations = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'Product', id: `p${i}` }));
    const fine = await post(service.url, { query, variables: { representations: representations(100) } });
    expect(fine.body.errors).toBeUndefined();
    expect(fine.body.data._entities).toHaveLength(100);
    const error = await refusal(query, { representations: representations(1_000) });
    expect(error.extensions).toMatchObject({ measure: 'cost', measured: 1_000 * (1 + 10) });
  });

  it('applies limits from the environment: QUERY_MAX_DEPTH=3 refuses depth 4', async () => {
    const strict = await probe({ graphql: graphqlSettingsFromEnv(false, { QUERY_MAX_DEPTH: '3' }) });
    try {
      const answer = await post(strict.url, { query: `{ product(id: "p") { ${nested('crossSells', 2)} } }` });
      expect(answer.body.errors[0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', measure: 'depth', limit: 3, measured: 4 });
    } finally {
      await strict.stop();
    }
  });
});

describe('the cost estimate', () => {
  const schema = buildSubgraphSchema({ typeDefs });
  const cost = (query: string, variables: Record<string, unknown> = {}, defaultListSize = 10) => {
    const document = parse(query);
    const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
    return estimateCost({ schema, document, operation, variables, ...costAnnotationsOf(typeDefs), defaultListSize });
  };

  it('counts objects, not scalars, and multiplies by list sizes', () => {
    expect(cost('{ hello }')).toBe(0);
    expect(cost('{ product(id: "p") { id name } }')).toBe(1);
    expect(cost('{ product(id: "p") { crossSells { id } } }')).toBe(1 + 10);
    expect(cost('{ product(id: "p") { tags } }', {}, 7)).toBe(1);
    expect(cost('{ products { edges { node { id } } } }')).toBe(1 + 20 * 2);
  });

  it('costs a fragment once however often it is spread, and mutations more than reads', () => {
    const spreads = Array.from({ length: 50 }, () => '...F').join(' ');
    expect(cost(`{ product(id: "p") { ${spreads} } } fragment F on Product { crossSells { id } }`)).toBe(1 + 50 * 10);
    expect(cost('mutation { touch(id: "p") { id } }')).toBe(10);
  });
});

describe('errors in every mode', () => {
  it.each([
    ['outside production', { production: false }],
    ['in production', { production: true }],
  ])('shows an unexpected error %s as INTERNAL_SERVER_ERROR with the request id only', async (_mode, options) => {
    const service = await probe(options);
    try {
      const answer = await post(service.url, { query: '{ broken hello }' }, { 'x-request-id': 'req-7' });
      expect(answer.body.data).toEqual({ broken: null, hello: 'world' });
      expect(answer.body.errors).toEqual([
        { message: 'Something went wrong on our side.', path: ['broken'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-7' } },
      ]);
    } finally {
      await service.stop();
    }
  });

  it('shows the raw message and stack only behind GRAPHQL_DEBUG', async () => {
    expect(graphqlSettingsFromEnv(false, {}).debug).toBe(false);
    const service = await probe({ graphql: graphqlSettingsFromEnv(false, { GRAPHQL_DEBUG: 'true' }) });
    try {
      const [error] = (await post(service.url, { query: '{ broken }' })).body.errors;
      expect(error.message).toMatch(/violates check constraint/);
      expect(error.extensions.stacktrace).toEqual(expect.any(Array));
    } finally {
      await service.stop();
    }
  });

  it('keeps introspection and suggestions off in production unless GRAPHQL_INTROSPECTION is set', async () => {
    expect(graphqlSettingsFromEnv(true, {}).introspection).toBe(false);
    expect(graphqlSettingsFromEnv(false, {}).introspection).toBe(true);
    expect(graphqlSettingsFromEnv(true, { GRAPHQL_INTROSPECTION: 'true' }).introspection).toBe(true);
    const service = await probe({ production: true, graphql: graphqlSettingsFromEnv(true, {}) });
    try {
      const introspection = await post(service.url, { query: '{ __schema { queryType { name } } }' });
      expect(introspection.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const typo = await post(service.url, { query: '{ helo }' });
      expect(typo.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(typo.body.errors[0].message).not.toMatch(/Did you mean/);
    } finally {
      await service.stop();
    }
  });

  it('refuses bad limit and switch values at start-up, naming each variable', () => {
    expect(() => graphqlSettingsFromEnv(false, { QUERY_MAX_COST: '0', QUERY_MAX_DEPTH: 'deep', GRAPHQL_DEBUG: 'maybe' })).toThrow(ConfigError);
    try {
      graphqlSettingsFromEnv(false, { QUERY_MAX_COST: '0', QUERY_MAX_DEPTH: 'deep', GRAPHQL_DEBUG: 'maybe' });
    } catch (error) {
      expect((error as Error).message).toMatch(/QUERY_MAX_COST[\s\S]*QUERY_MAX_DEPTH[\s\S]*GRAPHQL_DEBUG|QUERY_MAX_DEPTH[\s\S]*QUERY_MAX_COST/);
      expect((error as Error).message).toMatch(/GRAPHQL_DEBUG/);
    }
  });
});

describe('errors below GraphQL', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await probe();
  });
  afterAll(() => service?.stop());

  const expectJsonError = (answer: { status: number; type: string | null; body: Untyped }, status: number, code: string) => {
    expect(answer.status).toBe(status);
    expect(answer.type).toMatch(/^application\/json/);
    expect(answer.body.errors).toEqual([{ message: expect.any(String), extensions: expect.objectContaining({ code }) }]);
    expect(JSON.stringify(answer.body)).not.toMatch(/at \w+ \(|node_modules|<html|<pre/i);
  };

  it('answers a body over the limit with JSON 413 PAYLOAD_TOO_LARGE', async () => {
    const answer = await post(service.url, { query: `{ hello } #${'x'.repeat(1_100_000)}` });
    expectJsonError(answer, 413, 'PAYLOAD_TOO_LARGE');
    expect(answer.body.errors[0].extensions.limit).toBe(1024 * 1024);
  });

  it('answers malformed JSON, a non-JSON body and an unknown path with JSON errors', async () => {
    expectJsonError(await post(service.url, '{"query": "{ hello }"'), 400, 'BAD_REQUEST');
    expectJsonError(await post(service.url, 'query=%7B+hello+%7D', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'BAD_REQUEST');
    expectJsonError(await post(service.url, '{ hello }', { 'content-type': 'text/plain' }), 415, 'BAD_REQUEST');
    expectJsonError(await post(service.url.replace('/graphql', '/nowhere'), {}), 404, 'NOT_FOUND');
    const wrongCharset = await post(service.url, '{}', { 'content-type': 'application/json; charset=latin-9' });
    expectJsonError(wrongCharset, 415, 'BAD_REQUEST');
  });

  it('refuses what express.json refuses on the path that skips Express: a string or number at the top, only spaces', async () => {
    for (const body of ['"{ hello }"', '42', '   ']) {
      const answer = await post(service.url, body);
      expectJsonError(answer, 400, 'BAD_REQUEST');
      expect(answer.body.errors[0].message).toBe('The request body is not valid JSON.');
    }
    expectJsonError(await post(service.url, [{ query: '{ hello }' }]), 400, 'BAD_REQUEST'); // no batches
  });

  it('answers a declared length over the limit at once, before reading the body', async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(service.url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(2 * 1024 * 1024) } }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk)).on('end', () => {
          request.destroy();
          resolve({ status: response.statusCode ?? 0, body });
        });
      });
      request.on('error', reject);
      request.write('{"query": "'); // and nothing more: the answer must not wait for the rest
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('shrugs off 50 clients that hang up halfway through their bodies, and answers the next one', async () => {
    const { port } = new URL(service.url);
    await Promise.all(Array.from({ length: 50 }, () => new Promise<void>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 400\r\n\r\n{"query": "{ hel');
        setTimeout(() => socket.destroy(), 20);
      });
      socket.on('close', () => resolve()).on('error', () => undefined);
    })));
    expect((await post(service.url, { query: '{ hello }' })).body).toEqual({ data: { hello: 'world' } });
  });

  it('answers alike whether the request skips Express (plain JSON) or not (a gzip body, which Express inflates)', async () => {
    const query = { query: '{ hello }' };
    const plain = await post(service.url, query, { 'content-type': 'application/json; charset=utf-8' });
    const zipped = await fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync(JSON.stringify(query)) });
    expect(plain.body).toEqual({ data: { hello: 'world' } });
    expect(await zipped.json()).toEqual(plain.body);
    expect(zipped.headers.get('x-request-id')).toBeTruthy();
  });

  it('still answers GET queries and requests without a body the way Apollo does', async () => {
    const get = await fetch(`${service.url}?query=${encodeURIComponent('{ hello }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await get.json()).toEqual({ data: { hello: 'world' } });
    const empty = await post(service.url, {});
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});
