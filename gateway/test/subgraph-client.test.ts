import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { createLogger } from '@shop/platform';
import { createEntityCache, memoryCacheStore } from '../src/entity-cache';
import { createSubgraphAgent, subgraphDataSource } from '../src/subgraph-client';

/**
 * The gateway's subgraph client against a real HTTP server standing in for a subgraph: it counts requests, answers
 * after 100 ms (so requests overlap), and marks answers public or private as a subgraph's cache hints would.
 */
interface Seen {
  body: { query: string; variables?: { representations?: { id: string }[] } };
  headers: http.IncomingHttpHeaders;
}
const seen: Seen[] = [];
/** Requests the stand-in subgraph has answered (each is answered 100 ms after it arrived). */
let answered = 0;
let cacheControl = 'no-store';
let server: http.Server;
let url: string;
const agent = createSubgraphAgent();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const body = JSON.parse(raw) as Seen['body'];
      seen.push({ body, headers: req.headers });
      const representations = body.variables?.representations;
      const answer = representations
        ? { data: { _entities: representations.map((r) => (r.id === 'broken' ? null : { id: r.id, name: `Product ${r.id}` })) }, ...(representations.some((r) => r.id === 'broken') ? { errors: [{ message: 'no', path: ['_entities', representations.findIndex((r) => r.id === 'broken'), 'name'] }] } : {}) }
        : { data: { answer: req.headers.authorization ?? 'guest' } };
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': cacheControl });
        res.end(JSON.stringify(answer));
        answered += 1;
      }, 100);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await agent.close();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
  answered = 0;
  cacheControl = 'no-store';
});

const log = createLogger('test', 'silent');
const fetchOf = (source: ReturnType<typeof subgraphDataSource>) =>
  (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}, cachePartition: string | null = 'shopper') =>
    source.process({
      kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
      request: { query, variables },
      context: { requestId: 'r', log, forwardHeaders: headers, cachePartition },
      incomingRequestContext: {} as never,
    });

describe('merging identical fetches in flight', () => {
  const source = () => fetchOf(subgraphDataSource({ name: 'catalog', url, agent, cache: null, mergeInFlight: true }));

  it('sends one request for ten identical queries of one caller, and each gets its own copy of the answer', async () => {
    const ask = source();
    const answers = await Promise.all(Array.from({ length: 10 }, () => ask('query Q{answer}', {}, { authorization: 'Bearer a' })));
    expect(seen).toHaveLength(1);
    expect(new Set(answers.map((a) => a.data)).size).toBe(10); // distinct objects: the executor merges into them
    for (const answer of answers) expect(answer.data).toEqual({ answer: 'Bearer a' });
  });

  it("never merges two callers' private queries: each gets the answer for their own token", async () => {
    const ask = source();
    const answers = await Promise.all(['a', 'b', 'a', 'b'].map((who) => ask('query Q{answer}', {}, { authorization: `Bearer ${who}` })));
    expect(seen).toHaveLength(2);
    expect(answers.map((a) => a.data?.answer)).toEqual(['Bearer a', 'Bearer b', 'Bearer a', 'Bearer b']);
  });

  it('never merges mutations', async () => {
    const ask = source();
    await Promise.all(Array.from({ length: 5 }, () => ask('mutation M{answer}', {}, { authorization: 'Bearer a' })));
    expect(seen).toHaveLength(5);
  });
});

