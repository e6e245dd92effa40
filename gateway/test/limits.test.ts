import { readFileSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createLogger, costAnnotationsOf, DEFAULT_QUERY_LIMITS, estimateCost, startSubgraph, type RunningService } from '@shop/platform';
import { repoRoot } from '@shop/platform/db/paths';
import { createTestIssuer, storefrontQueryFile } from '@shop/platform/testing';
import { Kind, Lexer, parse, Source, TokenKind, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { fetch } from 'undici';
import { asGuest, postGraphQL, startCartHarness, type CartHarness } from '../../subgraphs/cart/test/harness';
import { seedProduct } from '../../subgraphs/cart/test/seed';
import { composeSupergraph } from '../src/composition';
import { startGateway } from '../src/gateway';

type Untyped = any;

const PRODUCT_PAGE = readFileSync(storefrontQueryFile('product-page.graphql'), 'utf8');
const CATEGORY_PAGE = readFileSync(storefrontQueryFile('category-page.graphql'), 'utf8');
const nested = (field: string, levels: number, leaf = 'id'): string => (levels === 0 ? leaf : `${field} { ${nested(field, levels - 1, leaf)} }`);

/** Hostile operations, each with the limit it must trip. */
const hostile: [string, string, Record<string, unknown>, string][] = [
  ['a 16-level crossSells chain', `query($slug: String!) { product(slug: $slug) { ${nested('crossSells', 16)} } }`, {}, 'depth'],
  ['crossSells three deep on 100 products', `{ products(first: 100) { edges { node { ${nested('crossSells', 3)} } } } }`, {}, 'cost'],
  ['5,000 aliases', `query($slug: String!) { product(slug: $slug) { ${Array.from({ length: 5_000 }, (_, i) => `a${i}: name`).join(' ')} } }`, {}, 'tokens'],
  ['40 aliases', `query($slug: String!) { product(slug: $slug) { ${Array.from({ length: 40 }, (_, i) => `a${i}: name`).join(' ')} } }`, {}, 'aliases'],
  ['200 root fields', `{ ${'brands { id } '.repeat(200)}}`, {}, 'rootFields'],
  ['200 aliased root fields', `{ ${Array.from({ length: 200 }, (_, i) => `b${i}: brand(slug: "b${i}") { id }`).join(' ')} }`, {}, 'tokens'],
  ['a page of a billion products', `query($n: Int!) { products(first: $n) { edges { node { id } } } }`, { n: 1_000_000_000 }, 'cost'],
];

let h: CartHarness;
let slug: string;
let category: string;

beforeAll(async () => {
  h = await startCartHarness();
  const product = await seedProduct(h, { variants: 3 });
  const other = await seedProduct(h, { variants: 1 });
  slug = product.slug;
  category = (await h.catalogDb.product.findUniqueOrThrow({ where: { id: product.id }, include: { category: true } })).category.slug;
  await h.catalogDb.productRelation.create({ data: { productId: product.id, relatedProductId: other.id, relationType: 'cross_sell' } });
});
afterAll(() => h?.stop());

const subgraphFetches = () => Object.values(h.fetches).reduce((sum, proxy) => sum + (proxy?.count ?? 0), 0);

describe('through the gateway', () => {
  it("answers the storefront's product page and a 100-product category page in full", async () => {
    const page = await h.query(PRODUCT_PAGE, { slug }, asGuest());
    expect(page.errors).toBeUndefined();
    expect(page.data.product.variants).toHaveLength(3);
    expect(page.data.product.crossSells).toHaveLength(1);
    const listing = await h.query(CATEGORY_PAGE, { category, first: 100 });
    expect(listing.errors).toBeUndefined();
    expect(listing.data.products.edges).toHaveLength(1);
  });

  it.each(hostile)('refuses %s with QUERY_TOO_COMPLEX before asking any subgraph', async (_name, query, variables, measure) => {
    h.resetCounts();
    const answer = await h.query(query, { slug, ...variables });
    expect(answer.status).toBe(400);
    expect(answer.data).toBeUndefined();
    expect(answer.errors).toEqual([
      { message: expect.any(String), extensions: { code: 'QUERY_TOO_COMPLEX', measure, limit: expect.any(Number), measured: expect.any(Number) } },
    ]);
    expect(answer.errors![0].extensions.measured).toBeGreaterThan(answer.errors![0].extensions.limit);
    expect(subgraphFetches()).toBe(0);
  });
});

describe('straight to a subgraph', () => {
  const catalog = () => h.fetches.catalog!.url;

  it.each(hostile)('the catalog refuses %s with QUERY_TOO_COMPLEX', async (_name, query, variables, measure) => {
    const answer = await postGraphQL(catalog(), query, { slug, ...variables });
    expect(answer.status).toBe(400);
    expect(answer.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', measure }) })]);
  });

  it("accepts the gateway's own query plans for the storefront pages (every subgraph fetch answered without errors)", async () => {
    const seen: string[] = [];
    for (const proxy of Object.values(h.fetches)) proxy?.reset();
    await h.query(PRODUCT_PAGE, { slug }, asGuest());
    await h.query(CATEGORY_PAGE, { category, first: 100 });
    for (const proxy of Object.values(h.fetches)) seen.push(...(proxy?.seen ?? []));
    expect(seen.some((q) => q.includes('_entities'))).toBe(true);
    expect(subgraphFetches()).toBeGreaterThanOrEqual(3);
  });
});

describe('errors below GraphQL at the gateway', () => {
  const send = (body: string, contentType = 'application/json') =>
    fetch(h.gateway.url, { method: 'POST', headers: { 'content-type': contentType }, body }).then(async (r) => ({
      status: r.status, type: r.headers.get('content-type'), body: (await r.json()) as Untyped,
    }));

  it('answers an oversized body, malformed JSON and a form post as JSON errors in GraphQL shape', async () => {
    const big = await send(JSON.stringify({ query: `{ brands { id } } #${'x'.repeat(1_100_000)}` }));
    expect(big).toMatchObject({ status: 413, body: { errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] } });
    expect(big.type).toMatch(/^application\/json/);
    expect(await send('{"query": ')).toMatchObject({ status: 400, body: { errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] } });
    expect(await send('query=%7B%7D', 'application/x-www-form-urlencoded')).toMatchObject({ status: 415, body: { errors: [{ extensions: { code: 'BAD_REQUEST' } }] } });
  });
});

