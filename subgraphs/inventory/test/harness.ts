import { randomUUID } from 'node:crypto';
import { createLogger, type RunningService, type Viewer } from '@shop/platform';
import { createTestDatabase, createTestIssuer, StatementCounter, type TestDatabase } from '@shop/platform/testing';
import { createInventoryDb, InventoryLoaders, startInventorySubgraph, type InventoryContext, type InventoryDb } from '../src/index';

export const ADMIN_ID = '00000000-0000-4000-8000-00000000a001';
export const SECOND_ADMIN_ID = '00000000-0000-4000-8000-00000000a002';
export const THIRD_ADMIN_ID = '00000000-0000-4000-8000-00000000a003';

/** Signs the bearer tokens these tests present; the inventory subgraph (and gateway) verify them. */
export const issuer = createTestIssuer();

/** Who a request comes from. Every test sends identity through these. */
export const asAdmin = (id: string = ADMIN_ID): Record<string, string> => issuer.as(id, ['customer', 'admin']);
export const asSecondAdmin = (): Record<string, string> => asAdmin(SECOND_ADMIN_ID);
export const asCustomer = (id: string = randomUUID()): Record<string, string> => issuer.as(id, ['customer']);
/** The checkout saga: another of our services. */
export const asService = (): Record<string, string> => issuer.as(randomUUID(), ['service']);
export const anonymous = (): Record<string, string> => ({});

/** The same callers, for tests that call service functions in-process (the way the checkout saga will). */
export const adminViewer: Viewer = { customerId: ADMIN_ID, roles: ['admin', 'customer'] };

export interface GraphQLResult {
  data?: any;
  errors?: any[];
}

export interface InventoryHarness {
  db: InventoryDb;
  database: TestDatabase;
  inventory: RunningService;
  statements: StatementCounter;
  /** POSTs to the inventory subgraph as the given caller. */
  query(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResult>;
  /** A service context as the given viewer, on the harness's database. */
  context(viewer?: Viewer): InventoryContext;
  stop(): Promise<void>;
}

/** A real inventory subgraph on its own fresh database for one test file. The sweeper is off (tests sweep by hand). */
export async function startInventoryHarness(options: { poolSize?: number } = {}): Promise<InventoryHarness> {
  const database = await createTestDatabase('inventory');
  const statements = new StatementCounter();
  const log = createLogger('inventory', process.env.LOG_LEVEL ?? 'silent');
  const inventory = await startInventorySubgraph({
    databaseUrl: database.url,
    port: 0,
    host: '127.0.0.1',
    log,
    production: false,
    identity: issuer.identity,
    sweepIntervalMs: 0,
    poolSize: options.poolSize,
    onStatement: statements.record,
  });
  const db = createInventoryDb({ connectionString: database.url, poolSize: options.poolSize });
  return {
    db,
    database,
    inventory,
    statements,
    query: (query, variables, headers = {}) => querySubgraph(inventory.url, query, variables, headers),
    context: (viewer = adminViewer) => ({ db, viewer, log, loaders: new InventoryLoaders(db) }),
    async stop() {
      await inventory.stop();
      await db.$disconnect();
      await database.drop();
    },
  };
}

/** POSTs straight to a subgraph, the way the gateway does. */
export async function querySubgraph(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResult;
}

/** The `extensions.code` of the first error, or 'no error'. */
export const codeOf = (result: GraphQLResult) => result.errors?.[0]?.extensions?.code ?? 'no error';