describe('the entity cache in the subgraph client', () => {
  const ENTITIES = 'query E($representations:[_Any!]!){_entities(representations:$representations){...on Product{id name}}}';
  const rep = (id: string) => ({ __typename: 'Product', id });
  const source = () => {
    const cache = createEntityCache(memoryCacheStore());
    return { cache, ask: fetchOf(subgraphDataSource({ name: 'catalog', url, agent, cache, mergeInFlight: true })) };
  };

  it('keeps public entities one by one and fetches only the ones it lacks', async () => {
    cacheControl = 'max-age=30, public';
    const { ask } = source();
    await ask(ENTITIES, { representations: [rep('1'), rep('2')] });
    const answer = await ask(ENTITIES, { representations: [rep('2'), rep('3'), rep('1')] });
    expect(answer.data).toEqual({ _entities: [{ id: '2', name: 'Product 2' }, { id: '3', name: 'Product 3' }, { id: '1', name: 'Product 1' }] });
    expect(seen.map((s) => s.body.variables?.representations?.map((r) => r.id))).toEqual([['1', '2'], ['3']]);
  });

  it('keeps nothing a subgraph did not mark public, and stops asking the cache for that selection', async () => {
    const { ask, cache } = source();
    await ask(ENTITIES, { representations: [rep('1')] });
    await ask(ENTITIES, { representations: [rep('1')] });
    expect(seen).toHaveLength(2);
    expect(cache.stats().misses).toBe(1);
  });

  it('keeps nothing for staff (no partition)', async () => {
    cacheControl = 'max-age=30, public';
    const { ask } = source();
    await ask(ENTITIES, { representations: [rep('1')] }, {}, null);
    await ask(ENTITIES, { representations: [rep('1')] }, {}, null);
    expect(seen).toHaveLength(2);
  });

  it("points a partial fetch's error paths at the request's own positions", async () => {
    cacheControl = 'max-age=30, public';
    const { ask } = source();
    await ask(ENTITIES, { representations: [rep('1')] });
    const answer = await ask(ENTITIES, { representations: [rep('1'), rep('broken')] });
    expect(answer.errors?.[0].path).toEqual(['_entities', 1, 'name']);
    expect(answer.data).toEqual({ _entities: [{ id: '1', name: 'Product 1' }, null] });
  });

  it('evicts an entity when an event names it', async () => {
    cacheControl = 'max-age=30, public';
    const { ask, cache } = source();
    await ask(ENTITIES, { representations: [rep('p1')] });
    await cache.invalidateFor({ id: 'e', source: 'catalog', type: 'ProductUpdated', aggregateType: 'Product', aggregateId: 'p1', version: 2, schemaVersion: 1, occurredAt: '', data: {} });
    await ask(ENTITIES, { representations: [rep('p1')] });
    expect(seen).toHaveLength(2);
  });
});

describe('refreshing a kept answer ahead of its expiry', () => {
  const ENTITIES = 'query E($representations:[_Any!]!){_entities(representations:$representations){...on Product{id name}}}';
  const rep = (id: string) => ({ __typename: 'Product', id });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const source = () => fetchOf(subgraphDataSource({ name: 'catalog', url, agent, cache: createEntityCache(memoryCacheStore()), mergeInFlight: true }));
  // Answers kept for 3 s are due for a refresh from 2.4 s on: a read at 2.5 s is in that window with room to spare.
  const KEPT = 'max-age=3, public';
  const intoRefreshWindow = () => sleep(2_500);
  const pastFirstExpiry = () => sleep(700);

  it('answers an entity read in the last fifth of its TTL from the cache at once, fetches it again behind the answer, once, and keeps it past its first expiry', async () => {
    cacheControl = KEPT;
    const ask = source();
    await ask(ENTITIES, { representations: [rep('p1')] });
    await intoRefreshWindow();
    const answers = await Promise.all(Array.from({ length: 5 }, () => ask(ENTITIES, { representations: [rep('p1')] })));
    for (const answer of answers) expect(answer.data).toEqual({ _entities: [{ id: 'p1', name: 'Product p1' }] });
    // Answered while the refresh was still on its way (the subgraph takes 100 ms): nobody waited for it.
    expect(answered).toBe(1);
    await pastFirstExpiry(); // one refresh has landed
    expect(seen).toHaveLength(2);
    expect(answered).toBe(2);
    await ask(ENTITIES, { representations: [rep('p1')] });
    expect(seen).toHaveLength(2);
  });

  it('refreshes a root answer the same way, and only the entities that are due of a batch', async () => {
    cacheControl = KEPT;
    const ask = source();
    await ask('query Q{answer}', {});
    await ask(ENTITIES, { representations: [rep('old')] });
    await intoRefreshWindow();
    await ask(ENTITIES, { representations: [rep('new')] }); // kept now, due only in 2.4 s
    expect((await ask('query Q{answer}', {})).data).toEqual({ answer: 'guest' });
    await ask(ENTITIES, { representations: [rep('old'), rep('new')] });
    await sleep(200);
    expect(seen.slice(3).map((s) => s.body.variables?.representations?.map((r) => r.id) ?? 'root')).toEqual(['root', ['old']]);
  });

  it('lets an answer expire when its refresh is not public any more, and asks the subgraph again then', async () => {
    cacheControl = KEPT;
    const ask = source();
    await ask(ENTITIES, { representations: [rep('p1')] });
    await intoRefreshWindow();
    cacheControl = 'no-store';
    await ask(ENTITIES, { representations: [rep('p1')] });
    await pastFirstExpiry();
    await ask(ENTITIES, { representations: [rep('p1')] });
    expect(seen).toHaveLength(3);
  });
});

