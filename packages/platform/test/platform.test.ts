import { gql } from 'graphql-tag';
import { z } from 'zod';
import { baseConfigSchema, ConfigError, envBoolean, envPort, loadConfig, postgresUrl } from '../src/config';
import { decodeCursor, encodeCursor, readPage, toConnection } from '../src/graphql/connection';
import { money, parseAmount } from '../src/graphql/money';
import { parseId, parseInput } from '../src/graphql/validation';
import { createTestIssuer } from '../src/testing/identity';
import { createLogger } from '../src/logger';
import { startSubgraph } from '../src/server';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code ?? (error as Error).name;
  }
  return 'no error';
};

describe('configuration', () => {
  const schema = baseConfigSchema.extend({ PORT: envPort(4001), DATABASE_URL: postgresUrl, FLAG: envBoolean(false) });

  it('applies defaults and parses the values people write', () => {
    const config = loadConfig(schema, { DATABASE_URL: 'postgresql://u@h/db', FLAG: 'yes' });
    expect(config).toMatchObject({ NODE_ENV: 'development', PORT: 4001, FLAG: true });
  });

  it('stops with one line per bad variable, naming it and what it got', () => {
    expect(() => loadConfig(schema, { DATABASE_URL: 'mysql://x/y', PORT: '70000', FLAG: 'maybe' })).toThrow(ConfigError);
    try {
      loadConfig(schema, { DATABASE_URL: 'mysql://x/y', PORT: '70000', FLAG: 'maybe' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/DATABASE_URL: .*postgres/);
      expect(message).toMatch(/PORT: .*\(got "70000"\)/);
      expect(message).toMatch(/FLAG: /);
    }
  });
});

describe('money', () => {
  it('is a two-place decimal string, never a float', () => {
    expect(money('0.1', 'USD')).toEqual({ amount: '0.10', currency: 'USD' });
    expect(money(parseAmount('19.9') as NonNullable<ReturnType<typeof parseAmount>>, 'EUR').amount).toBe('19.90');
    expect(['1e3', '1.234', 'abc', '', '123456789'].map(parseAmount)).toEqual([null, null, null, null, null]);
  });
});

describe('cursor connections', () => {
  const isId = (v: unknown): v is { id: number } => typeof (v as { id?: unknown })?.id === 'number';

  it('caps page size and refuses negative or oversized pages', () => {
    expect(readPage({ first: 100 }, isId, ['things']).limit).toBe(100);
    expect(codeOf(() => readPage({ first: 101 }, isId, ['things']))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => readPage({ first: -1 }, isId, ['things']))).toBe('BAD_USER_INPUT');
  });

  it('round-trips its own cursors and refuses forged ones', () => {
    expect(decodeCursor(encodeCursor({ id: 7 }), isId)).toEqual({ id: 7 });
    expect(codeOf(() => decodeCursor('%%%', isId))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeCursor(encodeCursor({ id: 'x' }), isId))).toBe('BAD_USER_INPUT');
  });

  it('tells whether another page exists from one extra row', () => {
    const page = toConnection([{ id: 1 }, { id: 2 }, { id: 3 }], readPage({ first: 2 }, isId, ['things']), (r) => r);
    expect(page.edges.map((e) => e.node.id)).toEqual([1, 2]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(readPage({ after: page.pageInfo.endCursor }, isId, ['things']).after).toEqual({ id: 2 });
  });
});

describe('input validation', () => {
  it('lists every bad field in one BAD_USER_INPUT', () => {
    try {
      parseInput(z.object({ name: z.string().max(3), age: z.number().int() }), { name: 'toolong', age: 1.5 });
      throw new Error('accepted bad input');
    } catch (error) {
      const e = error as { extensions: { code: string; fields: { field: string }[] } };
      expect(e.extensions.code).toBe('BAD_USER_INPUT');
      expect(e.extensions.fields.map((f) => f.field)).toEqual(['name', 'age']);
    }
    expect(codeOf(() => parseId('123'))).toBe('BAD_USER_INPUT');
  });
});

