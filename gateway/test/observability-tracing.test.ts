import { SpanKind } from '@opentelemetry/api';
import { createLogger, prismaClientOptions, startSubgraph, type RunningService } from '@shop/platform';
import { recordSpans, type ReadableSpan } from '@shop/platform/observability/testing';
import { createTestDatabase, createTestIssuer, type TestDatabase } from '@shop/platform/testing';
import { parse } from 'graphql';
// The order context's generated client stands in for any context's: the subgraph below only runs raw SQL.
import { PrismaClient } from '../../subgraphs/order/src/generated/prisma/client';
import { startTestGateway, type TestGateway } from '../src/testing';

const silent = createLogger('observability-test', 'silent');
const issuer = createTestIssuer();
const sdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { outboxSize: Int! }
`;

let database: TestDatabase;
let prisma: PrismaClient;
let stock: RunningService;
let gateway: TestGateway;
let recorded: ReturnType<typeof recordSpans>;
/** The bindings of each request's logger in the subgraph. */
const logBindings: Record<string, unknown>[] = [];

beforeAll(async () => {
  recorded = recordSpans();
  database = await createTestDatabase('order');
  prisma = new PrismaClient(prismaClientOptions({ connectionString: database.url, poolSize: 2 }));
  stock = await startSubgraph({
    name: 'stock', typeDefs: parse(sdl), port: 0, host: '127.0.0.1', log: silent, production: false, identity: issuer.identity,
    context: ({ log }) => {
      logBindings.push(log.bindings());
      return {};
    },
    resolvers: {
      Query: {
        outboxSize: async () => (await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM domain_events`)[0].n,
      },
    },
  });
  gateway = await startTestGateway([{ name: 'stock', url: stock.url, typeDefs: sdl }], issuer.identity, silent);
});

afterAll(async () => {
  await gateway?.stop();
  await stock?.stop();
  await prisma?.$disconnect();
  await database?.drop();
  await recorded?.stop();
});

const serviceOf = (span: ReadableSpan) => span.attributes['shop.service'];

test('a request through the gateway is one trace: the gateway, the subgraph it asks and the SQL the subgraph runs', async () => {
  const answer = await gateway.query('query StockOutbox { outboxSize }');
  expect(answer.data).toEqual({ outboxSize: 0 });

  const gatewaySpan = recorded.spans().find((s) => serviceOf(s) === 'gateway' && s.name === 'query StockOutbox')!;
  expect(gatewaySpan.kind).toBe(SpanKind.SERVER);
  const { traceId } = gatewaySpan.spanContext();
  const trace = recorded.spans().filter((s) => s.spanContext().traceId === traceId);

  // The gateway's span is the root; Apollo Gateway's own planning and fetch spans are its descendants.
  expect(trace.filter((s) => !s.parentSpanContext)).toEqual([gatewaySpan]);
  const fetch = trace.find((s) => s.name === 'gateway.fetch')!;
  expect(fetch).toBeDefined();
  // The subgraph continues the trace from the fetch's `traceparent`.
  const subgraph = trace.find((s) => serviceOf(s) === 'stock')!;
  expect(subgraph).toMatchObject({ kind: SpanKind.SERVER, name: 'query StockOutbox__stock__0' });
  expect(subgraph.parentSpanContext?.spanId).toBe(fetch.spanContext().spanId);
  // …and the statement it ran is its descendant.
  const sql = trace.find((s) => s.name === 'pg SELECT' && String(s.attributes['db.query.text']).includes('domain_events'))!;
  expect(sql).toMatchObject({ kind: SpanKind.CLIENT, attributes: expect.objectContaining({ 'db.system.name': 'postgresql', 'db.namespace': database.name }) });
  const byId = new Map(trace.map((s) => [s.spanContext().spanId, s]));
  const ancestors = (span: ReadableSpan): ReadableSpan[] => {
    const parent = span.parentSpanContext && byId.get(span.parentSpanContext.spanId);
    return parent ? [parent, ...ancestors(parent)] : [];
  };
  expect(ancestors(sql)).toContain(subgraph);
  // The subgraph's log lines for the request name the trace, so a log line leads to its trace.
  expect(logBindings.at(-1)).toMatchObject({ traceId });
});

test("a caller's traceparent is continued, so the shop's spans join a trace begun outside it", async () => {
  const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
  await gateway.query('query CalledFromOutside { outboxSize }', undefined, { traceparent: `00-${callerTrace}-00f067aa0ba902b7-01` });
  const gatewaySpan = recorded.spans().find((s) => s.name === 'query CalledFromOutside')!;
  expect(gatewaySpan.spanContext().traceId).toBe(callerTrace);
  expect(recorded.spans().some((s) => serviceOf(s) === 'stock' && s.spanContext().traceId === callerTrace)).toBe(true);
});