describe('the time budget', () => {
  it('answers GATEWAY_TIMEOUT when an operation runs out of time, and aborts its subgraph fetch', async () => {
    let closed!: () => void;
    const fetchAborted = new Promise<void>((resolve) => (closed = resolve));
    const sdl = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]) type Query { stuck: String quick: String }';
    const slow: RunningService = await startSubgraph<{ req: http.IncomingMessage }>({
      name: 'slow', typeDefs: parse(sdl), port: 0, host: '127.0.0.1', log: createLogger('slow', 'silent'), production: false,
      context: ({ req }) => ({ req }),
      resolvers: {
        Query: {
          quick: () => 'done',
          // Never answers by itself: it ends when the gateway drops the request.
          stuck: (_: unknown, __: unknown, { req }: { req: http.IncomingMessage }) => new Promise((resolve) => req.socket.once('close', () => (closed(), resolve(null)))),
        },
      },
    });
    const issuer = createTestIssuer();
    const gateway = await startGateway({
      port: 0, host: '127.0.0.1', supergraphSdl: composeSupergraph([{ name: 'slow', url: slow.url, typeDefs: sdl }]), log: createLogger('gateway', 'silent'),
      production: false, identity: issuer.identity, operationTimeoutMs: 300,
    });
    try {
      expect(await postGraphQL(gateway.url, '{ quick }')).toMatchObject({ status: 200, data: { quick: 'done' } });
      const answer = await postGraphQL(gateway.url, '{ stuck }');
      expect(answer.status).toBe(504);
      expect(answer.errors).toEqual([{ message: expect.stringMatching(/longer than 300 ms/), extensions: { code: 'GATEWAY_TIMEOUT', budgetMs: 300 } }]);
      await fetchAborted;
    } finally {
      await gateway.stop();
      await slow.stop();
    }
  });
});