describe('request identity', () => {
  const issuer = createTestIssuer();
  const id = '00000000-0000-4000-8000-000000000001';
  const viewer = (authorization?: string) => issuer.identity.viewerFor(authorization ? { authorization } : {});
  const failure = (authorization: string) => viewer(authorization).then(() => 'no error', (e) => e.extensions.code);

  it('treats a request without a token as anonymous and ignores bare identity headers', async () => {
    expect(await viewer()).toEqual({ customerId: null, roles: [] });
    expect(await issuer.identity.viewerFor({ 'x-dev-customer-id': id, 'x-dev-roles': 'admin' })).toEqual({ customerId: null, roles: [] });
  });

  it('takes the customer from the subject and keeps only known roles, from either token shape', async () => {
    expect(await viewer(`Bearer ${issuer.tokenFor(id, ['admin'])}`)).toEqual({ customerId: id, roles: ['admin'] });
    expect(await viewer(`Bearer ${issuer.tokenFor(id, ['customer'], { keycloak: true })}`)).toEqual({ customerId: id, roles: ['customer'] });
  });

  it('never reads a service token as a customer, whatever its subject', async () => {
    expect(await viewer(`Bearer ${issuer.tokenFor(id, ['service', 'admin'])}`)).toEqual({ customerId: null, roles: ['service'] });
  });

  it('refuses forged, expired, malformed and non-bearer credentials with UNAUTHENTICATED', async () => {
    expect(await failure(`Bearer ${issuer.forged(id, ['admin'])}`)).toBe('UNAUTHENTICATED');
    expect(await failure(`Bearer ${issuer.tokenFor(id, ['admin'], { expiresIn: -1 })}`)).toBe('UNAUTHENTICATED');
    expect(await failure('Bearer a.b.c')).toBe('UNAUTHENTICATED');
    expect(await failure(`Token ${issuer.tokenFor(id, ['admin'])}`)).toBe('UNAUTHENTICATED');
  });
});

describe('a subgraph server', () => {
  it('answers /health and /ready, echoes the request id, and stops after draining', async () => {
    let ready = true;
    const service = await startSubgraph({
      name: 'probe',
      typeDefs: gql`type Query { hello: String }`,
      resolvers: { Query: { hello: async () => new Promise((r) => setTimeout(() => r('world'), 200)) } },
      port: 0,
      host: '127.0.0.1',
      log: createLogger('probe', 'silent'),
      production: true,
      context: () => ({}),
      ready: async () => {
        if (!ready) throw new Error('database down');
      },
    });
    const base = service.url.replace('/graphql', '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    ready = false;
    expect((await fetch(`${base}/ready`)).status).toBe(503);

    const slow = fetch(service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-42' },
      body: JSON.stringify({ query: '{ hello }' }),
    });
    await new Promise((r) => setTimeout(r, 50));
    const stopping = service.stop();
    const response = await slow;
    expect(response.headers.get('x-request-id')).toBe('req-42');
    expect(await response.json()).toEqual({ data: { hello: 'world' } });
    await stopping;
    await expect(fetch(`${base}/health`)).rejects.toThrow();
  });

  it('hides unexpected errors in production but keeps expected ones with their code', async () => {
    const service = await startSubgraph({
      name: 'errors',
      typeDefs: gql`type Query { broken: String, refused: String }`,
      resolvers: {
        Query: {
          broken: () => {
            throw new Error('SELECT * FROM secrets failed');
          },
          refused: () => parseId('nope'),
        },
      },
      port: 0,
      host: '127.0.0.1',
      log: createLogger('errors', 'silent'),
      production: true,
      context: () => ({}),
    });
    try {
      const response = await fetch(service.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ broken refused }' }),
      });
      const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      const [broken, refused] = body.errors;
      expect(broken.message).not.toContain('secrets');
      expect(broken.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) });
      expect(refused.extensions.code).toBe('BAD_USER_INPUT');
      expect(refused.extensions.stacktrace).toBeUndefined();
    } finally {
      await service.stop();
    }
  });
});

describe('enum defaults in a subgraph schema', () => {
  it('reach resolvers as internal values and survive introspection', async () => {
    let seen: unknown;
    const service = await startSubgraph({
      name: 'enums',
      typeDefs: gql`
        enum Status { DRAFT ACTIVE }
        type Query { items(status: Status = DRAFT): String }
      `,
      resolvers: { Status: { DRAFT: 'draft', ACTIVE: 'active' }, Query: { items: (_: unknown, args: { status: string }) => ((seen = args.status), 'ok') } } as never,
      port: 0,
      host: '127.0.0.1',
      log: createLogger('enums', 'silent'),
      production: false,
      context: () => ({}),
    });
    try {
      const post = (query: string) =>
        fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) }).then((r) => r.json() as Promise<any>);
      expect((await post('{ items }')).data.items).toBe('ok');
      expect(seen).toBe('draft');
      const introspected = await post('{ __type(name: "Query") { fields { args { defaultValue } } } }');
      expect(introspected.errors).toBeUndefined();
      expect(introspected.data.__type.fields[0].args[0].defaultValue).toBe('DRAFT');
    } finally {
      await service.stop();
    }
  });
});
