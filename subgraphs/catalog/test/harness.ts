import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { createLogger, type RunningService } from '@shop/platform';
import { createTestDatabase, createTestIssuer, StatementCounter, storefrontQuery as sharedStorefrontQuery, type TestDatabase } from '@shop/platform/testing';
import { startTestGateway, type TestGateway } from '@shop/gateway/testing';
import { createCatalogDb, startCatalogSubgraph, typeDefs, type CatalogDb } from '../src/index';

export const ADMIN_ID = '00000000-0000-4000-8000-00000000a001';
export const SECOND_ADMIN_ID = '00000000-0000-4000-8000-00000000a002';
/** Signs the tokens these tests present; the catalog verifies them against its public key. */
export const issuer = createTestIssuer();
export const asAdmin = issuer.as(ADMIN_ID, ['customer', 'admin']);
export const asCustomer = (id: string) => issuer.as(id, ['customer']);

export interface CatalogHarness {
  db: CatalogDb;
  database: TestDatabase;
  catalog: RunningService;
  gateway: TestGateway;
  statements: StatementCounter;
  stop(): Promise<void>;
}

/** A real catalog subgraph on its own fresh database, behind the real gateway, for one test file. */
export async function startCatalogHarness(): Promise<CatalogHarness> {
  const database = await createTestDatabase('catalog');
  const statements = new StatementCounter();
  const log = createLogger('catalog', process.env.LOG_LEVEL ?? 'silent');
  const catalog = await startCatalogSubgraph({
    databaseUrl: database.url,
    port: 0,
    host: '127.0.0.1',
    log,
    production: false,
    identity: issuer.identity,
    onStatement: statements.record,
  });
  const gateway = await startTestGateway([{ name: 'catalog', url: catalog.url, typeDefs }], issuer.identity);
  const db = createCatalogDb({ connectionString: database.url });
  return {
    db,
    database,
    catalog,
    gateway,
    statements,
    async stop() {
      await gateway.stop();
      await catalog.stop();
      await db.$disconnect();
      await database.drop();
    },
  };
}

/** POSTs straight to a subgraph, the way the gateway does for `_entities`. */
export async function querySubgraph(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: any[] };
}

let catalogSchema: GraphQLSchema | undefined;

/** A storefront query as written, less the fields owned by contexts not in this test's graph (e.g. inventory's). */
export function storefrontQuery(file: string): { text: string; stripped: string[] } {
  catalogSchema ??= buildSubgraphSchema({ typeDefs });
  return sharedStorefrontQuery(file, catalogSchema);
}