describe("every query the shop's own clients and tests send", () => {
  /** GraphQL documents written in the repository: storefront queries, and literals in tests, benchmarks and the smoke run. */
  function projectQueries(): { file: string; document: DocumentNode; text: string }[] {
    const root = repoRoot();
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const file = path.join(dir, name);
        if (['node_modules', 'dist', '.data'].includes(name)) return [];
        return statSync(file).isDirectory() ? walk(file) : /\.(ts|js)$/.test(name) && /test|bench|smoke/.test(file) ? [file] : [];
      });
    const files = ['embedded', 'bench', 'gateway', 'packages', 'subgraphs'].flatMap((d) => walk(path.join(root, d)))
      // Tests of the limits themselves send hostile operations on purpose.
      .filter((f) => !/limits\.test\.ts$/.test(f));
    const found = [PRODUCT_PAGE, CATEGORY_PAGE].map((text) => ({ file: 'queries/', text, document: parse(text) }));
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(/`([^`]*)`|'((?:query|mutation|\{)[^'\n]*)'/g)) {
        const text = (match[1] ?? match[2]).replace(/\$\{[^}]*\}/g, '__typename');
        if (!/^\s*(query|mutation|\{)/.test(text)) continue;
        try {
          found.push({ file: path.relative(root, file), text, document: parse(text) });
        } catch {
          // Not GraphQL (or not without its interpolations).
        }
      }
    }
    return found;
  }

  const depthOf = (set: SelectionSetNode, fragments: Map<string, SelectionSetNode>): number =>
    Math.max(0, ...set.selections.map((s) => {
      if (s.kind === Kind.FIELD) return s.selectionSet ? 1 + depthOf(s.selectionSet, fragments) : 1;
      if (s.kind === Kind.INLINE_FRAGMENT) return depthOf(s.selectionSet, fragments);
      const fragment = fragments.get(s.name.value);
      return fragment ? depthOf(fragment, fragments) : 0;
    }));

  it('stays well inside every limit, and within the cost limit even at 100 items per page', async () => {
    const supergraphSdl = readFileSync(path.join(repoRoot(), 'supergraph.graphql'), 'utf8');
    const loader = new ApolloGateway({ supergraphSdl });
    let api!: GraphQLSchema;
    loader.onSchemaLoadOrUpdate(({ apiSchema }) => (api = apiSchema));
    await loader.load();
    await loader.stop();
    const schemas: [GraphQLSchema, DocumentNode][] = [[api, parse(supergraphSdl)]];
    for (const name of ['catalog', 'customer', 'inventory', 'cart', 'order', 'payment']) {
      const sdl = parse(readFileSync(path.join(repoRoot(), 'subgraphs', name, 'schema.graphql'), 'utf8'));
      schemas.push([buildSubgraphSchema({ typeDefs: sdl }), sdl]);
    }
    const limits = DEFAULT_QUERY_LIMITS;
    const over: string[] = [];
    let measured = 0;
    for (const { file, text, document } of projectQueries()) {
      const match = schemas.find(([schema]) => validate(schema, document).length === 0);
      if (!match) continue;
      const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])));
      for (const operation of document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)) {
        measured++;
        const lexer = new Lexer(new Source(text));
        let tokens = 0;
        while (lexer.advance().kind !== TokenKind.EOF) tokens++;
        const aliases = (JSON.stringify(operation).match(/"alias":\{"kind":"Name"/g) ?? []).length;
        const roots = operation.selectionSet.selections.length;
        const pages = Object.fromEntries((operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, 100]));
        const cost = estimateCost({ schema: match[0], document, operation, variables: pages, ...costAnnotationsOf(match[1]), defaultListSize: limits.defaultListSize });
        const depth = depthOf(operation.selectionSet, fragments);
        if (depth > limits.maxDepth - 3 || aliases > limits.maxAliases / 2 || roots > limits.maxRootFields / 2 || tokens > limits.maxTokens / 2 || cost > limits.maxCost) {
          over.push(`${file}: depth ${depth}, aliases ${aliases}, root fields ${roots}, tokens ${tokens}, cost ${cost}: ${text.slice(0, 80)}`);
        }
      }
    }
    expect(measured).toBeGreaterThan(200);
    expect(over).toEqual([]);
  });
});
