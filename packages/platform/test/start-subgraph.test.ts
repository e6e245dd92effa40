import { randomUUID } from 'node:crypto';
import { parse } from 'graphql';
import { z } from 'zod';
import { createLogger } from '../src/logger';
import { startSubgraph, type RunningService, type ServiceDatabase, type SubgraphOptions } from '../src/server';
import { deadLetterTypeDefs, inProcessTransport, on, type SqlClient } from '../src/events';
import type { Viewer } from '../src/identity/viewer';
import { createTestIssuer } from '../src/testing/identity';

const log = createLogger('start-subgraph-test', 'silent');
const issuer = createTestIssuer();

const header = `
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])
  @link(url: "https://github.com/shop-supergraph/auth/v1.0", import: ["@requiresRole"])
directive @requiresRole(role: String!) on FIELD_DEFINITION | OBJECT
`;
const sdl = `${header}
type Query { me: String }
type Mutation { noop: Boolean }
`;

interface Ctx {
  viewer: Viewer;
}

/** A database that answers, or not, as the test says; it remembers when it was disconnected. */
function fakeDatabase() {
  const state = { up: true, disconnected: false, order: [] as string[] };
  const db: ServiceDatabase = {
    $queryRaw: (async () => {
      if (!state.up) throw new Error('connection refused');
      return [{ '?column?': 1 }];
    }) as ServiceDatabase['$queryRaw'],
    $disconnect: async () => {
      state.disconnected = true;
      state.order.push('db disconnected');
    },
  };
  return { db, state };
}

const started: RunningService[] = [];
afterAll(async () => {
  for (const service of started) await service.stop();
});

async function start(extra: Partial<SubgraphOptions<Ctx>> = {}, typeDefs = sdl) {
  const service = await startSubgraph<Ctx>({
    name: 'probe',
    typeDefs: parse(typeDefs),
    resolvers: { Query: { me: (_: unknown, __: unknown, ctx: Ctx) => ctx.viewer.customerId ?? 'anonymous' } },
    port: 0,
    host: '127.0.0.1',
    log,
    production: false,
    identity: issuer.identity,
    context: ({ viewer }) => ({ viewer }),
    ...extra,
  });
  started.push(service);
  return service;
}

async function post(service: RunningService, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] };
}

describe('starting a context subgraph', () => {
  it('hands the context builder the caller its identity verified, and anonymous without a token', async () => {
    const service = await start();
    const customerId = randomUUID();
    expect((await post(service, '{ me }', issuer.as(customerId, ['customer']))).data).toEqual({ me: customerId });
    expect((await post(service, '{ me }')).data).toEqual({ me: 'anonymous' });
  });

  it('refuses a forged token before any resolver runs', async () => {
    const service = await start();
    const body = await post(service, '{ me }', { authorization: `Bearer ${issuer.forged(randomUUID(), ['admin'])}` });
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('is ready only while its database answers, and disconnects it after its own jobs stopped', async () => {
    const { db, state } = fakeDatabase();
    const service = await startSubgraph<Ctx>({
      name: 'probe',
      typeDefs: parse(sdl),
      resolvers: {},
      port: 0,
      host: '127.0.0.1',
      log,
      production: false,
      db,
      context: ({ viewer }) => ({ viewer }),
      onStop: async () => void state.order.push('jobs stopped'),
    });
    const ready = () => fetch(service.url.replace(/\/graphql$/, '/ready')).then((r) => r.status);
    expect(await ready()).toBe(200);
    state.up = false;
    expect(await ready()).toBe(503);
    state.up = true;
    expect(await ready()).toBe(200);
    await service.stop();
    expect(state.order).toEqual(['jobs stopped', 'db disconnected']);
  });

  it('does not start a context that reacts to events without the dead-letter fields in its schema', async () => {
    const handler = on('order', 'OrderConfirmed', z.object({ orderId: z.string() }), async () => undefined);
    const events = { inTransaction: <T>(work: (tx: SqlClient) => Promise<T>) => work({} as SqlClient), handlers: [handler], publishes: false };
    await expect(start({ events, eventTransport: inProcessTransport() })).rejects.toThrow(/add deadLetterTypeDefs\('probe'\) to its schema\.graphql/);
  });

  it('serves a consuming context its dead letters, to staff only', async () => {
    const handler = on('order', 'OrderConfirmed', z.object({ orderId: z.string() }), async () => undefined);
    const events = { inTransaction: <T>(work: (tx: SqlClient) => Promise<T>) => work({} as SqlClient), handlers: [handler], publishes: false };
    const service = await start({ events, eventTransport: inProcessTransport() }, `${sdl}\n${deadLetterTypeDefs('probe')}`);
    const query = '{ probeEventDeadLetters { id error } }';
    expect((await post(service, query, issuer.as(randomUUID(), ['admin']))).data).toEqual({ probeEventDeadLetters: [] });
    expect((await post(service, query, issuer.as(randomUUID(), ['customer']))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
