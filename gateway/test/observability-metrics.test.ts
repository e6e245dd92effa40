import { createLogger, prismaClientOptions, ShopError, startSubgraph, type RunningService } from '@shop/platform';
import { createTestDatabase, createTestIssuer, type TestDatabase } from '@shop/platform/testing';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { fetch } from 'undici';
import YAML from 'yaml';
// The order context's generated client stands in for any context's: the subgraph below only runs raw SQL.
import { PrismaClient } from '../../subgraphs/order/src/generated/prisma/client';
import { repoRoot } from '../src/paths';
import { startTestGateway, type TestGateway } from '../src/testing';

const silent = createLogger('observability-test', 'silent');
const issuer = createTestIssuer();
const sdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { outboxSize: Int! missing: Int }
`;
const TOKEN = 'scrape-secret';

let database: TestDatabase;
let prisma: PrismaClient;
let stock: RunningService;
let gateway: TestGateway;

beforeAll(async () => {
  database = await createTestDatabase('order');
  prisma = new PrismaClient(prismaClientOptions({ connectionString: database.url, poolSize: 2 }));
  process.env.METRICS_TOKEN = TOKEN; // the subgraph's /metrics asks for it; the gateway's below does not
  try {
    stock = await startSubgraph({
      name: 'stock', typeDefs: parse(sdl), port: 0, host: '127.0.0.1', log: silent, production: false, identity: issuer.identity,
      context: () => ({}),
      resolvers: {
        Query: {
          outboxSize: async () => (await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM domain_events`)[0].n,
          missing: () => {
            throw new ShopError('NOT_FOUND', 'No such thing');
          },
        },
      },
    });
  } finally {
    delete process.env.METRICS_TOKEN;
  }
  gateway = await startTestGateway([{ name: 'stock', url: stock.url, typeDefs: sdl }], issuer.identity, silent);
});

afterAll(async () => {
  await gateway?.stop();
  await stock?.stop();
  await prisma?.$disconnect();
  await database?.drop();
});

const metricsUrl = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, '/metrics');

async function scrape(url = metricsUrl(gateway.url), headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(url, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
}

/** A sample's value from the exposition text, by metric name and exact label set. */
function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

test('requests, latency and errors are counted per operation on the gateway and on the subgraph it asks', async () => {
  await gateway.query('query StockOutbox { outboxSize }');
  await gateway.query('query StockOutbox { outboxSize }');
  await gateway.query('{ outboxSize }');
  await gateway.query('query Lost { missing }');
  const invalid = await gateway.query('query Broken { noSuchField }');
  expect(invalid.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');

  const text = await scrape();
  expect(sample(text, 'shop_graphql_requests_total', 'service="gateway",operation="StockOutbox",type="query"')).toBe(2);
  expect(sample(text, 'shop_graphql_request_duration_seconds_count', 'service="gateway",operation="StockOutbox",type="query"')).toBe(2);
  expect(sample(text, 'shop_graphql_requests_total', 'service="gateway",operation="anonymous",type="query"')).toBe(1);
  // What did not validate has no trustworthy name: counted as unknown, by the code its client got.
  expect(sample(text, 'shop_graphql_requests_total', 'service="gateway",operation="unknown",type="unknown"')).toBe(1);
  expect(sample(text, 'shop_graphql_errors_total', 'service="gateway",operation="unknown",code="GRAPHQL_VALIDATION_FAILED"')).toBe(1);
  expect(sample(text, 'shop_graphql_errors_total', 'service="gateway",operation="Lost",code="NOT_FOUND"')).toBe(1);
  // The subgraph counts the gateway's fetches under the names Apollo Gateway gives them.
  expect(sample(text, 'shop_graphql_requests_total', 'service="stock",operation="StockOutbox__stock__0",type="query"')).toBe(2);
  expect(sample(text, 'shop_graphql_errors_total', 'service="stock",operation="Lost__stock__0",code="NOT_FOUND"')).toBe(1);
  // Pool use of the subgraph's database, subscriptions of the gateway, and the process's own figures.
  expect(sample(text, 'shop_db_pool_connections', `database="${database.name}",state="total"`)).toBeGreaterThanOrEqual(1);
  expect(sample(text, 'shop_db_pool_max_connections', `database="${database.name}"`)).toBe(2);
  expect(text).toMatch(/^shop_gateway_subscription_connections 0$/m);
  expect(text).toMatch(/^shop_gateway_subscriptions 0$/m);
  expect(text).toMatch(/^process_cpu_user_seconds_total /m);
});

test('with METRICS_TOKEN set, /metrics answers only a scrape that brings it', async () => {
  const url = metricsUrl(stock.url);
  expect((await fetch(url)).status).toBe(401);
  expect((await fetch(url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  expect(await scrape(url, { authorization: `Bearer ${TOKEN}` })).toContain('shop_graphql_requests_total');
});

test('metrics are not served on the public GraphQL path', async () => {
  const response = await fetch(`${gateway.url}?metrics`, { headers: { accept: 'text/plain' } });
  expect(await response.text()).not.toContain('shop_graphql_requests_total');
});

describe('the repository\'s monitoring files', () => {
  test('every metric the Grafana dashboard charts is one the services expose', async () => {
    const dashboard = JSON.parse(readFileSync(path.join(repoRoot, 'observability/grafana/shop-dashboard.json'), 'utf8')) as {
      panels: { targets?: { expr: string }[] }[];
    };
    const charted = new Set(
      dashboard.panels.flatMap((p) => p.targets ?? []).flatMap((t) => t.expr.match(/\b(shop|process|nodejs)_\w+/g) ?? [])
        .map((name) => name.replace(/_(bucket|count|sum)$/, '')),
    );
    expect(charted.size).toBeGreaterThan(10);
    const exposed = await scrape();
    for (const name of charted) expect(`${name}: ${exposed.includes(`# TYPE ${name} `)}`).toBe(`${name}: true`);
  });

  test('the Prometheus example scrapes the gateway and all eight subgraphs on their default ports', () => {
    const config = YAML.parse(readFileSync(path.join(repoRoot, 'observability/prometheus.yml'), 'utf8')) as {
      scrape_configs: { metrics_path: string; static_configs: { targets: string[] }[] }[];
    };
    const [shop] = config.scrape_configs;
    expect(shop.metrics_path).toBe('/metrics');
    const ports = shop.static_configs.flatMap((c) => c.targets).map((t) => Number(t.split(':')[1]));
    expect(ports.sort()).toEqual([4000, 4001, 4002, 4003, 4004, 4005, 4006, 4007, 4008]);
  });
});
